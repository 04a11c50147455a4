// Values as the `--json` contract writes them (spec): numbers, arrays, label
// maps, parametric distributions; non-finite numbers as strings. A large
// vector or matrix is written as a summary (docs/cli.md): ten million numbers
// are some 200 MB of JSON, and a dozen statements naming one would be past the
// longest string V8 can build.
import type { Value } from '../language/values';

export type JsonValue = number | string | JsonValue[] | { [key: string]: JsonValue } | null;

export function jsonNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return Object.is(x, -0) ? 0 : x;
}

/**
 * On an array or object cut for the human output: how many entries were left
 * out. A symbol, so JSON.stringify and Object.entries never see it.
 */
export const LEFT_OUT = Symbol('entries left out');

/** A vector or matrix of more numbers than this is summarised. */
export const MAX_NUMBERS_IN_FULL = 100_000;
/** Once a file's report has written this many numbers of vectors and matrices in full, the rest are summarised. */
export const MAX_NUMBERS_IN_FULL_PER_FILE = 1_000_000;
/** The entries (and rows) a summary shows. */
const SUMMARY_HEAD = 8;

/** How many numbers of vectors and matrices one file's report may still write in full. */
export interface FullNumbers {
  left: number;
}

export function fullNumbersOfOneFile(): FullNumbers {
  return { left: MAX_NUMBERS_IN_FULL_PER_FILE };
}

/**
 * The value; with `entries`, vectors and rows are cut after that many (the
 * human output shows only the first few of a million). With `full`, a vector
 * or matrix is written whole only within its limits, else summarised.
 */
export function jsonValue(value: Value | undefined, entries = Infinity, full?: FullNumbers): JsonValue {
  if (!value) return null;
  if (full && (value.kind === 'vector' || value.kind === 'matrix')) {
    const size = value.data.length;
    if (size > MAX_NUMBERS_IN_FULL || size > full.left) return summary(value);
    full.left -= size;
  }
  switch (value.kind) {
    case 'number':
      return jsonNumber(value.value);
    case 'vector': {
      const shown = Math.min(value.data.length, entries);
      if (value.labels) {
        const labels = value.labels;
        // fromEntries defines own properties, so a label like `__proto__` stays a plain key.
        return cut(Object.fromEntries(labels.slice(0, shown).map((label, i) => [label, jsonNumber(value.data[i])])), value.data.length - shown);
      }
      return cut(Array.from(value.data.subarray(0, shown), jsonNumber), value.data.length - shown);
    }
    case 'matrix': {
      const rows = Math.min(value.rows, entries);
      const columns = Math.min(value.columns, entries);
      const row = (r: number) => cut(Array.from(value.data.subarray(r * value.columns, r * value.columns + columns), jsonNumber), value.columns - columns);
      return cut(Array.from({ length: rows }, (_, r) => row(r)), value.rows - rows);
    }
    case 'normal':
      return { distribution: 'normal', mu: jsonNumber(value.mu), sigma: jsonNumber(value.sigma) };
    case 'string':
      return value.value;
  }
}

/**
 * `{"summary": "vector", "length": n, "head": [the first 8]}`, with `head` a
 * label map for a labelled vector; `{"summary": "matrix", "rows": r,
 * "columns": c, "head": [the first 8 entries of the first 8 rows]}`. A label
 * map holds only numbers (and "Infinity"…), so `head` tells a summary from a
 * distribution whose labels are `summary`, `length` and `head`.
 */
function summary(value: Extract<Value, { kind: 'vector' | 'matrix' }>): JsonValue {
  const head = jsonValue(value, SUMMARY_HEAD);
  if (value.kind === 'vector') return { summary: 'vector', length: value.data.length, head };
  return { summary: 'matrix', rows: value.rows, columns: value.columns, head };
}

function cut<T extends JsonValue[] | { [key: string]: JsonValue }>(shown: T, leftOut: number): T {
  if (leftOut > 0) Object.defineProperty(shown, LEFT_OUT, { value: leftOut });
  return shown;
}
