// Check tolerances (spec): a decimal literal on the right with d digits after
// the point allows ±0.5·10^−d; `± t` sets an absolute tolerance; otherwise
// `≈` allows a relative difference of 1e-6 and `==` of 1e-12.
// Extensions, same idea: `1.5e-3` allows half a unit of its last written digit
// (±0.5e-4), `41.5%` likewise in percent (±0.0005); an integer literal `2`
// carries no digits after the point, so the relative rule applies.
import type { Expression } from './ast';

export type Tolerance =
  | { kind: 'absolute'; value: number; source: 'digits' | 'explicit' }
  | { kind: 'relative'; value: number };

export const APPROXIMATE_RELATIVE = 1e-6;
export const EXACT_RELATIVE = 1e-12;

/** The tolerance that the digits of a literal set, if it is a decimal literal (possibly signed). */
export function literalTolerance(expression: Expression): number | undefined {
  const literal = expression.type === 'unary' && expression.operand.type === 'number' ? expression.operand : expression;
  if (literal.type !== 'number') return undefined;
  return toleranceOfWrittenNumber(literal.text);
}

export function toleranceOfWrittenNumber(text: string): number | undefined {
  const match = /^(\d*)\.(\d+)(?:[eE]([-+]?\d+))?(%?)$/.exec(text);
  if (!match) return undefined;
  const decimals = match[2].length - Number(match[3] ?? 0) + (match[4] ? 2 : 0);
  // 5e-(d+1) read as a decimal: the double nearest the tolerance, shown as ±0.00005 (0.5 · 10^-4 is 0.000049999999999999996).
  return Number(`5e${-(decimals + 1)}`);
}

function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) / scale;
}

/** Whether `actual` is within `tolerance` of `expected`; infinities match only themselves. */
export function withinTolerance(actual: number, expected: number, tolerance: Tolerance): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return actual === expected;
  // A value rounded honestly lies within ±t of the written decimal; the double of that decimal,
  // and the difference, carry rounding errors of a few ulps of the values themselves, allowed here
  // (-50.0625 ≈ -50.063: the double -50.063 is 2.4e-15 further away than the decimal).
  if (tolerance.kind === 'absolute') return Math.abs(actual - expected) <= tolerance.value * (1 + 1e-12) + 4 * Number.EPSILON * Math.max(Math.abs(actual), Math.abs(expected));
  return relativeDifference(actual, expected) <= tolerance.value;
}
