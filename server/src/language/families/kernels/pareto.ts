// pareto(scale, alpha), support x ≥ scale: entropy ln(s/α) + 1/α + 1; KL to
// pareto, exponential, gamma and normal (torch's _kl_pareto_pareto, after
// Gil, MSc thesis, Queen's 2011; _kl_pareto_exponential, _kl_pareto_gamma,
// _kl_pareto_normal), +∞ where E x (α ≤ 1) or Var x (α ≤ 2) diverges, and
// to beta and uniform (_kl_pareto_infinity).

import { HALF_LN_2PI } from '../../special/constants';
import { expm1MinusX, logRatio } from '../../special/elementary';
import { logGamma } from '../../special/logGamma';
import { gradientToExponential, gradientToGamma, gradientToNormal } from './crossEntropy';
import { finite, infiniteMoment, outsideSupport, type Divergence, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import type { ExponentialParameters, GammaParameters, NormalParameters, ParetoParameters } from './parameters';
import { outsideText, paretoSupport } from './supports';
import { klToExponential } from './toExponential';
import { klToNormal } from './toNormal';

export function paretoEntropy(p: ParetoParameters): number {
  return logRatio(p.scale, p.alpha) + 1 / p.alpha + 1;
}

export function paretoEntropyGradient(p: ParetoParameters): Partials {
  return { scale: 1 / p.scale, alpha: -1 / p.alpha - 1 / (p.alpha * p.alpha) };
}

/** KL = αq ln(sp/sq) + φ(ln(αq/αp)), φ(t) = e^t − 1 − t, for sp ≥ sq: both terms ≥ 0. */
export function klParetoPareto(p: ParetoParameters, q: ParetoParameters): Divergence {
  if (p.scale < q.scale) return outsideSupport(outsideText(`pareto(${p.scale}, ${p.alpha})`, paretoSupport(p), 'pareto', paretoSupport(q)));
  return finite(q.alpha * logRatio(p.scale, q.scale) + expm1MinusX(logRatio(q.alpha, p.alpha)));
}

export function klParetoParetoGradient(p: ParetoParameters, q: ParetoParameters): DivergenceGradient {
  const ratioMinusOne = Math.expm1(logRatio(q.alpha, p.alpha));
  return {
    p: { scale: q.alpha / p.scale, alpha: -ratioMinusOne / p.alpha },
    q: { scale: -q.alpha / q.scale, alpha: logRatio(p.scale, q.scale) + ratioMinusOne / q.alpha },
  };
}

const MEAN_DIVERGES = 'pareto alpha ≤ 1: E[x] is infinite';
const VARIANCE_DIVERGES = 'pareto alpha ≤ 2: Var[x] is infinite';

/** KL(pareto ‖ exponential(λ)) = J + φ(ln λm), m = αs/(α − 1), J = 1 + ln m − H = 2 ln α − ln(α − 1) − 1/α. */
export function klParetoExponential(p: ParetoParameters, q: ExponentialParameters): Divergence {
  if (p.alpha <= 1) return infiniteMoment(MEAN_DIVERGES);
  const negentropy = 2 * Math.log(p.alpha) - Math.log(p.alpha - 1) - 1 / p.alpha;
  return finite(klToExponential(negentropy, Math.log(q.rate * p.scale) + logRatio(p.alpha, p.alpha - 1)));
}

export function paretoMean(p: ParetoParameters): Statistic {
  const a1 = p.alpha - 1;
  return { value: (p.alpha * p.scale) / a1, d: { scale: p.alpha / a1, alpha: -p.scale / (a1 * a1) } };
}

export function paretoVariance(p: ParetoParameters): Statistic {
  const a1 = p.alpha - 1;
  const value = (p.scale * p.scale * p.alpha) / (a1 * a1 * (p.alpha - 2));
  return { value, d: { scale: (2 * value) / p.scale, alpha: value * (1 / p.alpha - 2 / a1 - 1 / (p.alpha - 2)) } };
}

export function paretoMeanLog(p: ParetoParameters): Statistic {
  return { value: Math.log(p.scale) + 1 / p.alpha, d: { scale: 1 / p.scale, alpha: -1 / (p.alpha * p.alpha) } };
}

export function klParetoExponentialGradient(p: ParetoParameters, q: ExponentialParameters): DivergenceGradient {
  return gradientToExponential(paretoEntropyGradient(p), paretoMean(p), q);
}

/** torch's form: −H + ln Γ(k) − k ln r − (k − 1)(ln s + 1/α) + r αs/(α − 1). */
export function klParetoGamma(p: ParetoParameters, q: GammaParameters): Divergence {
  if (p.alpha <= 1) return infiniteMoment(MEAN_DIVERGES);
  const meanLog = Math.log(p.scale) + 1 / p.alpha;
  return finite(
    -paretoEntropy(p) + logGamma(q.shape) - q.shape * Math.log(q.rate) - (q.shape - 1) * meanLog + (q.rate * p.alpha * p.scale) / (p.alpha - 1),
  );
}

export function klParetoGammaGradient(p: ParetoParameters, q: GammaParameters): DivergenceGradient {
  return gradientToGamma(paretoEntropyGradient(p), paretoMean(p), paretoMeanLog(p), q);
}

/**
 * The negentropy ½ ln(2πe Var) − H = ½(ln 2π − 1) + [−ln(1 − 1/α) − ½ ln(1 − 2/α) − 1/α]
 * (the bracket ≈ 1/α for large α, where pareto tends to a shifted exponential).
 */
function paretoNegentropy(alpha: number): number {
  return HALF_LN_2PI - 0.5 - Math.log1p(-1 / alpha) - 0.5 * Math.log1p(-2 / alpha) - 1 / alpha;
}

export function klParetoNormal(p: ParetoParameters, q: NormalParameters): Divergence {
  if (p.alpha <= 2) return infiniteMoment(VARIANCE_DIVERGES);
  const a1 = p.alpha - 1;
  const deviation = (p.scale / a1) * Math.sqrt(p.alpha / (p.alpha - 2));
  return finite(klToNormal(paretoNegentropy(p.alpha), (p.alpha * p.scale) / a1, deviation, q));
}

export function klParetoNormalGradient(p: ParetoParameters, q: NormalParameters): DivergenceGradient {
  return gradientToNormal(paretoEntropyGradient(p), paretoMean(p), paretoVariance(p), q);
}

/** Pareto's support [s, ∞) is unbounded; beta's and uniform's are not. */
export function klParetoOutside(p: ParetoParameters, q: string, qSupport: string): Divergence {
  return outsideSupport(outsideText(`pareto(${p.scale}, ${p.alpha})`, paretoSupport(p), q, qSupport));
}
