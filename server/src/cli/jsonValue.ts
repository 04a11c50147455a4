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

export function jsonValue(value: Value | undefined): JsonValue {
  if (!value) return null;
  switch (value.kind) {
    case 'number':
      return jsonNumber(value.value);
    case 'vector':
      if (value.labels) {
        const labels = value.labels;
        // fromEntries defines own properties, so a label like `__proto__` stays a plain key.
        return Object.fromEntries(labels.map((label, i) => [label, jsonNumber(value.data[i])]));
      }
      return Array.from(value.data, jsonNumber);
    case 'matrix':
      return Array.from({ length: value.rows }, (_, r) => Array.from(value.data.subarray(r * value.columns, (r + 1) * value.columns), jsonNumber));
    case 'normal':
      return { distribution: 'normal', mu: jsonNumber(value.mu), sigma: jsonNumber(value.sigma) };
    case 'string':
      return value.value;
  }
}
