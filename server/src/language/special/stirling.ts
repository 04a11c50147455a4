// The asymptotic (Stirling) series of ln Γ, ψ and ψ′ for large arguments,
// with the Bernoulli numbers B₂ … B₂₀. Each series is used from x = 10 on,
// where its tenth term is below 1e-19 of the first; below that the callers
// step up with the recurrences Γ(x + 1) = x Γ(x).

/** The argument from which the asymptotic series are accurate to a double. */
export const ASYMPTOTIC_FROM = 10;

/** B₂, B₄, …, B₂₀. */
const BERNOULLI_EVEN = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330];

/** Σ coefficient[j] · w^j for j = 0, 1, …, by Horner's rule. */
function series(coefficients: readonly number[], w: number): number {
  let sum = 0;
  for (let j = coefficients.length - 1; j >= 0; j--) sum = coefficients[j] + w * sum;
  return sum;
}

/** B₂ⱼ / (2j(2j − 1)), the coefficients of Binet's function. */
const BINET = BERNOULLI_EVEN.map((b, j) => b / ((2 * j + 2) * (2 * j + 1)));
/** B₂ⱼ / (2j), the coefficients of ψ's tail. */
const DIGAMMA_TAIL = BERNOULLI_EVEN.map((b, j) => b / (2 * j + 2));

/**
 * Binet's function μ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10:
 * Σ B₂ⱼ / (2j(2j − 1) x^(2j−1)), about 1/(12x).
 */
export function stirlingRemainder(x: number): number {
  return series(BINET, 1 / (x * x)) / x;
}

/** ρ(x) = ln x − 1/(2x) − ψ(x) for x ≥ 10: Σ B₂ⱼ / (2j x^(2j)), about 1/(12x²). */
export function digammaTail(x: number): number {
  // (1/x)/x rather than 1/x²: x² overflows from 1.3e154, the tail does not.
  return (series(DIGAMMA_TAIL, 1 / (x * x)) / x) / x;
}

/** ψ′(x) − 1/x for x ≥ 10: 1/(2x²) + Σ B₂ⱼ / x^(2j+1), about 1/(2x²). */
export function trigammaTail(x: number): number {
  return ((0.5 + series(BERNOULLI_EVEN, 1 / (x * x)) / x) / x) / x;
}
