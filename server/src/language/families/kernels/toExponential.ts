// KL(P ‖ exponential(λ)) for P on [0, ∞) of another family, without
// cancellation: with m = E_P x,
//   KL = J(P) + φ(ln(λ m)),   φ(t) = e^t − 1 − t,
// where J(P) = 1 + ln m − H(P) ≥ 0 is P's divergence from the exponential
// with its mean (0 for gamma(1, r), the exponential itself).

import { expm1MinusX } from '../../special/elementary';

/** `logRateTimesMean` is ln(λ m), computed by the caller without rounding λ m first. */
export function klToExponential(negentropy: number, logRateTimesMean: number): number {
  return negentropy + expm1MinusX(logRateTimesMean);
}
