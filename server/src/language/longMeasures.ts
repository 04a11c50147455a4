// The measures on long vectors: the same terms as measures.ts (0·log 0 = 0,
// log1p near p = q, a term with p > 0 and q = 0 is +∞), summed in nats with
// fastLog and Neumaier's compensation, written out loop by loop so that V8
// inlines everything. measures.ts converts the sum to the unit. A softmax's q
// below the normal doubles takes its log from the logits, as in measures.ts:
// one comparison in the loop, which the test for q = 0 made before. Short vectors
// keep the library's logarithms in the unit, whose exact cases
// (H(uniform(8)) = 3 bits) people read in hovers.
import { fastLog } from './fastLog';
import type { MeasureResult } from './measures';
import { lnSoftmax, SMALLEST_NORMAL, type LogitRow } from './softmax';

/** Vectors at least this long use these loops. */
export const LONG_VECTOR = 1024;

export function entropyNats(p: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    const x = pi === 0 ? 0 : -pi * fastLog(pi);
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

export function crossEntropyNats(p: Float64Array, q: Float64Array, qLogits?: LogitRow): MeasureResult {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (pi === 0) continue;
    const qi = q[i];
    let x: number;
    if (qi < SMALLEST_NORMAL && (qi === 0 || qLogits !== undefined)) {
      x = qLogits === undefined ? Infinity : -pi * lnSoftmax(qLogits, i);
      if (x === Infinity) return { value: Infinity, infiniteAt: i };
    } else {
      x = -pi * fastLog(qi);
    }
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  return { value: sum + compensation };
}

export function klNats(p: Float64Array, q: Float64Array, qLogits?: LogitRow): MeasureResult {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (pi === 0) continue;
    const qi = q[i];
    let x: number;
    if (qi < SMALLEST_NORMAL && (qi === 0 || qLogits !== undefined)) {
      x = qLogits === undefined ? Infinity : klTermFromLogits(pi, qLogits, i);
      if (x === Infinity) return { value: Infinity, infiniteAt: i };
    } else {
      // ln(p/q): near p = q as ln(1 + t), t = (p − q)/q, where p − q is exact;
      // 1 + t rounds, and (1 + t) − 1 − t is what the rounding added (exact for
      // 1 + t in [½, 2]), taken off the logarithm to first order.
      const difference = pi - qi;
      let argument: number;
      let correction = 0;
      if (Math.abs(difference) < 0.5 * qi) {
        const t = difference / qi;
        argument = 1 + t;
        correction = argument - 1 - t;
      } else {
        argument = pi / qi;
        if (argument === Infinity || argument === 0) return finishedApart(p, q, i, sum + compensation, qLogits);
      }
      x = pi * (fastLog(argument) - correction);
    }
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  return { value: sum + compensation };
}

/** p·(ln p − ln q), ln q from a softmax's logits (+∞ for a logit of −∞): out of line, as below. */
function klTermFromLogits(p: number, qLogits: LogitRow, i: number): number {
  return p * (Math.log(p) - lnSoftmax(qLogits, i));
}

/**
 * The rest of KL(P ‖ Q) from entry `from` on, when p/q leaves the doubles
 * there (a subnormal q): every term as p·(ln p − ln q), ln q from the logits
 * where a softmax's q is below the normal doubles. Out of the main loop so
 * that its logarithms do not count against V8's inlining budget there.
 */
function finishedApart(p: Float64Array, q: Float64Array, from: number, before: number, qLogits: LogitRow | undefined): MeasureResult {
  let sum = before;
  let compensation = 0;
  for (let i = from; i < p.length; i++) {
    const pi = p[i];
    if (pi === 0) continue;
    const qi = q[i];
    const lnQ = qLogits !== undefined && qi < SMALLEST_NORMAL ? lnSoftmax(qLogits, i) : Math.log(qi);
    if (lnQ === -Infinity) return { value: Infinity, infiniteAt: i };
    const x = pi * (Math.log(pi) - lnQ);
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  return { value: sum + compensation };
}

/**
 * JS in nats: ½·Σ p ln(p/m) + q ln(q/m) with m = (p + q)/2. With
 * t = (p − q)/(p + q), p/m = 1 + t and q/m = 1 − t: near p = q the term is the
 * series of jsSeries; farther, ln(1 ± t) (corrected as in klNats); far apart,
 * the logarithms of p·2/(p + q) and q·2/(p + q).
 */
export function jsNats(p: Float64Array, q: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    const qi = q[i];
    const total = pi + qi;
    if (total === 0) continue;
    const t = (pi - qi) / total;
    const size = Math.abs(t);
    let x: number;
    if (size < JS_SERIES_LIMIT) {
      x = 0.5 * total * jsSeries(t * t);
    } else {
      let up: number;
      let down: number;
      let upCorrection = 0;
      let downCorrection = 0;
      if (size < 0.5) {
        up = 1 + t;
        down = 1 - t;
        upCorrection = up - 1 - t;
        downCorrection = down - 1 + t;
      } else {
        const scale = 2 / total;
        up = pi * scale;
        down = qi * scale;
      }
      x = 0.5 * ((pi === 0 ? 0 : pi * (fastLog(up) - upCorrection)) + (qi === 0 ? 0 : qi * (fastLog(down) - downCorrection)));
    }
    const s = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - s + x;
    else compensation += x - s + sum;
    sum = s;
  }
  return sum + compensation;
}

/** Below this |t| the Jensen–Shannon term is summed as a series. */
export const JS_SERIES_LIMIT = 1 / 16;

/**
 * ½[(1 + t) ln(1 + t) + (1 − t) ln(1 − t)] = Σ_{k≥1} t^{2k} / (2k(2k − 1)), in
 * t² = `tt`: the Jensen–Shannon term over (p + q)/2. Every term is positive:
 * the first-order parts of the two logarithms, which cancel, are not
 * computed at all. For |t| < 1/16 the eighth term is below 2^-56 of the first.
 */
export function jsSeries(tt: number): number {
  return tt * (1 / 2 + tt * (1 / 12 + tt * (1 / 30 + tt * (1 / 56 + tt * (1 / 90 + tt * (1 / 132 + tt * (1 / 182 + tt * (1 / 240))))))));
}
