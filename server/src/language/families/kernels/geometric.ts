// Geometric(p): the failures before the first success, P(k) = (1 − p)^k p on
// {0, 1, …}, p in (0, 1] (torch's convention). A geometric variable is a run
// of Bernoulli(p) trials of mean length 1/p, and so are its entropy and KL:
// H = H_Bernoulli(p)/p, KL(p ‖ q) = KL_Bernoulli(p ‖ q)/p (which is torch's
// −H(p) − ln(1 − q)/p − logit q rearranged), with the same accuracy.
import { bernoulliEntropy, bernoulliKlValue, logComplementRatio } from './bernoulli';
import { infiniteBySupport, NATURALS, pointSupport, type DiscreteKl } from './supportMismatch';

function geometricSupport(p: number): string {
  return p === 1 ? pointSupport(0) : NATURALS;
}

export function geometricEntropy(p: number): number {
  return bernoulliEntropy(p) / p;
}

/** dH/dp = ln(1 − p)/p². */
export function geometricEntropyDerivative(p: number): number {
  return Math.log1p(-p) / (p * p);
}

export function geometricKl(p: number, q: number): DiscreteKl {
  if (q === 1 && p < 1) return infiniteBySupport(`geometric(${p})`, geometricSupport(p), 'geometric(1)', pointSupport(0));
  return bernoulliKlValue(p, q) / p;
}

/** ∂KL/∂p = −ln((1 − p)/(1 − q))/p², ∂KL/∂q = (q − p)/(p q (1 − q)). */
export function geometricKlGradient(p: number, q: number): { p: number; q: number } {
  return { p: -logComplementRatio(p, q) / (p * p), q: (q - p) / (p * q * (1 - q)) };
}
