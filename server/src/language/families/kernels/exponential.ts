// exponential(rate): entropy 1 − ln λ; KL to exponential, gamma, gumbel and
// normal (torch's _kl_exponential_exponential, _kl_exponential_gamma,
// _kl_exponential_gumbel, _kl_exponential_normal), +∞ to beta, pareto and
// uniform (_kl_exponential_infinity).

import { EULER_GAMMA, HALF_LN_2PI } from '../../special/constants';
import { expm1MinusX, log1pMinusX, logRatio, logRatioOfProduct } from '../../special/elementary';
import { logGamma, logGammaTaylorTail } from '../../special/logGamma';
import { ASYMPTOTIC_FROM, stirlingRemainder } from '../../special/stirling';
import { gradientToGamma, gradientToGumbel, gradientToNormal } from './crossEntropy';
import { finite, outsideSupport, type Divergence, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import type { ExponentialParameters, GammaParameters, GumbelParameters, NormalParameters } from './parameters';
import { HALF_LINE, outsideText } from './supports';
import { klToNormal } from './toNormal';

export function exponentialEntropy(p: ExponentialParameters): number {
  return 1 - Math.log(p.rate);
}

export function exponentialEntropyGradient(p: ExponentialParameters): Partials {
  return { rate: -1 / p.rate };
}

/** KL = φ(ln(λq/λp)), φ(t) = e^t − 1 − t. */
export function klExponentialExponential(p: ExponentialParameters, q: ExponentialParameters): Divergence {
  return finite(expm1MinusX(logRatio(q.rate, p.rate)));
}

export function klExponentialExponentialGradient(p: ExponentialParameters, q: ExponentialParameters): DivergenceGradient {
  const ratioMinusOne = Math.expm1(logRatio(q.rate, p.rate));
  return { p: { rate: -ratioMinusOne / p.rate }, q: { rate: ratioMinusOne / q.rate } };
}

/**
 * Z(k) = ln Γ(k) + γ(k − 1) + k − 1 − k ln k ≥ 0, zero at k = 1: the
 * divergence from exponential(λ) to the nearest gamma of shape k.
 * Near k = 1, with x = k − 1: T(x) − [x² + (1 + x)(ln(1 + x) − x)], T the
 * Taylor tail of ln Γ at 1; from 10 on, Stirling: ½ ln(2π/k) + μ(k) − 1 + γx.
 */
function shapeGap(k: number): number {
  const x = k - 1;
  if (Math.abs(x) <= 0.5) return logGammaTaylorTail(x) - (x * x + k * log1pMinusX(x));
  if (k >= ASYMPTOTIC_FROM) return HALF_LN_2PI - 0.5 * Math.log(k) + stirlingRemainder(k) - 1 + EULER_GAMMA * x;
  return logGamma(k) + EULER_GAMMA * x + x - k * Math.log(k);
}

/**
 * KL(exponential(λ) ‖ gamma(k, r)) = r/λ − 1 − ln(r/λ) + ln Γ(k) + γ(k − 1)
 * − (k − 1) ln(r/λ) (torch's form, regrouped): k φ(−ln(λk/r)) + Z(k).
 */
export function klExponentialGamma(p: ExponentialParameters, q: GammaParameters): Divergence {
  return finite(q.shape * expm1MinusX(-logRatioOfProduct(p.rate, q.shape, q.rate)) + shapeGap(q.shape));
}

export function exponentialMean(p: ExponentialParameters): Statistic {
  return { value: 1 / p.rate, d: { rate: -1 / (p.rate * p.rate) } };
}

export function exponentialVariance(p: ExponentialParameters): Statistic {
  return { value: 1 / (p.rate * p.rate), d: { rate: -2 / (p.rate * p.rate * p.rate) } };
}

export function exponentialMeanLog(p: ExponentialParameters): Statistic {
  return { value: -EULER_GAMMA - Math.log(p.rate), d: { rate: -1 / p.rate } };
}

/** E e^(−s x) = λ/(λ + s), and its slope in s. */
export function exponentialLaplace(p: ExponentialParameters, s: number): { statistic: Statistic; slope: number } {
  const sum = p.rate + s;
  return { statistic: { value: p.rate / sum, d: { rate: s / (sum * sum) } }, slope: -p.rate / (sum * sum) };
}

export function klExponentialGammaGradient(p: ExponentialParameters, q: GammaParameters): DivergenceGradient {
  return gradientToGamma(exponentialEntropyGradient(p), exponentialMean(p), exponentialMeanLog(p), q);
}

/**
 * KL(exponential(λ) ‖ gumbel(μ, β)) = ln c − 1 + 1/c − μ/β + e^(μ/β) c/(c + 1),
 * c = λβ; with X = μ/β + ln(c/(1 + c)) it is φ(X) + 2 ln c − ln(1 + c) + 1/c
 * (the last three ≥ 0.175 together, at c = 0.618).
 */
export function klExponentialGumbel(p: ExponentialParameters, q: GumbelParameters): Divergence {
  const c = p.rate * q.beta;
  const logC = Math.log(c);
  const x = q.mu / q.beta + logC - Math.log1p(c);
  return finite(expm1MinusX(x) + 2 * logC - Math.log1p(c) + 1 / c);
}

export function klExponentialGumbelGradient(p: ExponentialParameters, q: GumbelParameters): DivergenceGradient {
  const { statistic, slope } = exponentialLaplace(p, 1 / q.beta);
  return gradientToGumbel(exponentialEntropyGradient(p), exponentialMean(p), statistic, slope, q);
}

/** ½(ln 2π − 1): the negentropy of every exponential (Var = 1/λ², H = 1 − ln λ). */
const EXPONENTIAL_NEGENTROPY = HALF_LN_2PI - 0.5;

export function klExponentialNormal(p: ExponentialParameters, q: NormalParameters): Divergence {
  return finite(klToNormal(EXPONENTIAL_NEGENTROPY, 1 / p.rate, 1 / p.rate, q));
}

export function klExponentialNormalGradient(p: ExponentialParameters, q: NormalParameters): DivergenceGradient {
  return gradientToNormal(exponentialEntropyGradient(p), exponentialMean(p), exponentialVariance(p), q);
}

export function klExponentialOutside(q: string, qSupport: string): Divergence {
  return outsideSupport(outsideText('exponential', HALF_LINE, q, qSupport));
}
