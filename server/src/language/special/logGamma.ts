// ln Γ(x) for x > 0, to a few ulps over the whole double range (1e-308 …
// 1e308), with relative accuracy also at its zeros x = 1 and x = 2.
//
// x < 0.5:       ln Γ(x) = ln Γ(1 + x) − ln x
// 0.5 ≤ x < 1.5: the Taylor series of ln Γ(1 + t) at t = x − 1 (exact)
// 1.5 ≤ x < 2.5: ln Γ(x) = ln(1 + t) + ln Γ(1 + t), t = x − 2 (exact)
// 2.5 ≤ x < 10:  down to [1.5, 2.5) by Γ(x) = (x − 1) Γ(x − 1)
// x ≥ 10:        Stirling's series

import { EULER_GAMMA, HALF_LN_2PI } from './constants';
import { ASYMPTOTIC_FROM, stirlingRemainder } from './stirling';

/** ζ(2), ζ(3), …, ζ(60) to the nearest double (mpmath.zeta). */
const ZETA = [
  1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337, 1.0173430619844492, 1.008349277381923,
  1.0040773561979444, 1.0020083928260821, 1.000994575127818, 1.0004941886041194, 1.000246086553308, 1.0001227133475785,
  1.0000612481350588, 1.000030588236307, 1.0000152822594086, 1.0000076371976379, 1.000003817293265, 1.0000019082127165,
  1.0000009539620338, 1.0000004769329869, 1.0000002384505027, 1.000000119219926, 1.000000059608189, 1.0000000298035034,
  1.0000000149015549, 1.0000000074507118, 1.000000003725334, 1.0000000018626598, 1.0000000009313275, 1.0000000004656628,
  1.000000000232831, 1.0000000001164155, 1.0000000000582077, 1.0000000000291038, 1.000000000014552, 1.000000000007276,
  1.000000000003638, 1.000000000001819, 1.0000000000009095, 1.0000000000004547, 1.0000000000002274, 1.0000000000001137,
  1.0000000000000568, 1.0000000000000284, 1.0000000000000142, 1.000000000000007, 1.0000000000000036, 1.0000000000000018,
  1.0000000000000009, 1.0000000000000004, 1.0000000000000002, 1.0000000000000002, 1, 1, 1, 1, 1, 1, 1,
];
/** (−1)^k ζ(k) / k for k = 2 … 60: ln Γ(1 + t) + γt = Σ (−1)^k ζ(k) t^k / k for |t| < 1. */
const TAIL = ZETA.map((zeta, i) => ((i % 2 === 0 ? 1 : -1) * zeta) / (i + 2));

/**
 * ln Γ(1 + t) + γt for |t| ≤ ½: the Taylor tail of ln Γ at 1 beyond its
 * linear term, ≈ ζ(2) t²/2, with its relative accuracy for tiny t.
 * At |t| = ½ the term of t^60 is below 2^-60 of the sum.
 */
export function logGammaTaylorTail(t: number): number {
  let sum = 0;
  for (let i = TAIL.length - 1; i >= 0; i--) sum = TAIL[i] + t * sum;
  return sum * t * t;
}

/** ln Γ(1 + t) for |t| ≤ ½ (the tail above, less γt). */
export function logGammaOnePlus(t: number): number {
  return logGammaTaylorTail(t) - EULER_GAMMA * t;
}

/** ln Γ(x) for x > 0; NaN for x ≤ 0 or NaN, +∞ at +∞. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) return logGammaOnePlus(x) - Math.log(x);
  if (x < 1.5) return logGammaOnePlus(x - 1);
  if (x < 2.5) return Math.log1p(x - 2) + logGammaOnePlus(x - 2);
  if (x < ASYMPTOTIC_FROM) {
    // x = y + n with y in [1.5, 2.5): Γ(x) = Γ(y) · y (y + 1) … (x − 1).
    let y = x;
    let product = 1;
    while (y >= 2.5) {
      y -= 1;
      product *= y;
    }
    return Math.log(product) + Math.log1p(y - 2) + logGammaOnePlus(y - 2);
  }
  return x * (Math.log(x) - 1) - 0.5 * Math.log(x) + HALF_LN_2PI + stirlingRemainder(x);
}

/**
 * x ψ(1 + x) − ln Γ(1 + x) for |x| ≤ ½, ≈ ζ(2) x²/2: the Legendre transform
 * of ln Γ at 1, from the same series (x T′(x) − T(x) = Σ (k − 1) c_k x^k for
 * the tail T above; the γ terms cancel exactly).
 */
export function digammaTimesXMinusLogGamma(x: number): number {
  let sum = 0;
  for (let i = TAIL.length - 1; i >= 0; i--) sum = (i + 1) * TAIL[i] + x * sum;
  return sum * x * x;
}
