// Where a `#` comment starts on a line of KL code: the first `#` outside a quoted string.

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
