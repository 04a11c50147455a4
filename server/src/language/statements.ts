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
    let lineStart = region.start;
    let statementStart = -1;
    let depth = 0;
    while (lineStart < region.end && statements.length < limit) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > region.end) lineEnd = region.end;
      const line = text.slice(lineStart, lineEnd);
      if (statementStart >= 0 && (line.trim() === '' || NEW_STATEMENT.test(line))) {
        statements.push(statementAt(text, statementStart, lineStart - 1));
        statementStart = -1;
        depth = 0;
      }
      if (statementStart < 0) {
        if (!isBlank(line)) {
          statementStart = lineStart;
          depth = Math.max(0, bracketBalance(line));
        }
      } else {
        depth = Math.max(0, depth + bracketBalance(line));
      }
      if (statementStart >= 0 && depth === 0) {
        statements.push(statementAt(text, statementStart, lineEnd));
        statementStart = -1;
      }
      lineStart = lineEnd + 1;
    }
    if (statementStart >= 0) statements.push(statementAt(text, statementStart, region.end));
  }
  return statements;
}

function statementAt(text: string, start: number, end: number): SourceStatement {
  let stop = end;
  while (stop > start && (text[stop - 1] === '\n' || text[stop - 1] === '\r')) stop--;
  return { text: text.slice(start, stop), offset: start };
}

/** Empty, white space, or only a comment. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '#') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}

/** Opened minus closed brackets on a line, ignoring strings and comments. */
function bracketBalance(line: string): number {
  let balance = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '#') break;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '(' || ch === '{') balance++;
    else if (ch === ']' || ch === ')' || ch === '}') balance--;
  }
  return balance;
}
