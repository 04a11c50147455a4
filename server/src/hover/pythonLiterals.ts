// Values as Python source, for the programs of "Copy as Python": every piece
// of a label (from a document or a file) becomes a string literal that Python
// reads back as exactly that string, so nothing in a label can end the
// literal, or the line, and run as code.

/**
 * A single-quoted Python string literal. Letters, marks, digits, punctuation,
 * symbols and spaces of any script stay as they are; the backslash and the
 * quote are escaped; everything else (controls such as LF, CR and NUL, the
 * line and paragraph separators, format characters such as the bidirectional
 * controls, unpaired surrogates, private-use and unassigned code points) is
 * written as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
 */
function pythonString(value: string): string {
  let literal = "'";
  for (const character of value) {
    if (character === '\\' || character === "'") literal += `\\${character}`;
    else if (SHOWN_AS_IS.test(character)) literal += character;
    else literal += codePointEscape(character.codePointAt(0) as number);
  }
  return `${literal}'`;
}

/** Categories L, M, N, P, S and the space separators; a string iterator gives an unpaired surrogate alone, which is none of them. */
const SHOWN_AS_IS = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

function codePointEscape(codePoint: number): string {
  if (codePoint <= 0xff) return `\\x${hex(codePoint, 2)}`;
  if (codePoint <= 0xffff) return `\\u${hex(codePoint, 4)}`;
  return `\\U${hex(codePoint, 8)}`;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/** A list of string literals. */
export function pythonStrings(values: readonly string[]): string {
  return `[${values.map(pythonString).join(', ')}]`;
}

/** A double as Python reads it: the shortest repr, and float('inf') / float('-inf') / float('nan') for the others. */
export function pythonNumber(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "float('-inf')";
  return Object.is(x, -0) ? '0' : String(x);
}
