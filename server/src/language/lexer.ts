// The lexer of one statement's text. It never throws: characters it does not
// know become `invalid` tokens that the parser reports with their exact place.
import type { Span } from './span';

export type TokenKind =
  | 'number'
  | 'name'
  | 'string'
  | 'operator'
  | 'invalid'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The token's text as written (for `number`, including a trailing `%`). */
  text: string;
  span: Span;
}

// Longest first, so that `||` wins over `|` and `==` over `=`.
const OPERATORS = ['||', '==', '~=', '+-', '≈', '±', '‖', '+', '-', '*', '·', '×', '/', '^', '(', ')', '[', ']', '{', '}', ',', ':', '=', ';'];

/** Spellings that mean the same operator; the parser only sees the canonical one. */
const CANONICAL: Record<string, string> = { '‖': '||', '~=': '≈', '+-': '±', '·': '*', '×': '*' };

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{M}\p{N}_]/u;

/** The operators by the code of their first character, longest first. */
const OPERATORS_BY_FIRST = new Map<number, string[]>();
for (const op of OPERATORS) OPERATORS_BY_FIRST.set(op.charCodeAt(0), [...(OPERATORS_BY_FIRST.get(op.charCodeAt(0)) ?? []), op]);

/** The operator written at `i`, the longest that matches, or undefined. */
function operatorAt(text: string, i: number, code: number): string | undefined {
  const candidates = OPERATORS_BY_FIRST.get(code);
  if (!candidates) return undefined;
  for (const op of candidates) if (op.length === 1 || text.startsWith(op, i)) return op;
  return undefined;
}

// ASCII letters, digits and `_` are decided by their code; the Unicode classes are asked only beyond ASCII.
function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

function isAsciiNamePart(code: number): boolean {
  return isAsciiLetter(code) || (code >= 48 && code <= 57);
}

/** Splits `text` into tokens; `#` comments and white space (also newlines) are skipped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // space, tab, \r, \n, no-break space
    if (code === 32 || code === 9 || code === 13 || code === 10 || code === 0xa0) {
      i++;
      continue;
    }
    if (code === 35) {
      // # to the end of the line
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    if (isDigitCode(code) || (code === 46 && isDigitCode(text.charCodeAt(i + 1)))) {
      i = scanNumber(text, i);
      tokens.push({ kind: 'number', text: text.slice(start, i), span: { start, end: i } });
      continue;
    }
    const ch = text[i];
    const char = code < 128 ? ch : String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (code < 128 ? isAsciiLetter(code) : NAME_START.test(char)) {
      i += char.length;
      while (i < text.length) {
        const nextCode = text.charCodeAt(i);
        if (nextCode < 128) {
          if (!isAsciiNamePart(nextCode)) break;
          i++;
          continue;
        }
        const next = String.fromCodePoint(text.codePointAt(i) ?? 0);
        if (!NAME_PART.test(next)) break;
        i += next.length;
      }
      tokens.push({ kind: 'name', text: text.slice(start, i), span: { start, end: i } });
      continue;
    }
    if (ch === '"' || ch === "'") {
      i++;
      while (i < text.length && text[i] !== ch && text[i] !== '\n') i++;
      const closed = text[i] === ch;
      if (closed) i++;
      tokens.push({ kind: closed ? 'string' : 'invalid', text: text.slice(start, i), span: { start, end: i } });
      continue;
    }
    const operator = operatorAt(text, i, code);
    if (operator) {
      i += operator.length;
      tokens.push({ kind: 'operator', text: CANONICAL[operator] ?? operator, span: { start, end: i } });
      continue;
    }
    i += char.length;
    tokens.push({ kind: 'invalid', text: char, span: { start, end: i } });
  }
  tokens.push({ kind: 'end', text: '', span: { start: text.length, end: text.length } });
  return tokens;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** `code` of a character 0–9 (NaN past the end of the text is not). */
function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `12`, `0.75`, `.5`, `1e-3`, `2.5E+4`, `75%`. Returns the index after the number. */
function scanNumber(text: string, i: number): number {
  while (isDigit(text[i])) i++;
  if (text[i] === '.') {
    i++;
    while (isDigit(text[i])) i++;
  }
  if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || ((text[i + 1] === '-' || text[i + 1] === '+') && isDigit(text[i + 2])))) {
    i += 2;
    while (isDigit(text[i])) i++;
  }
  if (text[i] === '%') i++;
  return i;
}
