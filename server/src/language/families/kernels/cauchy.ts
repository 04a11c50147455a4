// cauchy(loc, scale): entropy ln(4π s); KL to cauchy (torch's
// _kl_cauchy_cauchy, from Chyzak & Nielsen, arXiv:1905.10965):
// ln(((sp + sq)² + Δ²)/(4 sp sq)) = ln(1 + ((sp − sq)² + Δ²)/(4 sp sq)).

import { finite, type Divergence, type DivergenceGradient, type Partials } from './divergence';
import type { CauchyParameters } from './parameters';

export function cauchyEntropy(p: CauchyParameters): number {
  return Math.log(4 * Math.PI) + Math.log(p.scale);
}

export function cauchyEntropyGradient(p: CauchyParameters): Partials {
  return { loc: 0, scale: 1 / p.scale };
}

export function klCauchyCauchy(p: CauchyParameters, q: CauchyParameters): Divergence {
  // Each part over 2√(sp sq) first, so that no square overflows before the ratio is taken.
  const norm = 2 * Math.sqrt(p.scale) * Math.sqrt(q.scale);
  const scaleGap = (p.scale - q.scale) / norm;
  const offset = (p.loc - q.loc) / norm;
  return finite(Math.log1p(scaleGap * scaleGap + offset * offset));
}

export function klCauchyCauchyGradient(p: CauchyParameters, q: CauchyParameters): DivergenceGradient {
  const offset = p.loc - q.loc;
  const sum = p.scale + q.scale;
  const denominator = sum * sum + offset * offset;
  const dLoc = (2 * offset) / denominator;
  const squares = (p.scale - q.scale) * sum;
  return {
    p: { loc: dLoc, scale: (squares - offset * offset) / (p.scale * denominator) },
    q: { loc: -dLoc, scale: (-squares - offset * offset) / (q.scale * denominator) },
  };
}
