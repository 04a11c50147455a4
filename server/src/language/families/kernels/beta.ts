// beta(a, b): entropy ln B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b);
// KL to beta, exponential, gamma, normal and uniform (torch's _kl_beta_beta,
// _kl_beta_exponential, _kl_beta_gamma, _kl_beta_normal, _kl_beta_uniform),
// +∞ to pareto (_kl_beta_infinity).
//
// Large arguments: with μ (Binet) and ρ = ln x − 1/(2x) − ψ (stirling.ts) the
// entropy's x ln x terms are gathered by hand, as in logBeta.ts.

import { HALF_LN_2PI } from '../../special/constants';
import { digamma, digammaDifference, trigamma, trigammaMinusReciprocal } from '../../special/digamma';
import { log1pMinusX, logRatio, logRatioOfProduct } from '../../special/elementary';
import { logBeta } from '../../special/logBeta';
import { logGamma } from '../../special/logGamma';
import { integrateAlongSegment } from '../../special/quadrature';
import { ASYMPTOTIC_FROM, digammaTail, stirlingRemainder } from '../../special/stirling';
import { gradientToExponential, gradientToGamma, gradientToNormal, gradientToUniform } from './crossEntropy';
import { finite, outsideSupport, type Divergence, type DivergenceGradient, type Partials, type Statistic } from './divergence';
import { gammaExponentialNegentropy } from './gamma';
import type { BetaParameters, ExponentialParameters, GammaParameters, NormalParameters, ParetoParameters, UniformParameters } from './parameters';
import { outsideText, paretoSupport, UNIT_INTERVAL, uniformSupport } from './supports';
import { klToExponential } from './toExponential';
import { klToNormal } from './toNormal';

/** (a − 1)ρ(a) + (b − 1)ρ(b) − (s − 2)ρ(s) over the arguments ≥ 10 given. */
function tailSum(terms: readonly (readonly [number, number])[]): number {
  return terms.reduce((sum, [weight, x]) => sum + weight * digammaTail(x), 0);
}

/**
 * With b ≥ 10 > a and s = a + b: μ(b) − μ(s) + (b − 1)ρ(b) − (s − 2)ρ(s),
 * the Stirling remainders of the mixed entropy below (≈ a/(4b²)).
 */
function mixedRemainder(small: number, large: number): number {
  const sum = small + large;
  return stirlingRemainder(large) - stirlingRemainder(sum) + tailSum([[large - 1, large], [-(sum - 2), sum]]);
}

export function betaEntropy(p: BetaParameters): number {
  const small = Math.min(p.a, p.b);
  const large = Math.max(p.a, p.b);
  const sum = p.a + p.b;
  if (small >= ASYMPTOTIC_FROM) {
    // ½ ln(2π ab/s³) + ½ − 1/(2a) − 1/(2b) + 1/s + Δμ + Δρ.
    return (
      HALF_LN_2PI + 0.5 * (Math.log(p.a) + Math.log(p.b)) - 1.5 * Math.log(sum) + 0.5 - 0.5 / p.a - 0.5 / p.b + 1 / sum
      + stirlingRemainder(p.a) + stirlingRemainder(p.b) - stirlingRemainder(sum)
      + tailSum([[p.a - 1, p.a], [p.b - 1, p.b], [-(sum - 2), sum]])
    );
  }
  if (large >= ASYMPTOTIC_FROM) {
    // ln Γ(a) − (a − 1)ψ(a) + a − ln s − ½ ln(1 + a/b) + 1/s − 1/(2b) + R (a the small one).
    return (
      logGamma(small) - (small - 1) * digamma(small) + small - Math.log(sum) - 0.5 * Math.log1p(small / large)
      + 1 / sum - 0.5 / large + mixedRemainder(small, large)
    );
  }
  return logBeta(p.a, p.b) - (p.a - 1) * digamma(p.a) - (p.b - 1) * digamma(p.b) + (sum - 2) * digamma(sum);
}

