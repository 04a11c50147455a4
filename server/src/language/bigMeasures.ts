// The discrete measures at `precision N`: the same sums as measures.ts, in
// mathjs BigNumber, correctly rounded to N significant digits, with the
// logarithms of bigLogarithm.ts. Inputs are the doubles' shortest
// decimal forms, which are the literals as the user wrote them. A softmax's
// distribution is computed again from its logits, e^(zᵢ − max z)/Σⱼ e^(zⱼ − max z)
// at N digits: its doubles have lost the outcomes that underflow (e^-1000), and
// no BigNumber does. BCE of a sigmoid's p takes its logs from the logits at N
// digits likewise (sigmoid.ts).
import type { UnitName } from './ast';
import type { MeasureKind, MeasureRow } from './measureDetail';
import { bigLogarithms } from './bigLogarithm';
import { bigNumberMath, type BigNumber, type BigNumberMath } from './mathInstance';
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
const SERIES_LIMIT = 0.01;

/**
 * The measure's value over the rows (their mean), correctly rounded to
 * `digits` significant digits, as a decimal string; undefined when infinite.
 * It is computed with guard digits, and again with more (Ziv's strategy)
 * while the value, give or take what the working digits may have lost, does
 * not round to one N-digit number.
 */
export function preciseMeasure(measure: MeasureKind, rows: readonly Omit<MeasureRow, 'value'>[], unit: UnitName, digits: number): string | undefined {
  const outcomes = rows.reduce((total, row) => total + row.p.length, 0);
  const lost = LOST_DIGITS + Math.ceil(Math.log10(outcomes + 1));
  let working = digits + GUARD_DIGITS + lost - LOST_DIGITS;
  for (let attempt = 0; ; attempt++) {
    const math = bigNumberMath(working);
    const value = measureAt(math, working, measure, rows, unit);
    if (value === undefined) return undefined;
    const slack = value.abs().times((math.bignumber(10) as BigNumber).pow(lost - working));
    const rounded = value.toSignificantDigits(digits);
    if (attempt === MAX_RETRIES || value.minus(slack).toSignificantDigits(digits).eq(value.plus(slack).toSignificantDigits(digits))) return rounded.toString();
    working += 2 * GUARD_DIGITS;
  }
}

/** The measure at `working` digits (the instance's), unrounded; undefined when infinite or not a precise measure. */
function measureAt(math: BigNumberMath, working: number, measure: MeasureKind, rows: readonly Omit<MeasureRow, 'value'>[], unit: UnitName): BigNumber | undefined {
  const big = (x: number) => math.bignumber(x) as BigNumber;
  const { ln, lnOnePlus } = bigLogarithms(math, working);
  const zero = big(0);
  const one = big(1);
  const half = big(0.5);
  // A term of a series below this fraction of its sum changes nothing at the working digits.
  const negligible = big(10).pow(-working - 2);
  const lnBase = BASE_OF[unit] === 0 ? one : ln(big(BASE_OF[unit]));
  let total = zero;
  for (const { p, q, pLogits, qLogits, sigmoidLogits } of rows) {
    const pAt = probabilities(math, p, pLogits);
    const qAt = q ? probabilities(math, q, qLogits) : () => zero;
    let sum = zero;
    // KL as Σ[p·ln(p/q) − (p − q)] + Σ(p − q): the first sum's terms are ≥ 0, the second is exact.
    let moved = zero;
    for (let i = 0; i < p.length; i++) {
      const pi = pAt(i);
      const qi = qAt(i);
      if ((measure === 'crossEntropy' || measure === 'kl') && !pi.isZero() && qi.isZero()) return undefined;
      switch (measure) {
        case 'entropy':
        case 'perplexity':
          if (!pi.isZero()) sum = sum.minus(pi.times(ln(pi)));
          break;
        case 'crossEntropy':
          if (!pi.isZero()) sum = sum.minus(pi.times(ln(qi)));
          break;
        case 'kl':
          if (!pi.isZero()) {
            const difference = pi.minus(qi);
            sum = sum.plus(klSpread(pi, qi, difference, negligible, ln));
            moved = moved.plus(difference);
          }
          break;
        case 'bce': {
          // −(y·ln p + (1−y)·ln(1−p)), the row's value is the mean over its entries; a sigmoid's logs from its logit.
          const logs = sigmoidLogits && sigmoidLogs(big(sigmoidLogits[i]), lnOnePlus);
          if (!pi.isZero()) sum = sum.minus(pi.times(logs?.lnP ?? ln(qi)));
          if (!pi.eq(one)) sum = sum.minus(one.minus(pi).times(logs?.lnOneMinusP ?? lnOnePlus(qi.neg())));
          break;
        }
        case 'js':
          sum = sum.plus(jsTerm(pi, qi, half, negligible, ln));
          break;
        default:
          return undefined;
      }
    }
    sum = sum.plus(moved);
    total = total.plus(measure === 'bce' ? sum.div(p.length) : sum);
  }
  const mean = total.div(rows.length);
  return measure === 'perplexity' ? mean.exp() : mean.div(lnBase);
}

