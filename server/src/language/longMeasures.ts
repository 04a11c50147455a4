// The measures on long vectors: the same terms as measures.ts (0·log 0 = 0,
// a term with p > 0 and q = 0 is +∞), summed in nats with fastLog and
// Neumaier's compensation, written out loop by loop so that V8 inlines
// everything. measures.ts converts the sum to the unit. H, CE and KL take two
// outcomes a turn, each into its own compensated sum (a lane), joined at the
// end: two independent chains of work that the CPU overlaps, a quarter to a
// third quicker than one (bench/measures.mjs). The common case (every
// probability a positive normal double) goes straight through; anything else
// takes a term function out of its way. A softmax's q below the normal
// doubles takes its log from the logits, as in measures.ts. Short vectors keep
// the library's logarithms in the unit, whose exact cases (H(uniform(8)) =
// 3 bits) people read in hovers.
import { fastLog } from './fastLog';
import type { MeasureResult } from './measureResult';
import { lnSoftmax, SMALLEST_NORMAL, type LogitRow } from './softmax';
import { roundingOf } from './summation';

/** Vectors at least this long use these loops. */
export const LONG_VECTOR = 1024;

export function entropyNats(p: Float64Array): number {
  const lanes = new Float64Array(LANES);
  for (let from = 0; from < p.length; from += CHUNK) entropyChunk(p, from, Math.min(p.length, from + CHUNK), lanes);
  return joinedLanes(lanes);
}

function entropyChunk(p: Float64Array, from: number, to: number, lanes: Float64Array): void {
  let i = from;
  // An odd count (the last chunk's only): its first outcome goes to lane 1 alone.
  if ((to - from) % 2 === 1) addToLane1(lanes, entropyTermNats(p[i++]));
  let sum0 = lanes[SUM0];
  let compensation0 = lanes[COMPENSATION0];
  let sum1 = lanes[SUM1];
  let compensation1 = lanes[COMPENSATION1];
  for (; i < to; i += 2) {
    const p0 = p[i];
    const p1 = p[i + 1];
    let x0: number;
    let x1: number;
    if (p0 > 0 && p1 > 0) {
      x0 = -p0 * fastLog(p0);
      x1 = -p1 * fastLog(p1);
    } else {
      x0 = entropyTermNats(p0);
      x1 = entropyTermNats(p1);
    }
    const t0 = sum0 + x0;
    compensation0 += roundingOf(sum0, x0, t0);
    sum0 = t0;
    const t1 = sum1 + x1;
    compensation1 += roundingOf(sum1, x1, t1);
    sum1 = t1;
  }
  keepLanes(lanes, sum0, compensation0, sum1, compensation1);
}

/** −p·ln p, 0 for p = 0. */
function entropyTermNats(p: number): number {
  return p === 0 ? 0 : -p * fastLog(p);
}

export function crossEntropyNats(p: Float64Array, q: Float64Array, qLogits?: LogitRow): MeasureResult {
  const lanes = new Float64Array(LANES);
  for (let from = 0; from < p.length; from += CHUNK) {
    const infiniteAt = crossEntropyChunk(p, q, qLogits, from, Math.min(p.length, from + CHUNK), lanes);
    if (infiniteAt >= 0) return { value: Infinity, infiniteAt };
  }
  return { value: joinedLanes(lanes) };
}

/** Adds a chunk's terms to `lanes`; the first outcome whose term is +∞ (p > 0, q = 0), or −1. */
function crossEntropyChunk(p: Float64Array, q: Float64Array, qLogits: LogitRow | undefined, from: number, to: number, lanes: Float64Array): number {
  let i = from;
  if ((to - from) % 2 === 1) {
    const x = crossEntropyTermNats(p[i], q[i], i, qLogits);
    if (x === Infinity) return i;
    addToLane1(lanes, x);
    i++;
  }
  let sum0 = lanes[SUM0];
  let compensation0 = lanes[COMPENSATION0];
  let sum1 = lanes[SUM1];
  let compensation1 = lanes[COMPENSATION1];
  for (; i < to; i += 2) {
    const p0 = p[i];
    const p1 = p[i + 1];
    const q0 = q[i];
    const q1 = q[i + 1];
    let x0: number;
    let x1: number;
    // Both q positive, normal and finite: −p·ln q straight through (−0·ln q = 0 for p = 0).
    if (q0 >= SMALLEST_NORMAL && q0 < Infinity && q1 >= SMALLEST_NORMAL && q1 < Infinity) {
      x0 = -p0 * fastLog(q0);
      x1 = -p1 * fastLog(q1);
    } else {
      x0 = crossEntropyTermNats(p0, q0, i, qLogits);
      if (x0 === Infinity) return i;
      x1 = crossEntropyTermNats(p1, q1, i + 1, qLogits);
      if (x1 === Infinity) return i + 1;
    }
    const t0 = sum0 + x0;
    compensation0 += roundingOf(sum0, x0, t0);
    sum0 = t0;
    const t1 = sum1 + x1;
    compensation1 += roundingOf(sum1, x1, t1);
    sum1 = t1;
  }
  keepLanes(lanes, sum0, compensation0, sum1, compensation1);
  return -1;
}

