// laplace(mu, b), b the scale: entropy 1 + ln(2b); KL to laplace and normal
// (torch's _kl_laplace_laplace, after Gil, MSc thesis, Queen's 2011;
// _kl_laplace_normal), +∞ to the families on a half-line or an interval.

import { expm1MinusX, logRatio } from '../../special/elementary';
import { gradientToNormal } from './crossEntropy';
import { finite, outsideSupport, type Divergence, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import type { LaplaceParameters, NormalParameters } from './parameters';
import { outsideText, REAL_LINE } from './supports';
import { klToNormal } from './toNormal';

export function laplaceEntropy(p: LaplaceParameters): number {
  return 1 + Math.LN2 + Math.log(p.b);
}

export function laplaceEntropyGradient(p: LaplaceParameters): Partials {
  return { mu: 0, b: 1 / p.b };
}

/**
 * KL = −ln r + |Δ|/bq + r e^(−|Δ|/bp) − 1 with r = bp/bq, Δ = μp − μq; with
 * y = |Δ|/bp and t = ln r it is r φ(−y) + φ(t), φ(t) = e^t − 1 − t ≥ 0.
 */
export function klLaplaceLaplace(p: LaplaceParameters, q: LaplaceParameters): Divergence {
  const t = logRatio(p.b, q.b);
  const y = Math.abs(p.mu - q.mu) / p.b;
  return finite(Math.exp(t) * expm1MinusX(-y) + expm1MinusX(t));
}

export function klLaplaceLaplaceGradient(p: LaplaceParameters, q: LaplaceParameters): DivergenceGradient {
  const t = logRatio(p.b, q.b);
  const offset = p.mu - q.mu;
  const y = Math.abs(offset) / p.b;
  const dMu = (-Math.sign(offset) * Math.expm1(-y)) / q.b;
  return {
    // r e^(−y)(1 + y) − 1 = expm1(t + ln(1 + y) − y).
    p: { mu: dMu, b: Math.expm1(t + Math.log1p(y) - y) / p.b },
    q: { mu: -dMu, b: -(Math.expm1(t) + Math.exp(t) * expm1MinusX(-y)) / q.b },
  };
}

/** ½(ln π − 1): the negentropy of every laplace (Var = 2b², H = 1 + ln 2b). */
const LAPLACE_NEGENTROPY = 0.5 * (Math.log(Math.PI) - 1);

export function klLaplaceNormal(p: LaplaceParameters, q: NormalParameters): Divergence {
  return finite(klToNormal(LAPLACE_NEGENTROPY, p.mu, Math.SQRT2 * p.b, q));
}

export function laplaceMean(p: LaplaceParameters): Statistic {
  return { value: p.mu, d: { mu: 1, b: 0 } };
}

export function laplaceVariance(p: LaplaceParameters): Statistic {
  return { value: 2 * p.b * p.b, d: { mu: 0, b: 4 * p.b } };
}

export function klLaplaceNormalGradient(p: LaplaceParameters, q: NormalParameters): DivergenceGradient {
  return gradientToNormal(laplaceEntropyGradient(p), laplaceMean(p), laplaceVariance(p), q);
}

export function klLaplaceOutside(q: string, qSupport: string): Divergence {
  return outsideSupport(outsideText('laplace', REAL_LINE, q, qSupport));
}
