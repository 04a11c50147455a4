// softmax, and the log-probabilities of its value. A probability below the
// normal doubles has lost digits (subnormal) or all of them (softmax of
// [1000, 999, 0] gives e^-1000.3 as 0), so the log of the double is wrong or
// −∞ there. The value keeps its logits, and a measure takes
//   ln qᵢ = (zᵢ − max z) − ln Σⱼ e^(zⱼ − max z)
// for such an outcome: finite for every finite logit, exact to rounding (the
// two parts have the same sign, nothing cancels).

import { roundingOf } from './summation';

/** What a softmax's value was computed from, row by row (a vector is one row). */
export interface SoftmaxLogits {
  /** The logits, laid out like the value (not a copy: values never change). */
  data: Float64Array;
  /** Each row's largest logit. */
  max: Float64Array;
  /** Each row's ln Σⱼ e^(zⱼ − max z). */
  lnTotal: Float64Array;
}

/** One row of a softmax's logits, as the measures take it. */
export interface LogitRow {
  logits: Float64Array;
  max: number;
  lnTotal: number;
}

/** Below this (2^-1022) a double is subnormal: a softmax's probability there takes its log from the logits. */
export const SMALLEST_NORMAL = 2 ** -1022;

/** ln qᵢ from the logits: (zᵢ − max) − ln Σⱼ e^(zⱼ − max); −∞ for a logit of −∞. */
export function lnSoftmax(row: LogitRow, i: number): number {
  return row.logits[i] - row.max - row.lnTotal;
}

/** Row r of a softmax's logits, `width` outcomes wide. */
export function logitRow(logits: SoftmaxLogits, r: number, width: number): LogitRow {
  return { logits: logits.data.subarray(r * width, (r + 1) * width), max: logits.max[r], lnTotal: logits.lnTotal[r] };
}

/**
 * softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z), row by row (rows of
 * `width`): no overflow for large logits. Returns the probabilities and what
 * their logs are computed from.
 */
export function softmaxRows(data: Float64Array, width: number): { probabilities: Float64Array; logits: SoftmaxLogits } {
  const rows = width === 0 ? 0 : data.length / width;
  const probabilities = new Float64Array(data.length);
  const max = new Float64Array(rows);
  const lnTotal = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * width;
    const end = start + width;
    let largest = -Infinity;
    for (let i = start; i < end; i++) if (data[i] > largest) largest = data[i];
    let sum = 0;
    let compensation = 0;
    for (let i = start; i < end; i++) {
      const x = Math.exp(data[i] - largest);
      probabilities[i] = x;
      const t = sum + x;
      compensation += roundingOf(sum, x, t);
      sum = t;
    }
    const total = sum + compensation;
    for (let i = start; i < end; i++) probabilities[i] /= total;
    max[r] = largest;
    lnTotal[r] = Math.log(total);
  }
  return { probabilities, logits: { data, max, lnTotal } };
}