/**
 * p·ln(p/q) − (p − q) ≥ 0 for p > 0. With s = (p − q)/(p + q), p/q = (1 + s)/(1 − s)
 * and it is (p + q)·[s² + (1 + s)·s³·Σ_{k≥0} s^(2k)/(2k + 3)] (longMeasures.ts,
 * relativeEntropySeries): for small s no logarithm, whose argument p/q would
 * round away the digits of s, and no cancellation. Farther, the logarithm
 * loses at most 4 digits to that rounding.
 */
function klSpread(p: BigNumber, q: BigNumber, difference: BigNumber, negligible: BigNumber, ln: (x: BigNumber) => BigNumber): BigNumber {
  const s = difference.div(p.plus(q));
  if (s.abs().lt(SERIES_LIMIT)) {
    const ss = s.times(s);
    return p.plus(q).times(ss.plus(s.plus(1).times(s).times(ss).times(evenSeries(ss, negligible, (k) => 2 * k + 3))));
  }
  return p.times(ln(p.div(q))).minus(difference);
}

/**
 * ½·[p·ln(p/m) + q·ln(q/m)], m = (p + q)/2: with s as above, ½(p + q)·Σ_{k≥1}
 * s^(2k)/(2k(2k − 1)) (jsSeries in longMeasures.ts) for small s, where the
 * logarithms' first-order parts would cancel.
 */
function jsTerm(p: BigNumber, q: BigNumber, half: BigNumber, negligible: BigNumber, ln: (x: BigNumber) => BigNumber): BigNumber {
  const total = p.plus(q);
  if (total.isZero()) return total;
  const s = p.minus(q).div(total);
  if (s.abs().lt(SERIES_LIMIT)) {
    const ss = s.times(s);
    return half.times(total).times(ss).times(evenSeries(ss, negligible, (k) => (2 * k + 2) * (2 * k + 1)));
  }
  const m = total.times(half);
  const part = (x: BigNumber) => (x.isZero() ? x : x.times(ln(x.div(m))));
  return half.times(part(p).plus(part(q)));
}

/** Σ_{k≥0} ss^k / divisor(k), for 0 ≤ ss < 10^-4, until a term is a negligible part of the sum. */
function evenSeries(ss: BigNumber, negligible: BigNumber, divisor: (k: number) => number): BigNumber {
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

/**
 * ln p = −softplus(−x) and ln(1 − p) = −softplus(x) of p = sigmoid(x), at the
 * working digits: with t = e^−|x|, softplus(|x|) = |x| + ln(1 + t) and
 * softplus(−|x|) = ln(1 + t), ln(1 + t) through lnOnePlus, which keeps every
 * digit of t however small it is (ln(1 + t) of 1 + t rounded keeps none of
 * e^-100's at 60 digits).
 */
function sigmoidLogs(x: BigNumber, lnOnePlus: (t: BigNumber) => BigNumber): { lnP: BigNumber; lnOneMinusP: BigNumber } {
  const lnOnePlusT = lnOnePlus(x.abs().neg().exp());
  const confident = x.abs().plus(lnOnePlusT).neg();
  const likely = lnOnePlusT.neg();
  return x.isNegative() ? { lnP: confident, lnOneMinusP: likely } : { lnP: likely, lnOneMinusP: confident };
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
 * The logarithms `preciseMeasure` takes for `outcomes` outcomes: one each (two
 * for JS and BCE), and one for the base or the final exponential; and an
 * exponential for each of the `fromLogits` outcomes of softmax rows.
 */
export function preciseLogarithms(measure: MeasureKind, outcomes: number, fromLogits = 0): number {
  return outcomes * (measure === 'js' || measure === 'bce' ? 2 : 1) + 1 + fromLogits;
}
