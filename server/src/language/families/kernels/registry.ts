// Every continuous univariate family's entropy and every KL pair that
// torch.distributions registers with it first (torch/distributions/kl.py),
// keyed by the spec's lower-case names: what the family records call, what
// the tests iterate over, and what docs/families.md lists.

import * as beta from './beta';
import * as cauchy from './cauchy';
import type { Divergence, DivergenceGradient, Partials } from './divergence';
import * as exponential from './exponential';
import * as gamma from './gamma';
import * as gumbel from './gumbel';
import * as halfnormal from './halfnormal';
import * as laplace from './laplace';
import * as lognormal from './lognormal';
import * as normal from './normal';
import type * as P from './parameters';
import * as pareto from './pareto';
import { HALF_LINE, paretoSupport, POSITIVE_LINE, UNIT_INTERVAL, uniformSupport } from './supports';
import * as uniform from './uniform';

export type ContinuousFamily =
  | 'normal' | 'halfnormal' | 'lognormal' | 'laplace' | 'exponential' | 'gamma'
  | 'beta' | 'uniform' | 'gumbel' | 'pareto' | 'cauchy';

/** The parameters in the spec's order, named as there. */
export const PARAMETER_NAMES: Readonly<Record<ContinuousFamily, readonly string[]>> = {
  normal: ['mu', 'sigma'],
  halfnormal: ['sigma'],
  lognormal: ['mu', 'sigma'],
  laplace: ['mu', 'b'],
  exponential: ['rate'],
  gamma: ['shape', 'rate'],
  beta: ['a', 'b'],
  uniform: ['low', 'high'],
  gumbel: ['mu', 'beta'],
  pareto: ['scale', 'alpha'],
  cauchy: ['loc', 'scale'],
};

/** Parameters by name; the kernels read the names of their family. */
type Parameters = Readonly<Record<string, number>>;

export interface EntropyKernel {
  readonly entropy: (p: Parameters) => number;
  readonly gradient: (p: Parameters) => Partials;
}

export interface PairKernel {
  readonly kl: (p: Parameters, q: Parameters) => Divergence;
  /** Absent where KL is +∞ for every parameter value. */
  readonly gradient?: (p: Parameters, q: Parameters) => DivergenceGradient;
  /** torch's function in torch/distributions/kl.py. */
  readonly torch: string;
}

// The casts below turn each kernel's typed parameters into the by-name
// records the family records hold; PARAMETER_NAMES is their contract.
function entropyOf<T>(entropy: (p: T) => number, gradient: (p: T) => Partials): EntropyKernel {
  return { entropy: entropy as (p: Parameters) => number, gradient: gradient as (p: Parameters) => Partials };
}

function pairOf<T, U>(torch: string, kl: (p: T, q: U) => Divergence, gradient?: (p: T, q: U) => DivergenceGradient): PairKernel {
  return {
    torch,
    kl: kl as (p: Parameters, q: Parameters) => Divergence,
    gradient: gradient as ((p: Parameters, q: Parameters) => DivergenceGradient) | undefined,
  };
}

export const ENTROPIES: Readonly<Record<ContinuousFamily, EntropyKernel>> = {
  normal: entropyOf(normal.normalEntropy, normal.normalEntropyGradient),
  halfnormal: entropyOf(halfnormal.halfNormalEntropy, halfnormal.halfNormalEntropyGradient),
  lognormal: entropyOf(lognormal.logNormalEntropy, lognormal.logNormalEntropyGradient),
  laplace: entropyOf(laplace.laplaceEntropy, laplace.laplaceEntropyGradient),
  exponential: entropyOf(exponential.exponentialEntropy, exponential.exponentialEntropyGradient),
  gamma: entropyOf(gamma.gammaEntropy, gamma.gammaEntropyGradient),
  beta: entropyOf(beta.betaEntropy, beta.betaEntropyGradient),
  uniform: entropyOf(uniform.uniformEntropy, uniform.uniformEntropyGradient),
  gumbel: entropyOf(gumbel.gumbelEntropy, gumbel.gumbelEntropyGradient),
  pareto: entropyOf(pareto.paretoEntropy, pareto.paretoEntropyGradient),
  cauchy: entropyOf(cauchy.cauchyEntropy, cauchy.cauchyEntropyGradient),
};

const infinite = <T>(torch: string, kl: (p: T, q: Parameters) => Divergence): PairKernel => pairOf(torch, kl);

