// The parameters of each continuous univariate family, named as in the
// spec's table (torch.distributions' parameterisations, lower-case).

export interface NormalParameters { readonly mu: number; readonly sigma: number }
export interface HalfNormalParameters { readonly sigma: number }
/** ln x ~ normal(mu, sigma). */
export interface LogNormalParameters { readonly mu: number; readonly sigma: number }
/** b is the scale. */
export interface LaplaceParameters { readonly mu: number; readonly b: number }
export interface ExponentialParameters { readonly rate: number }
export interface GammaParameters { readonly shape: number; readonly rate: number }
export interface BetaParameters { readonly a: number; readonly b: number }
export interface UniformParameters { readonly low: number; readonly high: number }
/** beta is the scale. */
export interface GumbelParameters { readonly mu: number; readonly beta: number }
/** Support x ≥ scale. */
export interface ParetoParameters { readonly scale: number; readonly alpha: number }
export interface CauchyParameters { readonly loc: number; readonly scale: number }
