// The term every discrete relative entropy here is a sum of:
// KL(P ‖ Q) = Σ_k [p_k ln(p_k / q_k) − p_k + q_k], whose terms are each ≥ 0
// (Σ p = Σ q, so the added q − p sum to 0). With x = (q − p)/p a term is
// p·(x − ln(1 + x)), which special/elementary.ts computes without cancellation
// near x = 0, where it is ≈ p·x²/2: sums of such terms keep their relative
// accuracy down to KL = 1e-20 and below.
import { log1pMinusX, logRatio } from '../../special/elementary';

/**
 * a·ln(a/b) − a + b ≥ 0 for masses a, b ≥ 0 (Loader's bd0), to a few ulps
 * relative. `difference` is b − a, when the caller knows it more exactly than
 * the rounded a and b do (1 − q minus 1 − p is exactly p − q).
 * 0·ln(0/b) = 0, so a = 0 gives b; a > 0 = b gives +∞.
 */
export function relativeEntropyTerm(a: number, b: number, difference = b - a): number {
  if (a === 0) return b;
  if (b === 0) return Infinity;
  const x = difference / a;
  // Below x = −½ the rounded x would carry its absolute error into ln(1 + x) ≈ ln(b/a):
  // the logarithm is taken of b/a itself (at b/a = 1e-300, 1 + x is 0).
  if (x >= -0.5 && Number.isFinite(x)) return 0 - a * log1pMinusX(x); // 0 − …: never −0
  return difference - a * logRatio(b, a);
}
