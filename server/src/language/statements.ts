// Splits the KL code of a document into statements: one per line, continued
// over the next lines only while a `[`, `(` or `{` is open. A continuation
// stops at a blank line or at a line that clearly starts a new statement
// (`name = …` or a directive at the start of the line), so one unclosed
// bracket never swallows the rest of the document.
import type { Span } from './span';

export interface SourceStatement {
  /** The statement's text, possibly over several lines, without its trailing newline. */
  text: string;
  /** Where `text` starts in the document. */
  offset: number;
}

const NEW_STATEMENT = /^(?:[\p{L}_][\p{L}\p{M}\p{N}_]*[ \t]*=(?!=)|(?:units|base|precision)[ \t]+\S)/u;

/** The statements of the regions, in order; past `limit` of them, the rest is not split. */
export function splitStatements(text: string, regions: readonly Span[], limit = Infinity): SourceStatement[] {
  const statements: SourceStatement[] = [];
  for (const region of regions) {
    if (statements.length >= limit) break;
    splitRange(text, region.start, region.end, statements, limit);
  }
  return statements;
}

/**
 * Appends the statements of text[start, end) to `into`, up to `limit` in all.
 * `start` is a line start where no statement is open. At every line start
 * where no statement is open, `stopsAt` may end the split: what follows is
 * known to split as it did before an edit. Returns where the split ended.
 */
export function splitRange(text: string, start: number, end: number, into: SourceStatement[], limit = Infinity, stopsAt?: (lineStart: number) => boolean): number {
  let lineStart = start;
  let statementStart = -1;
  let depth = 0;
  while (lineStart < end && into.length < limit) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    // Lines are read in place: only a continuation line is ever cut out (to match NEW_STATEMENT).
    if (statementStart >= 0 && (isWhiteSpace(text, lineStart, lineEnd) || NEW_STATEMENT.test(text.slice(lineStart, lineEnd)))) {
      into.push(statementAt(text, statementStart, lineStart - 1));
      statementStart = -1;
      depth = 0;
    }
    if (statementStart < 0) {
      if (stopsAt?.(lineStart)) return lineStart;
      if (!isBlank(text, lineStart, lineEnd)) {
        statementStart = lineStart;
        depth = Math.max(0, bracketBalance(text, lineStart, lineEnd));
      }
    } else {
      depth = Math.max(0, depth + bracketBalance(text, lineStart, lineEnd));
    }
    if (statementStart >= 0 && depth === 0) {
      into.push(statementAt(text, statementStart, lineEnd));
      statementStart = -1;
    }
    lineStart = lineEnd + 1;
  }
  if (statementStart >= 0) into.push(statementAt(text, statementStart, end));
  return end;
}

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

/** Opened minus closed brackets on the line text[start, end), ignoring strings and comments. */
function bracketBalance(text: string, start: number, end: number): number {
  let balance = 0;
  let quote = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (quote) {
      if (ch === quote) quote = 0;
      continue;
    }
    if (ch === 35) break; // #
    if (ch === 34 || ch === 39) quote = ch; // " '
    else if (ch === 91 || ch === 40 || ch === 123) balance++; // [ ( {
    else if (ch === 93 || ch === 41 || ch === 125) balance--; // ] ) }
  }
  return balance;
}

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
