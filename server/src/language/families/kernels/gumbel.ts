// gumbel(mu, beta), beta the scale: entropy ln β + γ + 1; KL to gumbel and
// normal (torch's _kl_gumbel_gumbel, _kl_gumbel_normal), +∞ to the families
// on a half-line or an interval (_kl_gumbel_infinity).

import { EULER_GAMMA, HALF_LN_2PI } from '../../special/constants';
import { digamma } from '../../special/digamma';
import { expm1MinusX, logRatio } from '../../special/elementary';
import { logGamma, logGammaOnePlus, logGammaTaylorTail } from '../../special/logGamma';
import { gradientToNormal } from './crossEntropy';
import { finite, outsideSupport, type Divergence, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import type { GumbelParameters, NormalParameters } from './parameters';
import { outsideText, REAL_LINE } from './supports';
import { klToNormal } from './toNormal';

export function gumbelEntropy(p: GumbelParameters): number {
  return Math.log(p.beta) + EULER_GAMMA + 1;
}

export function gumbelEntropyGradient(p: GumbelParameters): Partials {
  return { mu: 0, beta: 1 / p.beta };
}

/**
 * KL = −ln r + d + γ(r − 1) + e^(L − d) − 1 with r = βp/βq, d = (μp − μq)/βq,
 * L = ln Γ(1 + r) (torch's form); regrouped as φ(L − d) + [ln Γ(r) + γ(r − 1)],
 * both ≥ 0 (the bracket is convex with its minimum 0 at r = 1; near 1 it is
 * the Taylor tail of ln Γ at 1, in x = r − 1 = (βp − βq)/βq).
 */
export function klGumbelGumbel(p: GumbelParameters, q: GumbelParameters): Divergence {
  const x = (p.beta - q.beta) / q.beta;
  const near = Math.abs(x) <= 0.5;
  const logGammaR = near ? logGammaOnePlus(x) : logGamma(p.beta / q.beta);
  const shapeGap = near ? logGammaTaylorTail(x) : logGammaR + EULER_GAMMA * x;
  const d = (p.mu - q.mu) / q.beta;
  return finite(expm1MinusX(logRatio(p.beta, q.beta) + logGammaR - d) + shapeGap);
}

export function klGumbelGumbelGradient(p: GumbelParameters, q: GumbelParameters): DivergenceGradient {
  const r = p.beta / q.beta;
  const d = (p.mu - q.mu) / q.beta;
  const exponent = logGamma(1 + r) - d;
  const growth = Math.exp(exponent);
  const slope = digamma(1 + r);
  const dMu = -Math.expm1(exponent) / q.beta;
  return {
    p: { mu: dMu, beta: -1 / p.beta + (EULER_GAMMA + growth * slope) / q.beta },
    q: { mu: -dMu, beta: (1 - d - EULER_GAMMA * r + growth * (d - r * slope)) / q.beta },
  };
}

/** ½ ln(2πe π²/6) − γ − 1: the negentropy of every gumbel (Var = π²β²/6). */
const GUMBEL_NEGENTROPY = HALF_LN_2PI + Math.log(Math.PI / Math.sqrt(6)) - EULER_GAMMA - 0.5;

export function klGumbelNormal(p: GumbelParameters, q: NormalParameters): Divergence {
  return finite(klToNormal(GUMBEL_NEGENTROPY, p.mu + EULER_GAMMA * p.beta, (Math.PI / Math.sqrt(6)) * p.beta, q));
}

export function gumbelMean(p: GumbelParameters): Statistic {
  return { value: p.mu + EULER_GAMMA * p.beta, d: { mu: 1, beta: EULER_GAMMA } };
}

export function gumbelVariance(p: GumbelParameters): Statistic {
  return { value: ((Math.PI * Math.PI) / 6) * p.beta * p.beta, d: { mu: 0, beta: ((Math.PI * Math.PI) / 3) * p.beta } };
}

export function klGumbelNormalGradient(p: GumbelParameters, q: NormalParameters): DivergenceGradient {
  return gradientToNormal(gumbelEntropyGradient(p), gumbelMean(p), gumbelVariance(p), q);
}

export function klGumbelOutside(q: string, qSupport: string): Divergence {
  return outsideSupport(outsideText('gumbel', REAL_LINE, q, qSupport));
}
