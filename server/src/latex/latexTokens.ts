// The tokens of a LaTeX formula, read as TeX reads math: every letter is its
// own token (`ab` is a times b), a command is `\` and a run of letters or one
// other character, spaces separate nothing, and `%` starts a comment. Numbers
// are the one liberty taken: `0.75` is one token (the parser splits off the
// first digit where TeX takes one character, as in `\log_20.75`), and a
// number written as code writes it, `1.5e-3`, is read as 1.5·10⁻³.
//
// Commands that only change how a formula looks are dropped here: spacing
// (`\,` `\!` `\;`), sizes (`\big(`, `\left(` … `\right)`: the delimiter stays),
// `\displaystyle`, `\limits`. The lexer never throws: a character it does not
// know is a `symbol` token the parser refuses with its place.
import type { Span } from '../language/span';

export type LatexTokenKind = 'number' | 'letter' | 'command' | 'symbol';

export interface LatexToken {
  kind: LatexTokenKind;
  /** The number as written, the letter, the command's name without `\`, or the symbol. */
  text: string;
  /** Offsets in the document. */
  span: Span;
}

const INVISIBLE_COMMANDS = new Set([
  ',', '!', ';', ':', ' ', '>', 'thinspace', 'medspace', 'thickspace', 'negthinspace', 'enspace',
  'left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm',
  'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits', 'mathstrut', 'strut', 'nonumber', 'notag',
]);

/** Unicode characters people paste into LaTeX, as the commands they stand for. */
const UNICODE_COMMANDS: Record<string, string> = {
  '×': 'times', '·': 'cdot', '÷': 'div', '≈': 'approx', '≃': 'simeq', '≠': 'neq', '≤': 'le', '≥': 'ge',
  '∑': 'sum', '∏': 'prod', '√': 'sqrt', '∞': 'infty', 'π': 'pi', '‖': '|', '±': 'pm',
};

const LETTER = /\p{L}/u;

/** The tokens of `text.slice(start, end)`, with spans in `text`'s offsets. */
export function tokenizeLatex(text: string, start: number, end: number): LatexToken[] {
  const tokens: LatexToken[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '~' || ch === '\u00a0') {
      i++;
      continue;
    }
    if (ch === '%') {
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    const from = i;
    if (ch === '\\') {
      i++;
      if (i < end && isAsciiLetter(text[i])) {
        while (i < end && isAsciiLetter(text[i])) i++;
      } else if (i < end) {
        i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      }
      const name = text.slice(from + 1, i);
      if (!INVISIBLE_COMMANDS.has(name)) tokens.push({ kind: 'command', text: name, span: { start: from, end: i } });
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(text[i + 1]) && i + 1 < end)) {
      i = numberEnd(text, i, end);
      tokens.push({ kind: 'number', text: text.slice(from, i), span: { start: from, end: i } });
      continue;
    }
    if (ch === '−') {
      tokens.push({ kind: 'symbol', text: '-', span: { start: from, end: i + 1 } });
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    i += char.length;
    const command = UNICODE_COMMANDS[char];
    if (command) tokens.push({ kind: 'command', text: command, span: { start: from, end: i } });
    else tokens.push({ kind: LETTER.test(char) ? 'letter' : 'symbol', text: char, span: { start: from, end: i } });
  }
  return tokens;
}

/** `12`, `0.75`, `.5`, and `1.5e-3` when the exponent follows with no space. */
function numberEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isDigit(text[i])) i++;
  if (text[i] === '.' && i + 1 < end && isDigit(text[i + 1])) {
    i++;
    while (i < end && isDigit(text[i])) i++;
  }
  const exponent = /^[eE][-+]?\d+/.exec(text.slice(i, Math.min(end, i + 12)));
  if (exponent && !/^\d/.test(text.slice(i + exponent[0].length, i + exponent[0].length + 1))) i += exponent[0].length;
  return i;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isAsciiLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