/** KL(P ‖ Q) by P's family, then Q's. A pair not listed has no closed form in torch. */
export const PAIRS: Readonly<Partial<Record<ContinuousFamily, Readonly<Partial<Record<ContinuousFamily, PairKernel>>>>>> = {
  normal: {
    normal: pairOf('_kl_normal_normal', normal.klNormalNormal, normal.klNormalNormalGradient),
    gumbel: pairOf('_kl_normal_gumbel', normal.klNormalGumbel, normal.klNormalGumbelGradient),
    laplace: pairOf('_kl_normal_laplace', normal.klNormalLaplace, normal.klNormalLaplaceGradient),
    beta: infinite('_kl_normal_infinity', () => normal.klNormalOutside('beta', UNIT_INTERVAL)),
    exponential: infinite('_kl_normal_infinity', () => normal.klNormalOutside('exponential', HALF_LINE)),
    gamma: infinite('_kl_normal_infinity', () => normal.klNormalOutside('gamma', POSITIVE_LINE)),
    pareto: infinite('_kl_normal_infinity', (_p, q) => normal.klNormalOutside('pareto', paretoSupport(q as unknown as P.ParetoParameters))),
    uniform: infinite('_kl_normal_infinity', (_p, q) => normal.klNormalOutside('uniform', uniformSupport(q as unknown as P.UniformParameters))),
  },
  halfnormal: {
    halfnormal: pairOf('_kl_halfnormal_halfnormal', halfnormal.klHalfNormalHalfNormal, halfnormal.klHalfNormalHalfNormalGradient),
  },
  lognormal: {
    lognormal: pairOf('_kl_transformed_transformed', lognormal.klLogNormalLogNormal, lognormal.klLogNormalLogNormalGradient),
  },
  laplace: {
    laplace: pairOf('_kl_laplace_laplace', laplace.klLaplaceLaplace, laplace.klLaplaceLaplaceGradient),
    normal: pairOf('_kl_laplace_normal', laplace.klLaplaceNormal, laplace.klLaplaceNormalGradient),
    beta: infinite('_kl_laplace_infinity', () => laplace.klLaplaceOutside('beta', UNIT_INTERVAL)),
    exponential: infinite('_kl_laplace_infinity', () => laplace.klLaplaceOutside('exponential', HALF_LINE)),
    gamma: infinite('_kl_laplace_infinity', () => laplace.klLaplaceOutside('gamma', POSITIVE_LINE)),
    pareto: infinite('_kl_laplace_infinity', (_p, q) => laplace.klLaplaceOutside('pareto', paretoSupport(q as unknown as P.ParetoParameters))),
    uniform: infinite('_kl_laplace_infinity', (_p, q) => laplace.klLaplaceOutside('uniform', uniformSupport(q as unknown as P.UniformParameters))),
  },
  exponential: {
    exponential: pairOf('_kl_exponential_exponential', exponential.klExponentialExponential, exponential.klExponentialExponentialGradient),
    gamma: pairOf('_kl_exponential_gamma', exponential.klExponentialGamma, exponential.klExponentialGammaGradient),
    gumbel: pairOf('_kl_exponential_gumbel', exponential.klExponentialGumbel, exponential.klExponentialGumbelGradient),
    normal: pairOf('_kl_exponential_normal', exponential.klExponentialNormal, exponential.klExponentialNormalGradient),
    beta: infinite('_kl_exponential_infinity', () => exponential.klExponentialOutside('beta', UNIT_INTERVAL)),
    pareto: infinite('_kl_exponential_infinity', (_p, q) => exponential.klExponentialOutside('pareto', paretoSupport(q as unknown as P.ParetoParameters))),
    uniform: infinite('_kl_exponential_infinity', (_p, q) => exponential.klExponentialOutside('uniform', uniformSupport(q as unknown as P.UniformParameters))),
  },
  gamma: {
    gamma: pairOf('_kl_gamma_gamma', gamma.klGammaGamma, gamma.klGammaGammaGradient),
    exponential: pairOf('_kl_gamma_exponential', gamma.klGammaExponential, gamma.klGammaExponentialGradient),
    gumbel: pairOf('_kl_gamma_gumbel', gamma.klGammaGumbel, gamma.klGammaGumbelGradient),
    normal: pairOf('_kl_gamma_normal', gamma.klGammaNormal, gamma.klGammaNormalGradient),
    beta: infinite('_kl_gamma_infinity', () => gamma.klGammaOutside('beta', UNIT_INTERVAL)),
    pareto: infinite('_kl_gamma_infinity', (_p, q) => gamma.klGammaOutside('pareto', paretoSupport(q as unknown as P.ParetoParameters))),
    uniform: infinite('_kl_gamma_infinity', (_p, q) => gamma.klGammaOutside('uniform', uniformSupport(q as unknown as P.UniformParameters))),
  },
  beta: {
    beta: pairOf('_kl_beta_beta', beta.klBetaBeta, beta.klBetaBetaGradient),
    exponential: pairOf('_kl_beta_exponential', beta.klBetaExponential, beta.klBetaExponentialGradient),
    gamma: pairOf('_kl_beta_gamma', beta.klBetaGamma, beta.klBetaGammaGradient),
    normal: pairOf('_kl_beta_normal', beta.klBetaNormal, beta.klBetaNormalGradient),
    uniform: pairOf('_kl_beta_uniform', beta.klBetaUniform, beta.klBetaUniformGradient),
    pareto: infinite('_kl_beta_infinity', (_p, q) => beta.klBetaPareto(q as unknown as P.ParetoParameters)),
  },
  uniform: {
    uniform: pairOf('_kl_uniform_uniform', uniform.klUniformUniform, uniform.klUniformUniformGradient),
    beta: pairOf('_kl_uniform_beta', uniform.klUniformBeta, uniform.klUniformBetaGradient),
    exponential: pairOf('_kl_uniform_exponetial', uniform.klUniformExponential, uniform.klUniformExponentialGradient),
    gamma: pairOf('_kl_uniform_gamma', uniform.klUniformGamma, uniform.klUniformGammaGradient),
    gumbel: pairOf('_kl_uniform_gumbel', uniform.klUniformGumbel, uniform.klUniformGumbelGradient),
    normal: pairOf('_kl_uniform_normal', uniform.klUniformNormal, uniform.klUniformNormalGradient),
    pareto: pairOf('_kl_uniform_pareto', uniform.klUniformPareto, uniform.klUniformParetoGradient),
  },
  gumbel: {
    gumbel: pairOf('_kl_gumbel_gumbel', gumbel.klGumbelGumbel, gumbel.klGumbelGumbelGradient),
    normal: pairOf('_kl_gumbel_normal', gumbel.klGumbelNormal, gumbel.klGumbelNormalGradient),
    beta: infinite('_kl_gumbel_infinity', () => gumbel.klGumbelOutside('beta', UNIT_INTERVAL)),
    exponential: infinite('_kl_gumbel_infinity', () => gumbel.klGumbelOutside('exponential', HALF_LINE)),
    gamma: infinite('_kl_gumbel_infinity', () => gumbel.klGumbelOutside('gamma', POSITIVE_LINE)),
    pareto: infinite('_kl_gumbel_infinity', (_p, q) => gumbel.klGumbelOutside('pareto', paretoSupport(q as unknown as P.ParetoParameters))),
    uniform: infinite('_kl_gumbel_infinity', (_p, q) => gumbel.klGumbelOutside('uniform', uniformSupport(q as unknown as P.UniformParameters))),
  },
  pareto: {
    pareto: pairOf('_kl_pareto_pareto', pareto.klParetoPareto, pareto.klParetoParetoGradient),
    exponential: pairOf('_kl_pareto_exponential', pareto.klParetoExponential, pareto.klParetoExponentialGradient),
    gamma: pairOf('_kl_pareto_gamma', pareto.klParetoGamma, pareto.klParetoGammaGradient),
    normal: pairOf('_kl_pareto_normal', pareto.klParetoNormal, pareto.klParetoNormalGradient),
    beta: infinite('_kl_pareto_infinity', (p) => pareto.klParetoOutside(p as unknown as P.ParetoParameters, 'beta', UNIT_INTERVAL)),
    uniform: infinite('_kl_pareto_infinity', (p, q) => pareto.klParetoOutside(p as unknown as P.ParetoParameters, 'uniform', uniformSupport(q as unknown as P.UniformParameters))),
  },
  cauchy: {
    cauchy: pairOf('_kl_cauchy_cauchy', cauchy.klCauchyCauchy, cauchy.klCauchyCauchyGradient),
  },
};
