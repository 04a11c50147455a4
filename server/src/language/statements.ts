// Splits the KL code of a document into statements: one per line, continued
// over the next lines only while a `[`, `(` or `{` is open. A continuation
// stops at a blank line or at a line that clearly starts a new statement
// (`name = …` or a directive at the start of the line), so one unclosed
// bracket never swallows the rest of the document. A continued statement that
// does not parse ends before the first of its later lines that parses on its
// own (the recovery rule of docs/language.md): `KL(P ||` above `H(P)` is one
// half-typed line and one complete statement, not one broken statement.
import { commentStart } from './comments';
import { couldContinue, MAX_NESTING, parseStatement } from './parser';
import type { Span } from './span';

export interface SourceStatement {
  /** The statement's text, possibly over several lines, without its trailing newline. */
  text: string;
  /** Where `text` starts in the document. */
  offset: number;
}

/**
 * Below a line that parses on its own, a statement with more brackets open
 * than this is taken not to parse. Each statement cut short is followed by
 * statements that may again run over the lines below it; this bounds how many
 * of them read the same line (brackets opened on different lines, all still
 * open), so that splitting stays linear in the text however it is written.
 */
const RECOVERY_DEPTH = 8;

const NEW_STATEMENT = /^(?:[\p{L}_][\p{L}\p{M}\p{N}_]*[ \t]*=(?!=)|(?:units|base|precision)[ \t]+\S)/u;

/**
 * The statements of the regions, in order; past `limit` of them, the rest is
 * not split. Each statement cut short by the recovery rule adds to `recovered`
 * the span from its start to the end of the last line looked at to cut it.
 */
export function splitStatements(text: string, regions: readonly Span[], limit = Infinity, recovered?: Span[]): SourceStatement[] {
  const statements: SourceStatement[] = [];
  for (const region of regions) {
    if (statements.length >= limit) break;
    splitRange(text, region.start, region.end, statements, limit, undefined, recovered);
  }
  return statements;
}

/**
 * Appends the statements of text[start, end) to `into`, up to `limit` in all.
 * `start` is a line start where no statement is open. At every line start
 * where no statement is open, `stopsAt` may end the split: what follows is
 * known to split as it did before an edit. Where a statement starts depends on
 * nothing above it, so that is sound. Returns where the split ended.
 */
export function splitRange(text: string, start: number, end: number, into: SourceStatement[], limit = Infinity, stopsAt?: (lineStart: number) => boolean, recovered?: Span[]): number {
  let lineStart = start;
  while (lineStart < end && into.length < limit) {
    if (stopsAt?.(lineStart)) return lineStart;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    if (isBlank(text, lineStart, lineEnd)) {
      lineStart = lineEnd + 1;
      continue;
    }
    const depth = bracketBalance(text, lineStart, lineEnd);
    if (depth <= 0) {
      into.push(statementAt(text, lineStart, lineEnd));
      lineStart = lineEnd + 1;
      continue;
    }
    const continued = continuedStatement(text, lineStart, lineEnd, end, depth);
    into.push(statementAt(text, lineStart, continued.end));
    if (continued.reach !== undefined) recovered?.push({ start: lineStart, end: continued.reach });
    lineStart = continued.next;
  }
  return Math.min(lineStart, end);
}

interface Continued {
  /** Where the statement's text ends. */
  end: number;
  /** Where the next statement may start (a line start, or past the end). */
  next: number;
  /** Cut short by the recovery rule: the end of the last line looked at to decide it. */
  reach?: number;
}

/**
 * The statement that starts at `start` with `depth` brackets open at the end
 * of its first line. It runs until its brackets close, or up to a blank line,
 * a line that starts a new statement or the end of the region. If it then
 * does not parse, it ends before the first of its later lines that parses on
 * its own. Which lines those are is found on the way, one short line at a
 * time, so a multi-line statement is parsed whole at most once, and only when
 * one of its lines also parses alone.
 */