/** ∂H/∂a = (s − 2)ψ′(s) − (a − 1)ψ′(a) = 1/a − 2/s + (s − 2)(ψ′(s) − 1/s) − (a − 1)(ψ′(a) − 1/a). */
export function betaEntropyGradient(p: BetaParameters): Partials {
  const sum = p.a + p.b;
  const common = -2 / sum + (sum - 2) * trigammaMinusReciprocal(sum);
  return {
    a: 1 / p.a + common - (p.a - 1) * trigammaMinusReciprocal(p.a),
    b: 1 / p.b + common - (p.b - 1) * trigammaMinusReciprocal(p.b),
  };
}

/**
 * KL(beta(p) ‖ beta(q)) is the Bregman divergence of A = ln B(a, b) (the
 * family's log-normaliser): ∫₀¹ (1 − τ) δᵀ∇²A δ dτ along p + τδ, with
 * δᵀ∇²A δ = ψ′(a)δa² + ψ′(b)δb² − ψ′(s)δs² written as
 * (b δa − a δb)²/(ab s) + F″(a)δa² + F″(b)δb² − F″(s)δs², F″ = ψ′ − 1/x:
 * the 1/x parts, which cancel to a factor a for large a, are gathered exactly.
 */
export function klBetaBeta(p: BetaParameters, q: BetaParameters): Divergence {
  const da = q.a - p.a;
  const db = q.b - p.b;
  const ds = da + db;
  if (da === 0 && db === 0) return finite(0);
  const curvature = (tau: number): number => {
    const a = p.a + tau * da;
    const b = p.b + tau * db;
    const s = a + b;
    const cross = b * da - a * db;
    return (
      (1 - tau)
      * ((cross * cross) / (a * b * s) + trigammaMinusReciprocal(a) * da * da + trigammaMinusReciprocal(b) * db * db - trigammaMinusReciprocal(s) * ds * ds)
    );
  };
  return finite(integrateAlongSegment([p.a, p.b], [q.a, q.b], curvature));
}

export function klBetaBetaGradient(p: BetaParameters, q: BetaParameters): DivergenceGradient {
  const da = q.a - p.a;
  const db = q.b - p.b;
  const sp = p.a + p.b;
  const sq = q.a + q.b;
  const shared = trigamma(sp) * (da + db);
  const totalShift = digammaDifference(sp, sq);
  return {
    p: { a: shared - trigamma(p.a) * da, b: shared - trigamma(p.b) * db },
    q: { a: digammaDifference(p.a, q.a) - totalShift, b: digammaDifference(p.b, q.b) - totalShift },
  };
}

/**
 * 1 + ln(a/s) − H: the divergence of beta(a, b) from the exponential of its
 * mean; → 0 for beta(1, b) as b → ∞ (≈ 1/(2b²)). For b ≥ 10 > a it is
 * J_gamma(a) + ½(ln(1 + u) − u) + (a − 1 + u(a + 1))/(2b(1 + u)) − R, u = a/b.
 */
function betaExponentialNegentropy(p: BetaParameters): number {
  if (p.b >= ASYMPTOTIC_FROM && p.a < ASYMPTOTIC_FROM) {
    const u = p.a / p.b;
    return (
      gammaExponentialNegentropy(p.a) + 0.5 * log1pMinusX(u) + (p.a - 1 + u * (p.a + 1)) / (2 * p.b * (1 + u))
      - mixedRemainder(p.a, p.b)
    );
  }
  return 1 + logRatio(p.a, p.a + p.b) - betaEntropy(p);
}

export function klBetaExponential(p: BetaParameters, q: ExponentialParameters): Divergence {
  return finite(klToExponential(betaExponentialNegentropy(p), logRatioOfProduct(q.rate, p.a, p.a + p.b)));
}

export function betaMean(p: BetaParameters): Statistic {
  const s = p.a + p.b;
  return { value: p.a / s, d: { a: p.b / (s * s), b: -p.a / (s * s) } };
}

