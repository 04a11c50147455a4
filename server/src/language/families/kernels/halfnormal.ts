// halfnormal(sigma), |X| for X ~ normal(0, sigma): entropy ½ ln(πe σ²/2);
// KL to halfnormal = KL of the two normals (torch's _kl_halfnormal_halfnormal).

import { HALF_LN_2PI } from '../../special/constants';
import type { Divergence, DivergenceGradient, Partials } from './divergence';
import { klNormalNormal, klNormalNormalGradient } from './normal';
import type { HalfNormalParameters } from './parameters';

export function halfNormalEntropy(p: HalfNormalParameters): number {
  return HALF_LN_2PI - Math.LN2 + 0.5 + Math.log(p.sigma);
}

export function halfNormalEntropyGradient(p: HalfNormalParameters): Partials {
  return { sigma: 1 / p.sigma };
}

export function klHalfNormalHalfNormal(p: HalfNormalParameters, q: HalfNormalParameters): Divergence {
  return klNormalNormal({ mu: 0, sigma: p.sigma }, { mu: 0, sigma: q.sigma });
}

export function klHalfNormalHalfNormalGradient(p: HalfNormalParameters, q: HalfNormalParameters): DivergenceGradient {
  const full = klNormalNormalGradient({ mu: 0, sigma: p.sigma }, { mu: 0, sigma: q.sigma });
  return { p: { sigma: full.p.sigma }, q: { sigma: full.q.sigma } };
}
