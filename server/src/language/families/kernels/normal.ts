// normal(mu, sigma): entropy ½ ln(2πe σ²); KL to normal, gumbel and laplace
// (torch's _kl_normal_normal, _kl_normal_gumbel, _kl_normal_laplace), +∞ to
// the families on a half-line or an interval (_kl_normal_infinity).

import { erf } from 'mathjs';
import { HALF_LN_2PI } from '../../special/constants';
import { expm1MinusX, logRatio } from '../../special/elementary';
import { finite, outsideSupport, type Divergence, type DivergenceGradient, type Partials } from './divergence';
import type { GumbelParameters, LaplaceParameters, NormalParameters } from './parameters';
import { outsideText, REAL_LINE } from './supports';

export function normalEntropy(p: NormalParameters): number {
  return HALF_LN_2PI + 0.5 + Math.log(p.sigma);
}

export function normalEntropyGradient(p: NormalParameters): Partials {
  return { mu: 0, sigma: 1 / p.sigma };
}

/** KL = ½ [φ(2 ln(σp/σq)) + ((μp − μq)/σq)²], φ(t) = e^t − 1 − t: both terms ≥ 0, so near-equal pairs keep their digits. */
export function klNormalNormal(p: NormalParameters, q: NormalParameters): Divergence {
  const offset = (p.mu - q.mu) / q.sigma;
  return finite(0.5 * (expm1MinusX(2 * logRatio(p.sigma, q.sigma)) + offset * offset));
}

export function klNormalNormalGradient(p: NormalParameters, q: NormalParameters): DivergenceGradient {
  const offset = (p.mu - q.mu) / q.sigma;
  // σp²/σq² − 1 = expm1(2 ln(σp/σq)), exact near σp = σq.
  const varianceRatioMinusOne = Math.expm1(2 * logRatio(p.sigma, q.sigma));
  const dMu = offset / q.sigma;
  return {
    p: { mu: dMu, sigma: varianceRatioMinusOne / p.sigma },
    q: { mu: -dMu, sigma: -(varianceRatioMinusOne + offset * offset) / q.sigma },
  };
}

/**
 * KL(normal(m, σ) ‖ gumbel(μ, β)) = ln(β/σ) + d + e^X − ½(1 + ln 2π) with
 * d = (m − μ)/β, v = σ²/β², X = v/2 − d; regrouped as
 * φ(X) + ½ φ(ln v) + 1 − ½ ln 2π, every term ≥ 0.
 */
export function klNormalGumbel(p: NormalParameters, q: GumbelParameters): Divergence {
  const logV = 2 * logRatio(p.sigma, q.beta);
  const x = 0.5 * Math.exp(logV) - (p.mu - q.mu) / q.beta;
  return finite(expm1MinusX(x) + 0.5 * expm1MinusX(logV) + (1 - HALF_LN_2PI));
}

export function klNormalGumbelGradient(p: NormalParameters, q: GumbelParameters): DivergenceGradient {
  const d = (p.mu - q.mu) / q.beta;
  const v = (p.sigma / q.beta) ** 2;
  const x = 0.5 * v - d;
  const dMu = -Math.expm1(x) / q.beta;
  return {
    p: { mu: dMu, sigma: -1 / p.sigma + (Math.exp(x) * p.sigma) / (q.beta * q.beta) },
    q: { mu: -dMu, beta: (1 - d + Math.exp(x) * (d - v)) / q.beta },
  };
}

/** E|X − μ|/σ for X ~ normal(m, σ), z = (m − μ)/σ: √(2/π) e^(−z²/2) + z erf(z/√2). */
function meanAbsoluteDeviation(z: number): number {
  return Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * z * z) + z * erf(z / Math.SQRT2);
}

/** ½ − ln(π/2): the least KL from a normal to a laplace (at equal centres and b = σ √(2/π)). */
const NORMAL_LAPLACE_FLOOR = 0.5 - Math.log(Math.PI / 2);

/**
 * KL(normal(m, σ) ‖ laplace(μ, b)) = ln(b/σ) + σA/b − ½(1 + ln(π/2)) with
 * A = E|X − μ|/σ (torch's corrected form, arXiv:1905.10965 style); with
 * w = σA/b and g = A/√(2/π) = e^(−z²/2) + z √(π/2) erf(z/√2) ≥ 1 it is
 * φ(ln w) + ln g + ½ − ln(π/2), every term ≥ 0.
 */
export function klNormalLaplace(p: NormalParameters, q: LaplaceParameters): Divergence {
  const z = Math.abs(p.mu - q.mu) / p.sigma;
  const gMinusOne = Math.expm1(-0.5 * z * z) + z * Math.sqrt(Math.PI / 2) * erf(z / Math.SQRT2);
  const logW = logRatio(p.sigma, q.b) + 0.5 * Math.log(2 / Math.PI) + Math.log1p(gMinusOne);
  return finite(expm1MinusX(logW) + Math.log1p(gMinusOne) + NORMAL_LAPLACE_FLOOR);
}

export function klNormalLaplaceGradient(p: NormalParameters, q: LaplaceParameters): DivergenceGradient {
  const offset = p.mu - q.mu;
  const z = offset / p.sigma;
  const deviation = p.sigma * meanAbsoluteDeviation(z);
  const side = erf(z / Math.SQRT2);
  return {
    p: { mu: side / q.b, sigma: -1 / p.sigma + (Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * z * z)) / q.b },
    q: { mu: -side / q.b, b: 1 / q.b - deviation / (q.b * q.b) },
  };
}

/** KL(normal ‖ Q) = +∞ for Q on a half-line or an interval. */
export function klNormalOutside(q: string, qSupport: string): Divergence {
  return outsideSupport(outsideText('normal', REAL_LINE, q, qSupport));
}
