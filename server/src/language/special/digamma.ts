// ψ(x) = d/dx ln Γ(x) and ψ′(x) for x > 0. For x ≥ 10 the asymptotic series;
// below, the recurrence ψ(x) = ψ(x + n) − Σ 1/(x + i) (and its derivative),
// except on [1, 2], around ψ's zero x₀ = 1.46163…, where the recurrence
// would leave a few ulps of ψ(x + n) ≈ 2.4 on a value that goes to 0: there,
// ψ's Taylor series at x₀, in h = x − x₀ with x₀ in two doubles, keeps ψ's
// relative accuracy down to the zero.

import { integrateAlongSegment } from './quadrature';
import { ASYMPTOTIC_FROM, digammaTail, trigammaTail } from './stirling';

/** x₀ = ZERO_HIGH + ZERO_LOW to 32 digits (mpmath.findroot). */
const ZERO_HIGH = 1.4616321449683622;
const ZERO_LOW = 9.549995429965697e-17;
/**
 * ψ⁽ⁿ⁾(x₀)/n! for n = 1 … 41 (mpmath.psi at 60 digits). Their ratio tends to
 * −1/x₀, so on [1, 2] (|h| ≤ 0.54) the last term is below 1e-18.
 */
const AT_ZERO = [
  0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652, 0.10782405069126237, -0.07219956125645471,
  0.04880428816414311, -0.03316112647484736, 0.022597648232218104, -0.01542476590494896, 0.010538791616612175,
  -0.007204534386356869, 0.004926781395729853, -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972,
  0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602, -0.0003454680251063077, 0.00023635601564027053,
  -0.00016170622091974803, 0.0001106337276874741, -7.569179582195066e-05, 5.178575795222081e-05, -3.5430070947659604e-05,
  2.424006611860132e-05, -1.6584242271854135e-05, 1.134638458466385e-05, -7.762817668462094e-06, 5.3110609208898636e-06,
  -3.6336507898010456e-06, 2.486022733129538e-06, -1.7008538854332607e-06, 1.1636675363548843e-06, -7.96142543124197e-07,
  5.446941930669446e-07, -3.7266161283438227e-07, 2.549626552021554e-07, -1.7443695117727745e-07, 1.1934394829830244e-07,
];

/** ψ(x) for x in [1, 2] from its Taylor series at x₀. */
function digammaNearZero(x: number): number {
  // x − ZERO_HIGH is exact (Sterbenz: x and ZERO_HIGH within a factor 2).
  const h = x - ZERO_HIGH - ZERO_LOW;
  let sum = 0;
  for (let n = AT_ZERO.length - 1; n >= 0; n--) sum = AT_ZERO[n] + h * sum;
  return h * sum;
}

/** ψ(x) for x > 0; NaN for x ≤ 0 or NaN. */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x >= 1 && x <= 2) return digammaNearZero(x);
  let reciprocals = 0;
  let y = x;
  if (y < ASYMPTOTIC_FROM) {
    // Sum from the smallest term up: 1/(x + n − 1) first, 1/x last.
    const steps = Math.ceil(ASYMPTOTIC_FROM - x);
    for (let i = steps - 1; i >= 0; i--) reciprocals += 1 / (x + i);
    y = x + steps;
  }
  return Math.log(y) - 0.5 / y - digammaTail(y) - reciprocals;
}

/** ψ′(x) for x > 0 (the trigamma function); NaN for x ≤ 0 or NaN. */
export function trigamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return 0;
  let squares = 0;
  let y = x;
  if (y < ASYMPTOTIC_FROM) {
    const steps = Math.ceil(ASYMPTOTIC_FROM - x);
    for (let i = steps - 1; i >= 0; i--) squares += 1 / ((x + i) * (x + i));
    y = x + steps;
  }
  return 1 / y + trigammaTail(y) + squares;
}

/**
 * ψ′(x) − 1/x for x > 0: the curvature of ln Γ(x) − x ln x + x, positive and
 * ≈ 1/(2x²) for large x, computed without subtracting ≈ 1/x from ≈ 1/x:
 * below 10, ψ′(x) − 1/x = ψ′(x + n) − 1/(x + n) + Σ 1/((x + i)²(x + i + 1)).
 */
export function trigammaMinusReciprocal(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return 0;
  let terms = 0;
  let y = x;
  if (y < ASYMPTOTIC_FROM) {
    const steps = Math.ceil(ASYMPTOTIC_FROM - x);
    for (let i = steps - 1; i >= 0; i--) terms += 1 / ((x + i) * (x + i) * (x + i + 1));
    y = x + steps;
  }
  return trigammaTail(y) + terms;
}

/**
 * ψ(b) − ψ(a) for a, b > 0, as ∫ ψ′ from a to b: accurate when a ≈ b, where
 * the difference of the two values would keep only the digits they differ by.
 */
export function digammaDifference(a: number, b: number): number {
  if (a === b) return 0;
  if (Math.abs(b - a) > 0.5 * Math.min(a, b)) return digamma(b) - digamma(a);
  const width = b - a;
  return integrateAlongSegment([a], [b], (tau) => trigamma(a + tau * width)) * width;
}
