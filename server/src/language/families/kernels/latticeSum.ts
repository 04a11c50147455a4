// Expectations under the binomial and the Poisson, E[f(X)] = Σ_k pmf(k)·f(k),
// by summation. Their entropies and entropy derivatives have no closed form,
// so they are sums; this file is how long the sums are and why they stop.
//
// Truncation. The sum runs over mean ± (40σ + 40), cut to the support. Both
// distributions are log-concave with sub-Gaussian tails: beyond 40σ the mass
// is below e^{−800·σ/(σ + 13)} (Bernstein), and for σ small their pmfs fall
// faster than geometrically (Poisson: p_{k+1}/p_k = λ/(k + 1)), so the part
// left out is below 1e-300 of the sum for every σ.
//
// Step. Where the window lies inside the support (it does not reach 0, or n),
// the sum over the integers is the trapezoid rule with step 1 for the smooth
// extension of pmf(x)·f(x) to real x (through ln Γ). By Poisson summation the
// trapezoid rule with any step h differs from the integral, and so from the
// sum with step 1, by about e^{−2π²(σ/h)²}. The step is h = ⌊σ/3⌋ (where
// σ ≥ 6), an error near e^{−177}, and the sums take at most ~320 terms at
// any rate or n; σ < 6 sums every integer of the window (at most ~560 terms).
// The points stay integers, so ln pmf is evaluated only at integers.
import { HALF_LN_2PI } from '../../special/constants';
import { logGamma } from '../../special/logGamma';
import { ASYMPTOTIC_FROM, stirlingRemainder } from '../../special/stirling';

/** Where a lattice distribution lives and how wide it is. */
export interface Lattice {
  mean: number;
  sd: number;
  /** The support's ends (Infinity for the Poisson's). */
  first: number;
  last: number;
}

const WINDOW_SDS = 40;
const STEPS_PER_SD = 3;
const MIN_SD_FOR_STEPS = 2 * STEPS_PER_SD;

/** Σ_k pmf(k)·value(k, ln pmf(k)) over the lattice, by the rule above. */
export function latticeExpectation(lattice: Lattice, logPmf: (k: number) => number, value: (k: number, logPmf: number) => number): number {
  const { mean, sd, first, last } = lattice;
  const reach = WINDOW_SDS * sd + WINDOW_SDS;
  const low = Math.max(first, Math.floor(mean - reach));
  const high = Math.min(last, Math.ceil(mean + reach));
  const inside = low > first && high < last && sd >= MIN_SD_FOR_STEPS;
  const step = inside ? Math.floor(sd / STEPS_PER_SD) : 1;
  const start = Math.min(high, Math.max(low, Math.round(mean)));
  let sum = 0;
  let compensation = 0;
  const add = (k: number): boolean => {
    const logP = logPmf(k);
    const p = Math.exp(logP);
    if (p === 0) return false;
    // Neumaier's compensated sum: the derivatives' terms have both signs.
    const term = p * value(k, logP);
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    return true;
  };
  add(start);
  for (let k = start + step; k <= high && add(k); k += step);
  for (let k = start - step; k >= low && add(k); k -= step);
  return step * (sum + compensation);
}

/**
 * Binet's function at a whole number k ≥ 1, μ(k) = ln k! − [(k + ½) ln k − k + ½ ln 2π]
 * (Loader's stirlerr): the asymptotic series from k = 10, ln Γ below.
 */
export function stirlingError(k: number): number {
  if (k >= ASYMPTOTIC_FROM) return stirlingRemainder(k);
  return logGamma(k) - (k - 0.5) * Math.log(k) + k - HALF_LN_2PI;
}