/** −p·ln q: 0 for p = 0; below the normal doubles ln q from a softmax's logits, and +∞ for q = 0 otherwise. */
function crossEntropyTermNats(p: number, q: number, i: number, qLogits: LogitRow | undefined): number {
  if (p === 0) return 0;
  if (q < SMALLEST_NORMAL && (q === 0 || qLogits !== undefined)) return qLogits === undefined ? Infinity : -p * lnSoftmax(qLogits, i);
  return -p * fastLog(q);
}

/**
 * The state the loops keep between chunks: the sum and compensation of lane
 * 0, then of lane 1 (the two compensated sums that take every other outcome);
 * KL's fast loop adds Σp and Σ|term| for its error bound.
 */
const SUM0 = 0;
const COMPENSATION0 = 1;
const SUM1 = 2;
const COMPENSATION1 = 3;
const MASS = 4;
const SIZE = 5;
const LANES = 4;
const KL_LANES = 6;

/**
 * Outcomes per call of a loop. A loop over a whole vector is compiled by V8
 * while its first call runs (on-stack replacement), before anything after
 * the loop has run once; that code is thrown away on reaching the end, and
 * which code the next calls got varied from process to process (in some, H
 * of 10^6 outcomes took 22 ms instead of 8). A chunk's loop has returned
 * many times before it is compiled, with every part of it seen.
 */
const CHUNK = 4096;

/** Keeps a chunk's two lanes for the next chunk. */
function keepLanes(lanes: Float64Array, sum0: number, compensation0: number, sum1: number, compensation1: number): void {
  lanes[SUM0] = sum0;
  lanes[COMPENSATION0] = compensation0;
  lanes[SUM1] = sum1;
  lanes[COMPENSATION1] = compensation1;
}

/** Adds x to lane 1 (an odd count's first outcome). */
function addToLane1(lanes: Float64Array, x: number): void {
  const sum = lanes[SUM1];
  const t = sum + x;
  lanes[COMPENSATION1] += roundingOf(sum, x, t);
  lanes[SUM1] = t;
}

/** The two lanes as one sum: their sum, with its rounding error and both compensations. */
function joinedLanes(lanes: Float64Array): number {
  const sum0 = lanes[SUM0];
  const sum1 = lanes[SUM1];
  const joined = sum0 + sum1;
  // Past an infinity the compensations are ∞ − ∞ = NaN; the sum itself is the answer.
  if (!Number.isFinite(joined)) return joined;
  return joined + (lanes[COMPENSATION0] + lanes[COMPENSATION1] + roundingOf(sum0, sum1, joined));
}

/**
 * KL(P ‖ Q) in nats. Most pairs met in practice are far enough apart that
 * p·ln(p/q) with p/q rounded once is good to far below the 1e-12 we promise:
 * that loop takes about 60% of the careful one's time. It has no ln(1 + t)
 * branch, which the CPU mispredicts on every other outcome, and it takes two
 * outcomes a turn, each with its own compensated sum, which gives the CPU two
 * independent chains of work to overlap. It keeps a bound on its own error,
 * and the careful loop runs instead when that bound is not below
 * FAST_KL_TOLERANCE of the sum (P near Q, where terms cancel), or when an
 * outcome needs it (q = 0, a subnormal q or p/q, NaN).
 *
 * The bound, with u = 2^-53: p/q rounds by at most u, which moves its log by
 * at most 1.0001u; fastLog is within 2.5 ulp of ln (1.5 of Math.log, itself
 * within 1), 5u·|ln|; the product rounds by u. So a term x is off by at most
 * 1.0001u·p + 6.01u·|x|. Each lane's Neumaier sum adds at most
 * 2u·|lane| + 2n·u²·Σ|x|, and joining the lanes 3u·Σ|x|; |lane| ≤ Σ|x|.
 */
