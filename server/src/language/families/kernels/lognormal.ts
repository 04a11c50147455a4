// lognormal(mu, sigma), ln X ~ normal(mu, sigma): entropy μ + ½ ln(2πe σ²);
// KL to lognormal = KL of the underlying normals (torch: TransformedDistribution
// with the same ExpTransform, _kl_transformed_transformed).

import type { Divergence, DivergenceGradient, Partials } from './divergence';
import { klNormalNormal, klNormalNormalGradient, normalEntropy } from './normal';
import type { LogNormalParameters } from './parameters';

export function logNormalEntropy(p: LogNormalParameters): number {
  return p.mu + normalEntropy(p);
}

export function logNormalEntropyGradient(p: LogNormalParameters): Partials {
  return { mu: 1, sigma: 1 / p.sigma };
}

export function klLogNormalLogNormal(p: LogNormalParameters, q: LogNormalParameters): Divergence {
  return klNormalNormal(p, q);
}

export function klLogNormalLogNormalGradient(p: LogNormalParameters, q: LogNormalParameters): DivergenceGradient {
  return klNormalNormalGradient(p, q);
}
