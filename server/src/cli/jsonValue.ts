// Values as the `--json` contract writes them (spec): numbers, arrays, label
// maps, parametric distributions; non-finite numbers as strings.
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

/** The value; with `entries`, vectors and rows are cut after that many (the human output shows only the first few of a million). */
export function jsonValue(value: Value | undefined, entries = Infinity): JsonValue {
  if (!value) return null;
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

function cut<T extends JsonValue[] | { [key: string]: JsonValue }>(shown: T, leftOut: number): T {
  if (leftOut > 0) Object.defineProperty(shown, LEFT_OUT, { value: leftOut });
  return shown;
}
