// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0, without the
// cancellation of that sum when one argument is large (ln B(1e-3, 1e10):
// 6.9 out of terms of 2.2e11). With a ≤ b and s = a + b:
//
// a, b ≥ 10: ½ ln(2π/s) − (a − ½) ln(1 + b/a) − (b − ½) ln(1 + a/b)
//            + μ(a) + μ(b) − μ(s)                  (every term ≤ 0 but the μ's)
// b ≥ 10 > a: ln Γ(a) − a ln s − b [ln(1 + a/b) − a/b] + ½ ln(1 + a/b)
//            + μ(b) − μ(s)
// else:      the sum of the three ln Γ (all below ln Γ(20) ≈ 39.3)
//
// μ is Binet's function (stirling.ts): these are Stirling's series for the
// three ln Γ, with the large terms gathered by hand. DiDonato & Morris
// (ACM TOMS 18, 1992) and Boost's beta use the same grouping.

import { HALF_LN_2PI } from './constants';
import { log1pMinusX } from './elementary';
import { logGamma } from './logGamma';
import { ASYMPTOTIC_FROM, stirlingRemainder } from './stirling';

/** ln B(a, b) for a, b > 0; NaN otherwise. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return Number.NaN;
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large === Infinity) return -Infinity;
  const sum = small + large;
  if (small >= ASYMPTOTIC_FROM) {
    return (
      HALF_LN_2PI - 0.5 * Math.log(sum)
      - (small - 0.5) * Math.log1p(large / small)
      - (large - 0.5) * Math.log1p(small / large)
      + stirlingRemainder(small) + stirlingRemainder(large) - stirlingRemainder(sum)
    );
  }
  if (large >= ASYMPTOTIC_FROM) {
    const ratio = small / large;
    return (
      logGamma(small) - small * Math.log(sum)
      - large * log1pMinusX(ratio) + 0.5 * Math.log1p(ratio)
      + stirlingRemainder(large) - stirlingRemainder(sum)
    );
  }
  return logGamma(small) + logGamma(large) - logGamma(sum);
}
