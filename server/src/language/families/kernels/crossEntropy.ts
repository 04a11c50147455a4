// The gradients of KL(P ‖ Q) = CE(P, Q) − H(P) for a pair of different
// families, from the expectations under P that Q's log-density needs (E x,
// Var x, E ln x, E ln(1 − x), E e^(−s x)) and their partial derivatives by P's
// parameters: one function per family Q. The values themselves are in the
// family files, each written without cancellation; the gradients vanish at
// no point of these pairs (P and Q are never equal), so the plain forms serve.

import { digamma } from '../../special/digamma';
import { combinePartials, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import type { ExponentialParameters, GammaParameters, GumbelParameters, NormalParameters, BetaParameters, ParetoParameters, UniformParameters } from './parameters';

/** CE(P, normal(m, σ)) = ½ ln(2πσ²) + (Var + (E − m)²)/(2σ²). */
export function gradientToNormal(entropy: Partials, mean: Statistic, variance: Statistic, q: NormalParameters): DivergenceGradient {
  const offset = mean.value - q.mu;
  const sigma2 = q.sigma * q.sigma;
  return {
    p: combinePartials(entropy, [[1 / (2 * sigma2), variance], [offset / sigma2, mean]]),
    q: { mu: -offset / sigma2, sigma: 1 / q.sigma - (variance.value + offset * offset) / (sigma2 * q.sigma) },
  };
}

/** CE(P, exponential(λ)) = λ E − ln λ. */
export function gradientToExponential(entropy: Partials, mean: Statistic, q: ExponentialParameters): DivergenceGradient {
  return { p: combinePartials(entropy, [[q.rate, mean]]), q: { rate: mean.value - 1 / q.rate } };
}

/** CE(P, gamma(k, r)) = ln Γ(k) − k ln r − (k − 1) E ln x + r E. */
export function gradientToGamma(entropy: Partials, mean: Statistic, meanLog: Statistic, q: GammaParameters): DivergenceGradient {
  return {
    p: combinePartials(entropy, [[-(q.shape - 1), meanLog], [q.rate, mean]]),
    q: { shape: digamma(q.shape) - Math.log(q.rate) - meanLog.value, rate: mean.value - q.shape / q.rate },
  };
}

/**
 * CE(P, gumbel(μ, β)) = ln β + (E − μ)/β + e^(μ/β) L(1/β), L(s) = E e^(−s x);
 * `laplace` is L at s = 1/β, and `laplaceSlope` is dL/ds there.
 */
export function gradientToGumbel(entropy: Partials, mean: Statistic, laplace: Statistic, laplaceSlope: number, q: GumbelParameters): DivergenceGradient {
  const growth = Math.exp(q.mu / q.beta);
  const beta2 = q.beta * q.beta;
  return {
    p: combinePartials(entropy, [[1 / q.beta, mean], [growth, laplace]]),
    q: {
      mu: (growth * laplace.value - 1) / q.beta,
      beta: 1 / q.beta - (mean.value - q.mu) / beta2 - (growth * (q.mu * laplace.value + laplaceSlope)) / beta2,
    },
  };
}

/** CE(P, beta(a, b)) = ln B(a, b) − (a − 1) E ln x − (b − 1) E ln(1 − x). */
export function gradientToBeta(entropy: Partials, meanLog: Statistic, meanLogComplement: Statistic, q: BetaParameters): DivergenceGradient {
  const total = digamma(q.a + q.b);
  return {
    p: combinePartials(entropy, [[-(q.a - 1), meanLog], [-(q.b - 1), meanLogComplement]]),
    q: { a: digamma(q.a) - total - meanLog.value, b: digamma(q.b) - total - meanLogComplement.value },
  };
}

/** CE(P, pareto(s, α)) = −ln α − α ln s + (α + 1) E ln x. */
export function gradientToPareto(entropy: Partials, meanLog: Statistic, q: ParetoParameters): DivergenceGradient {
  return {
    p: combinePartials(entropy, [[q.alpha + 1, meanLog]]),
    q: { scale: -q.alpha / q.scale, alpha: meanLog.value - Math.log(q.scale) - 1 / q.alpha },
  };
}

/** CE(P, uniform(l, h)) = ln(h − l). */
export function gradientToUniform(entropy: Partials, q: UniformParameters): DivergenceGradient {
  const width = q.high - q.low;
  return { p: combinePartials(entropy, []), q: { low: -1 / width, high: 1 / width } };
}
