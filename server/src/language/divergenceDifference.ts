// H(P, Q) − H(P) is KL(P ‖ Q). Written as a difference, two values near H(P)
// cancel to their rounding errors where P and Q are close (KL = 1e-20 out of
// two values near 0.69 keeps no digit), so the difference of a cross-entropy
// and the entropy of its own P, in one unit, is the divergence, computed by
// its own kernel that does not cancel (measures.ts, klDivergence).
import type { CategoricalDetail } from './measureDetail';
import { klDivergence } from './measures';
import type { NumberValue } from './values';

/** KL(P ‖ Q) where `left` is H(P, Q) and `right` is H(P) of the same P (row by row for batches); else undefined. */
export function crossEntropyLessEntropy(left: NumberValue, right: NumberValue): number | undefined {
  const crossEntropy = left.detail;
  const entropy = right.detail;
  if (crossEntropy?.kind !== 'categorical' || entropy?.kind !== 'categorical') return undefined;
  if (crossEntropy.measure !== 'crossEntropy' || entropy.measure !== 'entropy' || crossEntropy.unit !== entropy.unit) return undefined;
  if (!sameDistributions(crossEntropy, entropy)) return undefined;
  const rows = crossEntropy.rows;
  let sum = 0;
  for (const row of rows) sum += klDivergence(row.p, row.q as Float64Array, crossEntropy.unit, row.qLogits).value;
  return sum / rows.length;
}

/** Whether both measures read the same P, entry by entry (labels included), in every row. */
function sameDistributions(crossEntropy: CategoricalDetail, entropy: CategoricalDetail): boolean {
  if (crossEntropy.rows.length !== entropy.rows.length || crossEntropy.labels?.join('\u0000') !== entropy.labels?.join('\u0000')) return false;
  return crossEntropy.rows.every((row, r) => {
    const p = entropy.rows[r].p;
    return row.q !== undefined && row.p.length === p.length && row.p.every((entry, i) => entry === p[i]);
  });
}