function continuedStatement(text: string, start: number, firstLineEnd: number, end: number, depth: number): Continued {
  // Known not to parse, before its end is found: more brackets open than the parser reads, or a wrong turn.
  let fails = depth > MAX_NESTING;
  // The start of the first later line that parses on its own, if any.
  let alone = -1;
  // Once a line parses alone, whether the lines so far could still continue into a statement is asked
  // 1, 3, 7, 15… lines later: a statement that went wrong is cut soon after, at a cost in proportion to its text.
  let linesSinceAlone = 0;
  let nextQuestion = 1;
  let lineStart = firstLineEnd + 1;
  let lastLooked = firstLineEnd;
  // Where the last line with code on it ends (before `alone`, once found): comment lines after it are not the statement's.
  let codeEnd = firstLineEnd;
  let statementEnd = end;
  let closed = false;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    lastLooked = lineEnd;
    if (isWhiteSpace(text, lineStart, lineEnd) || NEW_STATEMENT.test(text.slice(lineStart, lineEnd))) {
      statementEnd = lineStart - 1;
      break;
    }
    const balance = bracketBalance(text, lineStart, lineEnd);
    if (alone < 0) {
      // A line that opens or closes more brackets than it closes or opens is not complete on its own.
      if (balance === 0 && parsesAlone(text, lineStart, lineEnd)) alone = lineStart;
      else if (!isBlank(text, lineStart, lineEnd)) codeEnd = lineEnd;
    }
    depth = Math.max(0, depth + balance);
    if (depth === 0) {
      statementEnd = lineEnd;
      closed = true;
      break;
    }
    fails ||= depth > (alone >= 0 ? RECOVERY_DEPTH : MAX_NESTING);
    if (alone >= 0 && !fails && linesSinceAlone++ === nextQuestion) {
      nextQuestion = 2 * nextQuestion + 1;
      fails = !couldContinue(text.slice(start, lineEnd));
    }
    // It cannot parse, and the line that ends it is known.
    if (fails && alone >= 0) break;
    lineStart = lineEnd + 1;
  }
  if (closed && (alone < 0 || (!fails && parsesWhole(text.slice(start, statementEnd))))) return { end: statementEnd, next: statementEnd + 1 };
  // Unclosed, its error is at its end: on its last line of code, not on a comment below it.
  if (alone < 0) return { end: codeEnd, next: statementEnd + 1 };
  return { end: codeEnd, next: alone, reach: lastLooked };
}

/**
 * Whether the statement parses. One too long to read is taken whole: the
 * parser refuses it unread, and reading it here would cost what that limit
 * saves.
 */
function parsesWhole(statement: string): boolean {
  const { diagnostics } = parseStatement(statement);
  return diagnostics.every((diagnostic) => diagnostic.code === 'too-large');
}

/** Whether the line text[start, end) is a complete statement on its own (not a comment, not a fragment). */
function parsesAlone(text: string, start: number, end: number): boolean {
  const line = text.slice(start, end);
  if (!mayParseAlone(line)) return false;
  const { statement, diagnostics } = parseStatement(line);
  return statement.kind !== 'blank' && diagnostics.length === 0;
}

/**
 * False for most lines of a multi-line vector, map or call, without parsing
 * them: a line that starts with a separator or a closing bracket, or ends with
 * a separator, an operator or an opening bracket, is a fragment.
 */
function mayParseAlone(line: string): boolean {
  const code = line.slice(0, commentStart(line)).trim();
  return code !== '' && !FRAGMENT_START.includes(code[0]) && !FRAGMENT_END.includes(code[code.length - 1]);
}

const FRAGMENT_START = ',)]}*/^:=|≈±·×‖';
const FRAGMENT_END = ',([{+-*/^=:|≈±·×‖';

function statementAt(text: string, start: number, end: number): SourceStatement {
  let stop = end;
  while (stop > start && (text[stop - 1] === '\n' || text[stop - 1] === '\r')) stop--;
  return { text: text.slice(start, stop), offset: start };
}

/** Whether text[start, end) is empty or white space, as String.prototype.trim sees it. */
function isWhiteSpace(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return text.slice(start, end).trim() === '';
    if (code !== 32 && (code < 9 || code > 13)) return false;
  }
  return true;
}

/** Empty, white space, or only a comment. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 35) return true; // #
    if (ch !== 32 && ch !== 9 && ch !== 13) return false;
  }
  return true;
}

/**
 * The brackets a line leaves open (negative: closes more than it opens),
 * outside strings and before a comment. The characters that matter are found
 * by a regular expression, in V8's compiled code rather than a loop over every
 * character: a 10 MB line of numbers has one bracket, and is scanned once at
 * native speed instead of ten million steps of a function not yet optimised.
 */
function bracketBalance(text: string, start: number, end: number): number {
  // The line alone (V8 slices without copying): a search in the whole text would run on to the next
  // bracket anywhere below, for every line, which is quadratic in a document of lines without one.
  const line = start === 0 && end === text.length ? text : text.slice(start, end);
  let balance = 0;
  const significant = SIGNIFICANT;
  significant.lastIndex = 0;
  for (let match = significant.exec(line); match !== null; match = significant.exec(line)) {
    const ch = line.charCodeAt(match.index);
    if (ch === 35) break; // #
    if (ch === 34 || ch === 39) {
      // " ' : the string runs to its closing quote, or to the end of the line.
      const close = line.indexOf(match[0], match.index + 1);
      if (close < 0) break;
      significant.lastIndex = close + 1;
    } else if (ch === 91 || ch === 40 || ch === 123) balance++; // [ ( {
    else balance--; // ] ) }
  }
  return balance;
}

const SIGNIFICANT = /[#"'[\](){}]/g;

/**
 * `text` as a string of its own. V8 makes a substring of 13 characters or more
 * a view into the string it was cut from, so a statement that outlives its
 * version of the document (an unchanged statement is kept by every later
 * analysis) would keep that whole document alive: one more document per edit.
 */
export function ownCopy(text: string): string {
  // Concatenating makes a rope; slicing it flattens the rope into a new string and cuts from that.
  return (' ' + text).slice(1);
}
