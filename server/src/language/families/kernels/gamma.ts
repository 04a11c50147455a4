// gamma(shape, rate): entropy k − ln r + ln Γ(k) + (1 − k)ψ(k); KL to gamma,
// exponential, gumbel and normal (torch's _kl_gamma_gamma,
// _kl_gamma_exponential, _kl_gamma_gumbel, _kl_gamma_normal), +∞ to beta,
// pareto and uniform (_kl_gamma_infinity).
//
// Large shapes: with F(k) = ln Γ(k) − k ln k + k = ½ ln(2π/k) + μ(k) and
// ψ(k) = ln k − 1/(2k) − ρ(k) (Stirling), the entropy is
// ½ ln(2πk) − ln r + ½ − 1/(2k) + μ(k) + (k − 1)ρ(k): no k ln k terms to cancel.

import { HALF_LN_2PI } from '../../special/constants';
import { digamma, digammaDifference, trigamma, trigammaMinusReciprocal } from '../../special/digamma';
import { differenceOfProducts, expm1MinusX, log1pMinusX, logRatio, logRatioOfProduct } from '../../special/elementary';
import { digammaTimesXMinusLogGamma, logGamma } from '../../special/logGamma';
import { integrateAlongSegment } from '../../special/quadrature';
import { ASYMPTOTIC_FROM, digammaTail, stirlingRemainder } from '../../special/stirling';
import { gradientToExponential, gradientToGumbel, gradientToNormal } from './crossEntropy';
import { finite, outsideSupport, type Divergence, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import type { ExponentialParameters, GammaParameters, GumbelParameters, NormalParameters } from './parameters';
import { outsideText, POSITIVE_LINE } from './supports';
import { klToExponential } from './toExponential';
import { klToNormal } from './toNormal';

export function gammaEntropy(p: GammaParameters): number {
  const k = p.shape;
  if (k >= ASYMPTOTIC_FROM) {
    return HALF_LN_2PI + 0.5 * Math.log(k) - Math.log(p.rate) + 0.5 - 0.5 / k + stirlingRemainder(k) + (k - 1) * digammaTail(k);
  }
  return k - Math.log(p.rate) + logGamma(k) + (1 - k) * digamma(k);
}

/** ∂H/∂k = 1 + (1 − k)ψ′(k) = 1/k − (k − 1)(ψ′(k) − 1/k), without the two ≈ 1 terms. */
export function gammaEntropyGradient(p: GammaParameters): Partials {
  return { shape: 1 / p.shape - (p.shape - 1) * trigammaMinusReciprocal(p.shape), rate: -1 / p.rate };
}

/**
 * G(kp, kq) = F(kq) − F(kp) − F′(kp)(kq − kp) ≥ 0 for F(k) = ln Γ(k) − k ln k + k
 * (F″ = ψ′ − 1/k > 0), as ∫₀¹ (1 − τ) F″(kp + τδ) δ² dτ: a sum of positive terms.
 */
function shapeBregman(kp: number, kq: number): number {
  const delta = kq - kp;
  if (delta === 0) return 0;
  return delta * delta * integrateAlongSegment([kp], [kq], (tau) => (1 - tau) * trigammaMinusReciprocal(kp + tau * delta));
}

/**
 * KL(gamma(kp, rp) ‖ gamma(kq, rq)) in the coordinates (shape, mean m = k/r),
 * where the family's Fisher information is diagonal:
 * kq φ(−ln(mq/mp)) + G(kp, kq), φ(t) = e^t − 1 − t; both terms ≥ 0.
 */
export function klGammaGamma(p: GammaParameters, q: GammaParameters): Divergence {
  const logMeanRatio = logRatio(q.shape, p.shape) + logRatio(p.rate, q.rate);
  return finite(q.shape * expm1MinusX(-logMeanRatio) + shapeBregman(p.shape, q.shape));
}

export function klGammaGammaGradient(p: GammaParameters, q: GammaParameters): DivergenceGradient {
  // kq − kp rq/rp, the shape gap at equal means, from exact products: it is
  // 1e-12 of kq where the two gammas share (nearly) the same mean.
  const meanGap = differenceOfProducts(q.shape, p.rate, p.shape, q.rate) / p.rate;
  return {
    p: { shape: (p.shape - q.shape) * trigamma(p.shape) + Math.expm1(logRatio(q.rate, p.rate)), rate: meanGap / p.rate },
    q: { shape: logRatio(p.rate, q.rate) + digammaDifference(p.shape, q.shape), rate: -meanGap / q.rate },
  };
}

/**
 * J(k) = 1 + ln k − k − ln Γ(k) + (k − 1)ψ(k) ≥ 0: the divergence of gamma(k, r)
 * from the exponential of its mean, 0 at k = 1. Near 1, with x = k − 1:
 * (ln(1 + x) − x) + (x ψ(1 + x) − ln Γ(1 + x)); from 10 on, Stirling.
 */
export function gammaExponentialNegentropy(k: number): number {
  const x = k - 1;
  if (Math.abs(x) <= 0.5) return log1pMinusX(x) + digammaTimesXMinusLogGamma(x);
  if (k >= ASYMPTOTIC_FROM) return 0.5 + 0.5 * Math.log(k) - HALF_LN_2PI - stirlingRemainder(k) + 0.5 / k - x * digammaTail(k);
  return 1 + Math.log(k) - k - logGamma(k) + x * digamma(k);
}

export function klGammaExponential(p: GammaParameters, q: ExponentialParameters): Divergence {
  return finite(klToExponential(gammaExponentialNegentropy(p.shape), logRatioOfProduct(q.rate, p.shape, p.rate)));
}

export function gammaMean(p: GammaParameters): Statistic {
  return { value: p.shape / p.rate, d: { shape: 1 / p.rate, rate: -p.shape / (p.rate * p.rate) } };
}

export function gammaVariance(p: GammaParameters): Statistic {
  const r2 = p.rate * p.rate;
  return { value: p.shape / r2, d: { shape: 1 / r2, rate: (-2 * p.shape) / (r2 * p.rate) } };
}

export function gammaMeanLog(p: GammaParameters): Statistic {
  return { value: digamma(p.shape) - Math.log(p.rate), d: { shape: trigamma(p.shape), rate: -1 / p.rate } };
}

/** E e^(−s x) = (1 + s/r)^(−k), and its slope in s. */
export function gammaLaplace(p: GammaParameters, s: number): { statistic: Statistic; slope: number } {
  const value = Math.exp(-p.shape * Math.log1p(s / p.rate));
  return {
    statistic: { value, d: { shape: -Math.log1p(s / p.rate) * value, rate: (value * p.shape * s) / (p.rate * (p.rate + s)) } },
    slope: (-p.shape * value) / (p.rate + s),
  };
}

export function klGammaExponentialGradient(p: GammaParameters, q: ExponentialParameters): DivergenceGradient {
  return gradientToExponential(gammaEntropyGradient(p), gammaMean(p), q);
}

/**
 * KL(gamma(k, r) ‖ gumbel(μ, β)) = −H(gamma(k, 1)) + ln c + k/c
 * + e^(μ/β)(1 + 1/c)^(−k) − μ/β, c = rβ (torch's form); with
 * X = μ/β − k ln(1 + 1/c) it is φ(X) − H(gamma(k, 1)) + 1 + ln c − k(ln(1 + 1/c) − 1/c).
 */
export function klGammaGumbel(p: GammaParameters, q: GumbelParameters): Divergence {
  const c = p.rate * q.beta;
  const x = q.mu / q.beta - p.shape * Math.log1p(1 / c);
  return finite(expm1MinusX(x) - gammaEntropy({ shape: p.shape, rate: 1 }) + 1 + Math.log(c) - p.shape * log1pMinusX(1 / c));
}

export function klGammaGumbelGradient(p: GammaParameters, q: GumbelParameters): DivergenceGradient {
  const { statistic, slope } = gammaLaplace(p, 1 / q.beta);
  return gradientToGumbel(gammaEntropyGradient(p), gammaMean(p), statistic, slope, q);
}

/**
 * The negentropy ½ ln(2πe k/r²) − H of gamma(k, r), ≈ 1/(3k) for large k:
 * from 10 on 1/(2k) − μ(k) − (k − 1)ρ(k); below, J(k) + ½ ln(2π/e) − ½ ln k.
 */
export function gammaNegentropy(k: number): number {
  if (k >= ASYMPTOTIC_FROM) return 0.5 / k - stirlingRemainder(k) - (k - 1) * digammaTail(k);
  return gammaExponentialNegentropy(k) + HALF_LN_2PI - 0.5 - 0.5 * Math.log(k);
}

export function klGammaNormal(p: GammaParameters, q: NormalParameters): Divergence {
  return finite(klToNormal(gammaNegentropy(p.shape), p.shape / p.rate, Math.sqrt(p.shape) / p.rate, q));
}

export function klGammaNormalGradient(p: GammaParameters, q: NormalParameters): DivergenceGradient {
  return gradientToNormal(gammaEntropyGradient(p), gammaMean(p), gammaVariance(p), q);
}

export function klGammaOutside(q: string, qSupport: string): Divergence {
  return outsideSupport(outsideText('gamma', POSITIVE_LINE, q, qSupport));
}

