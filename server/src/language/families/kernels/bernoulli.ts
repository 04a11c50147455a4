// Bernoulli(p) on {0, 1}: entropy, KL to a Bernoulli and to a Poisson (the
// pairs torch.distributions registers with Bernoulli first), and their
// partial derivatives, in nats. p is in [0, 1] (the record checks it).
import { logRatio } from '../../special/elementary';
import { relativeEntropyTerm } from './relativeEntropyTerm';
import { infiniteBySupport, pointSupport, type DiscreteKl } from './supportMismatch';

/** P's support: {0, 1}, or one point where p is 0 or 1. */
export function bernoulliSupport(p: number): string {
  return p === 0 ? pointSupport(0) : p === 1 ? pointSupport(1) : '{0, 1}';
}

/** H = −p ln p − (1 − p) ln(1 − p); ln(1 − p) as log1p(−p), which keeps p = 1e-12. */
export function bernoulliEntropy(p: number): number {
  const success = p === 0 ? 0 : -p * Math.log(p);
  const failure = p === 1 ? 0 : -(1 - p) * Math.log1p(-p);
  return success + failure;
}

/**
 * ln((1 − p)/p) = −logit p. On [¼, ¾], 1 − 2p is exact (Sterbenz), so
 * log1p((1 − 2p)/p) keeps its relative accuracy where the value crosses 0 at ½;
 * outside, ln(1 − p) − ln p adds two logarithms that do not cancel.
 */
function negativeLogit(p: number): number {
  return p >= 0.25 && p <= 0.75 ? Math.log1p((1 - 2 * p) / p) : Math.log1p(-p) - Math.log(p);
}

/** dH/dp = ln((1 − p)/p). */
export function bernoulliEntropyDerivative(p: number): number {
  return negativeLogit(p);
}

/**
 * KL(Bernoulli(p) ‖ Bernoulli(q)) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)),
 * as two terms ≥ 0 (relativeEntropyTerm.ts), the second from the exact p − q.
 */
export function bernoulliKl(p: number, q: number): DiscreteKl {
  if ((q === 0 && p > 0) || (q === 1 && p < 1)) {
    return infiniteBySupport(`bernoulli(${p})`, bernoulliSupport(p), `bernoulli(${q})`, bernoulliSupport(q));
  }
  return bernoulliKlValue(p, q);
}

/** The finite value of KL(Bernoulli(p) ‖ Bernoulli(q)), for supports that nest; binomial.ts and geometric.ts scale it. */
export function bernoulliKlValue(p: number, q: number): number {
  return relativeEntropyTerm(p, q) + relativeEntropyTerm(1 - p, 1 - q, p - q);
}

/**
 * ln((1 − p)/(1 − q)): from the exact q − p while the ratio is near 1, from the
 * complements themselves otherwise (where p, q ≥ ½ they are exact).
 */
export function logComplementRatio(p: number, q: number): number {
  const x = (q - p) / (1 - q);
  return Math.abs(x) < 0.5 ? Math.log1p(x) : logRatio(1 - p, 1 - q);
}

/**
 * ∂KL/∂p = ln(p/q) − ln((1 − p)/(1 − q)), two logarithms of opposite signs
 * (so no cancellation), each accurate where its ratio is near 1;
 * ∂KL/∂q = (q − p)/(q(1 − q)).
 */
export function bernoulliKlGradient(p: number, q: number): { p: number; q: number } {
  return { p: logRatio(p, q) - logComplementRatio(p, q), q: (q - p) / (q * (1 - q)) };
}

/**
 * KL(Bernoulli(p) ‖ Poisson(λ)) = −H(p) − (p ln λ − λ) (torch's form).
 * Below λ = 1, as Σ over k of p_k ln(p_k/q_k) − p_k + q_k, every term ≥ 0: the
 * outcomes 0 and 1, and Poisson's mass on {2, 3, …}, e^{−λ}(e^λ − 1 − λ).
 */
export function bernoulliPoissonKl(p: number, rate: number): DiscreteKl {
  if (rate === 0 && p > 0) return infiniteBySupport(`bernoulli(${p})`, bernoulliSupport(p), 'poisson(0)', pointSupport(0));
  // From λ = 1 on, KL ≥ P(X ≥ 2) ≥ 0.26 and torch's form cannot cancel; e^{−λ} underflows from 745.
  if (rate >= 1) return -bernoulliEntropy(p) - (p === 0 ? 0 : p * Math.log(rate)) + rate;
  const atZero = Math.exp(-rate);
  const atOne = rate * atZero;
  // e^{−λ} − (1 − p) = p + expm1(−λ), without rounding 1 − p.
  const zeroTerm = relativeEntropyTerm(1 - p, atZero, p + Math.expm1(-rate));
  const oneTerm = relativeEntropyTerm(p, atOne);
  return zeroTerm + oneTerm + poissonMassFromTwo(rate);
}

/** P(X ≥ 2) for X ~ Poisson(λ) = e^{−λ}(e^λ − 1 − λ), by its series where 1 − e^{−λ}(1 + λ) cancels. */
function poissonMassFromTwo(rate: number): number {
  if (rate >= 0.5) return -Math.expm1(-rate) - rate * Math.exp(-rate);
  // e^λ − 1 − λ = λ²/2! + λ³/3! + …; at λ < ½ the term of λ^19 is below 1e-19 of the first.
  let term = (rate * rate) / 2;
  let sum = term;
  for (let k = 3; k < 20; k++) {
    term *= rate / k;
    sum += term;
  }
  return Math.exp(-rate) * sum;
}

/** ∂/∂p = ln(p/(1 − p)) − ln λ, ∂/∂λ = 1 − p/λ. */
export function bernoulliPoissonKlGradient(p: number, rate: number): { p: number; rate: number } {
  return { p: -negativeLogit(p) - Math.log(rate), rate: 1 - p / rate };
}
