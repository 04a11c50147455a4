// Where a `#` comment starts on a line of KL code (the first `#` outside a
// quoted string), and code as it is shown on one line without its comments.

/** The offset of the line's comment, or the line's length when it has none. */
export function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#') {
      return i;
    }
  }
  return line.length;
}

/**
 * Code as written, on one line: each line's comment dropped, every run of white
 * space (line breaks too) one space. What a lens, a hover or the CLI shows of a
 * statement or of a part of one (a span of the statement's text).
 */
export function writtenOnOneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.slice(0, commentStart(line)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
