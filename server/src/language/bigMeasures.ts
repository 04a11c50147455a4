// The discrete measures at `precision N`: the same sums as measures.ts, in
// mathjs BigNumber at N significant digits. Inputs are the doubles' shortest
// decimal forms, which are the literals as the user wrote them. A softmax's
// distribution is computed again from its logits, e^(zᵢ − max z)/Σⱼ e^(zⱼ − max z)
// at N digits: its doubles have lost the outcomes that underflow (e^-1000), and
// no BigNumber does. BCE of a sigmoid's p takes its logs from the logits at N
// digits likewise (sigmoid.ts).
import type { UnitName } from './ast';
import type { MeasureKind, MeasureRow } from './measureDetail';
import { bigNumberMath, type BigNumber, type BigNumberMath } from './mathInstance';
import type { LogitRow } from './softmax';

const BASE_OF: Record<UnitName, number> = { bits: 2, nats: 0, bans: 10 };
const GUARD_DIGITS = 10;

/** The measure's value over the rows (their mean), as a decimal string; undefined when infinite. */
export function preciseMeasure(measure: MeasureKind, rows: readonly Omit<MeasureRow, 'value'>[], unit: UnitName, digits: number): string | undefined {
  // Guard digits: the logs and divisions round at every step; the result is rounded to `digits` at the end.
  const math = bigNumberMath(digits + GUARD_DIGITS);
  const big = (x: number) => math.bignumber(x) as BigNumber;
  const zero = big(0);
  const lnBase = BASE_OF[unit] === 0 ? big(1) : big(BASE_OF[unit]).ln();
  const half = big(0.5);
  // p·ln(p/q), with 0·ln(0/q) = 0.
  const klTerm = (p: BigNumber, q: BigNumber) => (p.isZero() ? zero : p.times(p.div(q).ln()));
  let total = zero;
  for (const { p, q, pLogits, qLogits, sigmoidLogits } of rows) {
    const pAt = probabilities(math, p, pLogits);
    const qAt = q ? probabilities(math, q, qLogits) : () => zero;
    let sum = zero;
    for (let i = 0; i < p.length; i++) {
      const pi = pAt(i);
      const qi = qAt(i);
      if ((measure === 'crossEntropy' || measure === 'kl') && !pi.isZero() && qi.isZero()) return undefined;
      switch (measure) {
        case 'entropy':
        case 'perplexity':
          if (!pi.isZero()) sum = sum.minus(pi.times(pi.ln()));
          break;
        case 'crossEntropy':
          if (!pi.isZero()) sum = sum.minus(pi.times(qi.ln()));
          break;
        case 'kl':
          sum = sum.plus(klTerm(pi, qi));
          break;
        case 'bce': {
          // −(y·ln p + (1−y)·ln(1−p)), the row's value is the mean over its entries; a sigmoid's logs from its logit.
          const one = big(1);
          const logs = sigmoidLogits && sigmoidLogs(big(sigmoidLogits[i]));
          if (!pi.isZero()) sum = sum.minus(pi.times(logs?.lnP ?? qi.ln()));
          if (!pi.eq(one)) sum = sum.minus(one.minus(pi).times(logs?.lnOneMinusP ?? one.minus(qi).ln()));
          break;
        }
        case 'js': {
          const m = pi.plus(qi).times(half);
          sum = sum.plus(half.times(klTerm(pi, m))).plus(half.times(klTerm(qi, m)));
          break;
        }
        default:
          return undefined;
      }
    }
    total = total.plus(measure === 'bce' ? sum.div(p.length) : sum);
  }
  const mean = total.div(rows.length);
  const value = measure === 'perplexity' ? mean.exp() : mean.div(lnBase);
  return value.toSignificantDigits(digits).toString();
}

/**
 * ln p = −softplus(−x) and ln(1 − p) = −softplus(x) of p = sigmoid(x), at the
 * instance's digits: with t = e^−|x|, softplus(|x|) = |x| + ln(1 + t) and
 * softplus(−|x|) = ln(1 + t). ln(1 + t) is taken as t·ln(u)/(u − 1) with
 * u = 1 + t rounded (Kahan's log1p), which keeps every digit however small t
 * is; ln(u) alone keeps only the digits of t that u holds (none of e^-100's at 60 digits).
 */
function sigmoidLogs(x: BigNumber): { lnP: BigNumber; lnOneMinusP: BigNumber } {
  const t = x.abs().neg().exp();
  const u = t.plus(1);
  const lnOnePlusT = u.eq(1) ? t : t.times(u.ln()).div(u.minus(1));
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
 * may take. Their cost grows about as the digits to the power 2.7 (here: 0.06 ms
 * at 26 digits, 0.65 ms at 110, 29 ms at 510, 0.2 s at 1010, guard digits
 * included), so the limit is on logarithms × (0.1 + (digits/100)^2.7), about a
 * second of work: 3 logarithms at 1000 digits, 24 at 500, 1,438 at 100.
 */
export function maxPreciseLogarithms(digits: number): number {
  return Math.floor(PRECISE_WORK_LIMIT / (0.1 + ((digits + GUARD_DIGITS) / 100) ** 2.7));
}

const PRECISE_WORK_LIMIT = 2000;

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