export function klNats(p: Float64Array, q: Float64Array, qLogits?: LogitRow): MeasureResult {
  const lanes = new Float64Array(KL_LANES);
  for (let from = 0; from < p.length; from += CHUNK) {
    if (!klChunk(p, q, from, Math.min(p.length, from + CHUNK), lanes)) return klNatsCareful(p, q, qLogits);
  }
  const value = joinedLanes(lanes);
  const u = 2 ** -53;
  const size = lanes[SIZE];
  const bound = u * (1.0001 * lanes[MASS] + 11.01 * size) + 2 * p.length * u * u * size;
  return bound <= FAST_KL_TOLERANCE * Math.abs(value) ? { value } : klNatsCareful(p, q, qLogits);
}

/** Adds a chunk's terms to `lanes` (and Σp, Σ|term|); false where an outcome needs the careful loop. */
function klChunk(p: Float64Array, q: Float64Array, from: number, to: number, lanes: Float64Array): boolean {
  let i = from;
  if ((to - from) % 2 === 1) {
    const x = fastKlTerm(p[i], q[i], p[i] / q[i]);
    if (x !== x) return false;
    lanes[MASS] += p[i];
    lanes[SIZE] += Math.abs(x);
    addToLane1(lanes, x);
    i++;
  }
  let sum0 = lanes[SUM0];
  let compensation0 = lanes[COMPENSATION0];
  let sum1 = lanes[SUM1];
  let compensation1 = lanes[COMPENSATION1];
  let mass = lanes[MASS];
  let size = lanes[SIZE];
  for (; i < to; i += 2) {
    const p0 = p[i];
    const p1 = p[i + 1];
    const q0 = q[i];
    const q1 = q[i + 1];
    const r0 = p0 / q0;
    const r1 = p1 / q1;
    let x0: number;
    let x1: number;
    if (q0 >= SMALLEST_NORMAL && r0 >= SMALLEST_NORMAL && r0 < Infinity && q1 >= SMALLEST_NORMAL && r1 >= SMALLEST_NORMAL && r1 < Infinity) {
      x0 = p0 * fastLog(r0);
      x1 = p1 * fastLog(r1);
    } else {
      // Out of the way of the common case: p = 0, or an outcome for the careful loop (NaN).
      x0 = fastKlTerm(p0, q0, r0);
      x1 = fastKlTerm(p1, q1, r1);
      if (x0 !== x0 || x1 !== x1) return false;
    }
    mass += p0 + p1;
    size += Math.abs(x0) + Math.abs(x1);
    const t0 = sum0 + x0;
    compensation0 += roundingOf(sum0, x0, t0);
    sum0 = t0;
    const t1 = sum1 + x1;
    compensation1 += roundingOf(sum1, x1, t1);
    sum1 = t1;
  }
  keepLanes(lanes, sum0, compensation0, sum1, compensation1);
  lanes[MASS] = mass;
  lanes[SIZE] = size;
  return true;
}

/** The fast KL loop's answer is kept when its error bound is below this fraction of it: a hundredth of the promised 1e-12. */
export const FAST_KL_TOLERANCE = 1e-14;

/** p·ln(p/q), given p/q, for the fast loop: 0 for p = 0, NaN where the loop cannot be trusted (q or p/q not a positive normal double, NaN). */
function fastKlTerm(p: number, q: number, ratio: number): number {
  if (p === 0) return 0;
  // Written so that NaN fails too: (NaN >= x) is false.
  if (!(q >= SMALLEST_NORMAL && ratio >= SMALLEST_NORMAL && ratio < Infinity)) return NaN;
  return p * fastLog(ratio);
}

/**
 * KL(P ‖ Q) where its terms cancel (P near Q), or an outcome needs care:
 * Σ p·ln(p/q) = Σ [p·ln(p/q) − (p − q)] + Σ (p − q). Each term of the first
 * sum is q·[(1 + t)·ln(1 + t) − t] ≥ 0 with t = (p − q)/q, so nothing cancels
 * in it; near p = q it is relativeEntropySeries, where p − q is exact
 * (Sterbenz) and no logarithm is taken. The second sum is of those same
 * differences: 0 when Σp = Σq, and otherwise the inputs' own imbalance, kept
 * to its last digit. Far apart, p·ln(p/q) − (p − q) loses at most a few bits.
 * ln q from the logits below the normal doubles, as in measures.ts.
 */
