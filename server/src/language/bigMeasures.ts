// The discrete measures at `precision N`: each measure's precise kernel
// (measures/, the same sums as measures.ts) summed here in mathjs BigNumber, correctly rounded to N significant digits, with the
// logarithms of bigLogarithm.ts. Inputs are the doubles' shortest
// decimal forms, which are the literals as the user wrote them. A softmax's
// distribution is computed again from its logits, e^(zᵢ − max z)/Σⱼ e^(zⱼ − max z)
// at N digits: its doubles have lost the outcomes that underflow (e^-1000), and
// no BigNumber does. BCE of a sigmoid's p takes its logs from the logits at N
// digits likewise (sigmoid.ts).
import type { UnitName } from './ast';
import { bigLogarithms } from './bigLogarithm';
import { bigNumberMath, type BigNumber, type BigNumberMath } from './mathInstance';
import type { KernelRow, PreciseKernel, PreciseTools } from './measures/types';
import type { LogitRow } from './softmax';

const BASE_OF: Record<UnitName, number> = { bits: 2, nats: 0, bans: 10 };
/** Digits beyond N that a measure is computed with first; more where its rounding to N digits is in doubt. */
const GUARD_DIGITS = 10;
/**
 * What the sums may lose of their working digits: a logarithm's argument
 * rounds once (4 digits at most, KL and JS apart from the series, below), and
 * each addition once (the digits of the outcomes' count).
 */
const LOST_DIGITS = 5;
/** How many times the working precision is raised when the value is too near a rounding boundary of N digits. */
const MAX_RETRIES = 3;
/** Below this |s| = |p − q|/(p + q), KL's and JS's terms are series in s (no logarithm, nothing cancels). */
export const SERIES_LIMIT = 0.01;

/**
 * The measure's value over the rows (their mean), correctly rounded to
 * `digits` significant digits, as a decimal string; undefined when infinite.
 * It is computed with guard digits, and again with more (Ziv's strategy)
 * while the value, give or take what the working digits may have lost, does
 * not round to one N-digit number.
 */
export function preciseMeasure(kernel: PreciseKernel, rows: readonly KernelRow[], unit: UnitName, digits: number): string | undefined {
  const outcomes = rows.reduce((total, row) => total + row.p.length, 0);
  const lost = LOST_DIGITS + Math.ceil(Math.log10(outcomes + 1));
  let working = digits + GUARD_DIGITS + lost - LOST_DIGITS;
  for (let attempt = 0; ; attempt++) {
    const math = bigNumberMath(working);
    const value = measureAt(math, working, kernel, rows, unit);
    if (value === undefined) return undefined;
    const slack = value.abs().times((math.bignumber(10) as BigNumber).pow(lost - working));
    const rounded = value.toSignificantDigits(digits);
    if (attempt === MAX_RETRIES || value.minus(slack).toSignificantDigits(digits).eq(value.plus(slack).toSignificantDigits(digits))) return rounded.toString();
    working += 2 * GUARD_DIGITS;
  }
}

/** The measure at `working` digits (the instance's), unrounded; undefined when infinite. */
function measureAt(math: BigNumberMath, working: number, kernel: PreciseKernel, rows: readonly KernelRow[], unit: UnitName): BigNumber | undefined {
  const big = (x: number) => math.bignumber(x) as BigNumber;
  const { ln, lnOnePlus } = bigLogarithms(math, working);
  const zero = big(0);
  const tools: PreciseTools = { ln, lnOnePlus, big, negligible: big(10).pow(-working - 2) };
  let total = zero;
  for (const row of rows) {
    const { p, q, pLogits, qLogits } = row;
    const pAt = probabilities(math, p, pLogits);
    const qAt = q ? probabilities(math, q, qLogits) : () => zero;
    let sum: BigNumber | undefined = zero;
    let apart = zero;
    for (let i = 0; i < p.length; i++) {
      const pi = pAt(i);
      const qi = qAt(i);
      sum = kernel.add(sum, pi, qi, i, row, tools);
      if (sum === undefined) return undefined;
      if (kernel.apart) apart = apart.plus(kernel.apart(pi, qi));
    }
    total = total.plus(kernel.rowValue(sum.plus(apart), p.length));
  }
  return kernel.value(total.div(rows.length), () => (BASE_OF[unit] === 0 ? big(1) : ln(big(BASE_OF[unit]))));
}

