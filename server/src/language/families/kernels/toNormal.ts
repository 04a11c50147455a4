// KL(P ‖ normal(m, σ)) for P of another family, without cancellation:
//   KL = J(P) + ½ φ(ln(Var_P/σ²)) + ½ ((E_P − m)/σ)²,   φ(t) = e^t − 1 − t,
// where J(P) = ½ ln(2πe Var_P) − H(P) ≥ 0 is P's negentropy (its divergence
// from the normal with its mean and variance), a function of P's shape alone.
// Each term is ≥ 0, so the sum keeps its relative accuracy even where
// KL → 0 (gamma(1e4, r) against its matching normal: J ≈ 1/(3 · 1e4)).

import { expm1MinusX, logRatio } from '../../special/elementary';
import type { NormalParameters } from './parameters';

export function klToNormal(negentropy: number, mean: number, deviation: number, q: NormalParameters): number {
  const offset = (mean - q.mu) / q.sigma;
  return negentropy + 0.5 * expm1MinusX(2 * logRatio(deviation, q.sigma)) + 0.5 * offset * offset;
}