export function klNatsCareful(p: Float64Array, q: Float64Array, qLogits?: LogitRow): MeasureResult {
  let spread = 0;
  let spreadCompensation = 0;
  let moved = 0;
  let movedCompensation = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    // 0·ln(0/q) = 0: both parts of the term, q and −q, are left out.
    if (pi === 0) continue;
    const qi = q[i];
    const difference = pi - qi;
    let x: number;
    if (qi < SMALLEST_NORMAL && (qi === 0 || qLogits !== undefined)) {
      if (qLogits === undefined) return { value: Infinity, infiniteAt: i };
      x = klTermFromLogits(pi, qLogits, i) - difference;
      if (x === Infinity) return { value: Infinity, infiniteAt: i };
    } else if (Math.abs(difference) < KL_SERIES_LIMIT * qi) {
      x = (pi + qi) * relativeEntropySeries(difference / (pi + qi));
    } else {
      x = pi * lnRatio(pi, qi) - difference;
    }
    const t = spread + x;
    spreadCompensation += roundingOf(spread, x, t);
    spread = t;
    const m = moved + difference;
    movedCompensation += roundingOf(moved, difference, m);
    moved = m;
  }
  return { value: spread + spreadCompensation + (moved + movedCompensation) };
}

/** Below this |p − q|/q, KL's term is relativeEntropySeries (p − q is exact there). */
const KL_SERIES_LIMIT = 1 / 8;

/**
 * [p·ln(p/q) − (p − q)]/(p + q) in s = (p − q)/(p + q): with p/q = (1 + s)/(1 − s)
 * and ln(p/q) = 2·atanh(s) = 2(s + s³·B), B = Σ_{k≥0} s^{2k}/(2k + 3), it is
 * s² + (1 + s)·s³·B, whose first-order parts, which cancel, are not computed.
 * For |s| < 1/15 (|p − q| < q/8) the terms after s^12/15 are below 2^-56 of s².
 */
export function relativeEntropySeries(s: number): number {
  const ss = s * s;
  const b = 1 / 3 + ss * (1 / 5 + ss * (1 / 7 + ss * (1 / 9 + ss * (1 / 11 + ss * (1 / 13 + ss * (1 / 15))))));
  return ss + (1 + s) * s * ss * b;
}

/** ln(p/q) for p, q > 0: of the ratio, or the difference of the logs where the ratio leaves the normal doubles. */
function lnRatio(p: number, q: number): number {
  const ratio = p / q;
  if (ratio >= SMALLEST_NORMAL && ratio < Infinity) return fastLog(ratio);
  return Math.log(p) - Math.log(q);
}

/** p·(ln p − ln q), ln q from a softmax's logits (+∞ for a logit of −∞): out of line, as below. */
function klTermFromLogits(p: number, qLogits: LogitRow, i: number): number {
  return p * (Math.log(p) - lnSoftmax(qLogits, i));
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
    const next = sum + x;
    compensation += roundingOf(sum, x, next);
    sum = next;
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

// V8 records what each call in a function sees (its feedback: which function a
// call reaches) only from about the function's 8th call. The first measure of a
// long vector ran these loops before any record: in most fresh processes V8
// then compiled the outer loop (entropyNats, crossEntropyNats) with a chunk's
// loop inlined but its fastLog calls left as calls, for want of a recorded
// target, and KL's chunk slowly likewise. A CPU profile shows fastLog as a
// frame of its own; the measure then took 1.3–4× its time for the rest of the
// process (H of 10^6 outcomes 22 ms instead of 8). Twelve calls of each chunk
// loop on a small vector as the module loads record every call of the fast
// paths first (a few microseconds); docs/performance.md has the counts.
{
  const uniform = new Float64Array(64).fill(1 / 64);
  const lanes = new Float64Array(KL_LANES);
  for (let call = 0; call < 12; call++) {
    entropyChunk(uniform, 0, uniform.length, lanes);
    crossEntropyChunk(uniform, uniform, undefined, 0, uniform.length, lanes);
    klChunk(uniform, uniform, 0, uniform.length, lanes);
  }
}