export function betaVariance(p: BetaParameters): Statistic {
  const s = p.a + p.b;
  const value = (p.a * p.b) / (s * s * (s + 1));
  const shared = -2 / s - 1 / (s + 1);
  return { value, d: { a: value * (1 / p.a + shared), b: value * (1 / p.b + shared) } };
}

export function betaMeanLog(p: BetaParameters): Statistic {
  const s = p.a + p.b;
  return { value: digamma(p.a) - digamma(s), d: { a: trigamma(p.a) - trigamma(s), b: -trigamma(s) } };
}

export function klBetaExponentialGradient(p: BetaParameters, q: ExponentialParameters): DivergenceGradient {
  return gradientToExponential(betaEntropyGradient(p), betaMean(p), q);
}

/** torch's form: −H + ln Γ(k) − k ln r − (k − 1)(ψ(a) − ψ(s)) + r a/s. */
export function klBetaGamma(p: BetaParameters, q: GammaParameters): Divergence {
  const s = p.a + p.b;
  return finite(-betaEntropy(p) + logGamma(q.shape) - q.shape * Math.log(q.rate) - (q.shape - 1) * (digamma(p.a) - digamma(s)) + (q.rate * p.a) / s);
}

export function klBetaGammaGradient(p: BetaParameters, q: GammaParameters): DivergenceGradient {
  return gradientToGamma(betaEntropyGradient(p), betaMean(p), betaMeanLog(p), q);
}

/** ½ ln(2πe Var) − H; for a, b ≥ 10: −½ ln(1 + 1/s) + 1/(2a) + 1/(2b) − 1/s − Δμ − Δρ. */
function betaNegentropy(p: BetaParameters): number {
  const s = p.a + p.b;
  if (Math.min(p.a, p.b) >= ASYMPTOTIC_FROM) {
    return (
      -0.5 * Math.log1p(1 / s) + 0.5 / p.a + 0.5 / p.b - 1 / s
      - (stirlingRemainder(p.a) + stirlingRemainder(p.b) - stirlingRemainder(s))
      - tailSum([[p.a - 1, p.a], [p.b - 1, p.b], [-(s - 2), s]])
    );
  }
  return HALF_LN_2PI + 0.5 + 0.5 * Math.log(betaVariance(p).value) - betaEntropy(p);
}

export function klBetaNormal(p: BetaParameters, q: NormalParameters): Divergence {
  const s = p.a + p.b;
  return finite(klToNormal(betaNegentropy(p), p.a / s, Math.sqrt((p.a * p.b) / (s + 1)) / s, q));
}

export function klBetaNormalGradient(p: BetaParameters, q: NormalParameters): DivergenceGradient {
  return gradientToNormal(betaEntropyGradient(p), betaMean(p), betaVariance(p), q);
}

/** KL(beta ‖ uniform(l, h)) = KL(beta ‖ beta(1, 1)) + ln(h − l) where [l, h] ⊇ [0, 1]: two terms ≥ 0. */
export function klBetaUniform(p: BetaParameters, q: UniformParameters): Divergence {
  if (q.low > 0 || q.high < 1) return outsideSupport(outsideText('beta', UNIT_INTERVAL, 'uniform', uniformSupport(q)));
  const toStandard = klBetaBeta(p, { a: 1, b: 1 });
  return finite((toStandard.kind === 'finite' ? toStandard.nats : Number.NaN) + Math.log1p(q.high - 1 - q.low));
}

export function klBetaUniformGradient(p: BetaParameters, q: UniformParameters): DivergenceGradient {
  return gradientToUniform(betaEntropyGradient(p), q);
}

/** Pareto's support [scale, ∞), scale > 0, never holds all of (0, 1). */
export function klBetaPareto(q: ParetoParameters): Divergence {
  return outsideSupport(outsideText('beta', UNIT_INTERVAL, 'pareto', paretoSupport(q)));
}