/** Σ_{k≥0} ss^k / divisor(k), for 0 ≤ ss < 10^-4, until a term is a negligible part of the sum. */
export function evenSeries(ss: BigNumber, negligible: BigNumber, divisor: (k: number) => number): BigNumber {
  let power = ss.pow(0);
  let sum = power.div(divisor(0));
  const limit = sum.times(negligible);
  for (let k = 1; ; k++) {
    power = power.times(ss);
    const term = power.div(divisor(k));
    if (term.lt(limit)) return sum;
    sum = sum.plus(term);
  }
}

/** Entry i of a row as a BigNumber: its double, or for a softmax's row, e^(zᵢ − max z)/Σⱼ e^(zⱼ − max z) from the logits. */
function probabilities(math: BigNumberMath, row: Float64Array, logits: LogitRow | undefined): (i: number) => BigNumber {
  const big = (x: number) => math.bignumber(x) as BigNumber;
  if (!logits) return (i) => big(row[i]);
  const max = big(logits.max);
  // A logit of −∞ is probability 0, exactly.
  const exponentials = Array.from(logits.logits, (z) => (z === -Infinity ? big(0) : big(z).minus(max).exp()));
  const total = exponentials.reduce((sum, x) => sum.plus(x), big(0));
  return (i) => exponentials[i].div(total);
}

/**
 * How many BigNumber logarithms (or exponentials) one measure at `precision N`
 * may take: logarithms × ((N + 10)² + 2000) ≤ 25,000,000. A logarithm at W
 * working digits (bigLogarithm.ts) costs about 0.1 ms + 0.5 ms·(W/100)² on
 * the project's loaded 2-core machine (50–65 ms at 1010 digits, where
 * decimal.js's own took 440–770 ms), so that the limit is a second or two of
 * work: 24 logarithms at 1000 digits (H, CE or KL of 23 outcomes), 95 at 500,
 * 1,773 at 100, 9,342 at 16.
 * Near-equal outcomes of KL and JS take a series instead, which costs less.
 */
export function maxPreciseLogarithms(digits: number): number {
  return Math.floor(PRECISE_WORK_LIMIT / ((digits + GUARD_DIGITS) ** 2 + PRECISE_WORK_PER_LOGARITHM));
}

const PRECISE_WORK_LIMIT = 25_000_000;
/** What a logarithm costs apart from its digits, in the same units: a logarithm at 35 digits costs twice its 25 digits' square. */
const PRECISE_WORK_PER_LOGARITHM = 2000;

/**
 * What `logarithms` BigNumber logarithms at `digits` digits can be expected to
 * take, in milliseconds, with room: measured here 0.7 ms a logarithm at 50
 * digits, 1.5 at 100, 5 at 200, 28 at 500 and 225 at 1000, guard digits
 * included; this says 1.4, 2.4, 8.5, 82 and 518. A thread with a deadline does
 * not start precise work that would not end before it (context.ts, startsInTime).
 */
export function preciseMilliseconds(logarithms: number, digits: number): number {
  return logarithms * (1 + 0.1 + ((digits + GUARD_DIGITS) / 100) ** 2.7);
}

/**
 * The logarithms `preciseMeasure` takes for `outcomes` outcomes: the kernel's
 * logarithmsPerOutcome each (two for JS and BCE), and one for the base or the final exponential; and an
 * exponential for each of the `fromLogits` outcomes of softmax rows.
 */
export function preciseLogarithms(kernel: PreciseKernel, outcomes: number, fromLogits = 0): number {
  return outcomes * kernel.logarithmsPerOutcome + 1 + fromLogits;
}
