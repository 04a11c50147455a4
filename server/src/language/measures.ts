// The information measures on plain Float64Arrays, in the unit's base.
// Conventions (spec): 0·log 0 = 0; a term with p > 0 and q = 0 is +∞ and the
// measure remembers the first such outcome; inputs are used as written.
// Sums are compensated (Neumaier) so that long vectors keep their last digits.
// Long vectors go to longMeasures.ts: the same terms, a faster logarithm.
// When Q is a softmax's value, CE and KL take ln q from its logits where q is
// below the normal doubles (softmax.ts), so that an underflowed q costs no
// finite value: KL(onehot(3, 3) ‖ softmax([1000, 999, 0])) = 1000.31 nats, not
// +∞. Elsewhere q is used as it is, to the last bit. JS needs no logits: it is
// finite for every P and Q, and an outcome whose q is below 2^-1022 changes it
// by less than 2·10^-305. When p is a sigmoid's value, BCE takes its logs
// from the logits (sigmoid.ts): BCE(0, sigmoid(40)) = 40 nats, not +∞.
import type { UnitName } from './ast';
import { crossEntropyNats, entropyNats, JS_SERIES_LIMIT, jsNats, jsSeries, klNats, klNatsCareful, LONG_VECTOR } from './longMeasures';
import type { MeasureResult } from './measureResult';
import { softplus } from './sigmoid';
import { lnSoftmax, SMALLEST_NORMAL, type LogitRow } from './softmax';
import { CompensatedSum, roundingOf } from './summation';
import { logIn, UNIT_LN_BASE } from './units';

/** −p·log p, the entropy term. */
export function entropyTerm(p: number, log: (x: number) => number): number {
  return p === 0 ? 0 : -p * log(p);
}

/** −p·log q, the cross-entropy term. */
function crossEntropyTerm(p: number, q: number, log: (x: number) => number): number {
  if (p === 0) return 0;
  if (q === 0) return Infinity;
  return -p * log(q);
}

/**
 * Whether outcome i's log q comes from the logits: Q is a softmax's value and
 * q is below the normal doubles where p is not 0 (the hover writes it e^(ln q)).
 */
export function logFromLogits(p: Float64Array, q: Float64Array, i: number, qLogits: LogitRow | undefined): qLogits is LogitRow {
  return qLogits !== undefined && q[i] < SMALLEST_NORMAL && p[i] !== 0;
}

/** Outcome i's cross-entropy term, −pᵢ·log qᵢ, with ln qᵢ from the logits where logFromLogits. */
export function crossEntropyTermAt(p: Float64Array, q: Float64Array, i: number, log: (x: number) => number, lnBase: number, qLogits?: LogitRow): number {
  if (logFromLogits(p, q, i, qLogits)) return (-p[i] * lnSoftmax(qLogits, i)) / lnBase;
  return crossEntropyTerm(p[i], q[i], log);
}

/** Outcome i's relative-entropy term, pᵢ·log(pᵢ/qᵢ); where logFromLogits, pᵢ·(ln pᵢ − ln qᵢ). */
export function klTermAt(p: Float64Array, q: Float64Array, i: number, log: (x: number) => number, lnBase: number, qLogits?: LogitRow): number {
  if (logFromLogits(p, q, i, qLogits)) return (p[i] * (Math.log(p[i]) - lnSoftmax(qLogits, i))) / lnBase;
  return klTerm(p[i], q[i], log, lnBase);
}

/**
 * p·log(p/q), the relative-entropy term. Near p = q the ratio is taken through
 * log1p, which keeps the digits that log(p/q) loses to rounding of p/q; when
 * p/q over- or underflows (subnormal q), the logs are subtracted instead.
 */
function klTerm(p: number, q: number, log: (x: number) => number, lnBase: number): number {
  if (p === 0) return 0;
  if (q === 0) return Infinity;
  const difference = p - q;
  if (Math.abs(difference) < 0.5 * q) return (p * Math.log1p(difference / q)) / lnBase;
  const ratio = p / q;
  if (ratio === Infinity || ratio === 0) return p * (log(p) - log(q));
  return p * log(ratio);
}

export function entropy(p: Float64Array, unit: UnitName): MeasureResult {
  if (p.length >= LONG_VECTOR) return { value: entropyNats(p) / UNIT_LN_BASE[unit] };
  const log = logIn(unit);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const x = entropyTerm(p[i], log);
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  return { value: sum + compensation };
}

/** H(P, Q); `qLogits` when Q is a softmax's value. */
export function crossEntropy(p: Float64Array, q: Float64Array, unit: UnitName, qLogits?: LogitRow): MeasureResult {
  if (p.length >= LONG_VECTOR) return inUnit(crossEntropyNats(p, q, qLogits), unit);
  const log = logIn(unit);
  const lnBase = UNIT_LN_BASE[unit];
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const x = crossEntropyTermAt(p, q, i, log, lnBase, qLogits);
    if (x === Infinity) return { value: Infinity, infiniteAt: i };
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  return { value: sum + compensation };
}

/** KL(P ‖ Q); `qLogits` when Q is a softmax's value. */
export function klDivergence(p: Float64Array, q: Float64Array, unit: UnitName, qLogits?: LogitRow): MeasureResult {
  if (p.length >= LONG_VECTOR) return inUnit(klNats(p, q, qLogits), unit);
  const log = logIn(unit);
  const lnBase = UNIT_LN_BASE[unit];
  let sum = 0;
  let compensation = 0;
  let size = 0;
  for (let i = 0; i < p.length; i++) {
    const x = klTermAt(p, q, i, log, lnBase, qLogits);
    if (x === Infinity) return { value: Infinity, infiniteAt: i };
    size += Math.abs(x);
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  const value = sum + compensation;
  // Each term is within a few ulps, so the sum is within about 4u·Σ|term| + 2u·|sum|:
  // kept where that is below 1e-13 of it; where the terms cancel, the sum that does not cancel.
  if (size <= KL_CANCELLATION_LIMIT * Math.abs(value)) return { value };
  return inUnit(klNatsCareful(p, q, qLogits), unit);
}

/** How many times the sum of |term| may exceed KL before the terms are taken as cancelling: 4u·64 ≈ 3e-14. */
const KL_CANCELLATION_LIMIT = 64;

/** ½·KL(P‖M) + ½·KL(Q‖M) with M = (P+Q)/2: always finite, at most 1 bit. */
export function jensenShannon(p: Float64Array, q: Float64Array, unit: UnitName): MeasureResult {
  if (p.length >= LONG_VECTOR) return { value: jsNats(p, q) / UNIT_LN_BASE[unit] };
  const log = logIn(unit);
  const lnBase = UNIT_LN_BASE[unit];
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < p.length; i++) {
    const x = jensenShannonTerm(p[i], q[i], log, lnBase);
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  return { value: sum + compensation };
}

/**
 * One outcome's ½·[p·log(p/m) + q·log(q/m)], m = (p + q)/2, written with
 * t = (p − q)/(p + q) so that p/m = 1 + t and q/m = 1 − t. Near p = q the two
 * logarithms' first-order parts cancel, and m's rounding alone would leave
 * nothing of the true value: there it is the series jsSeries; farther,
 * log1p(±t); far apart, the logarithms of 2p/(p + q) and 2q/(p + q).
 */
export function jensenShannonTerm(p: number, q: number, log: (x: number) => number, lnBase: number): number {
  const total = p + q;
  if (total === 0) return 0;
  const t = (p - q) / total;
  const size = Math.abs(t);
  if (size < JS_SERIES_LIMIT) return (0.5 * total * jsSeries(t * t)) / lnBase;
  if (size < 0.5) return (0.5 * (p * Math.log1p(t) + q * Math.log1p(-t))) / lnBase;
  const scale = 2 / total;
  return 0.5 * ((p === 0 ? 0 : p * log(p * scale)) + (q === 0 ? 0 : q * log(q * scale)));
}

function inUnit(nats: MeasureResult, unit: UnitName): MeasureResult {
  return { ...nats, value: nats.value / UNIT_LN_BASE[unit] };
}

/**
 * −(y·log p + (1−y)·log(1−p)), with log(1−p) taken as log1p(−p) so that p
 * near 0 keeps its digits; a zero weight makes its term 0 even where the log
 * is −∞.
 */
function binaryCrossEntropyTerm(y: number, p: number, unit: UnitName): number {
  const positive = y === 0 ? 0 : y * Math.log(p);
  const negative = y === 1 ? 0 : (1 - y) * Math.log1p(-p);
  return -(positive + negative) / UNIT_LN_BASE[unit];
}

/**
 * The BCE term of p = sigmoid(x) from its logit x: y·softplus(−x) +
 * (1−y)·softplus(x) (sigmoid.ts), two parts ≥ 0; a zero weight makes its part
 * 0 even where softplus is ∞ (x = ±∞).
 */
function binaryCrossEntropyLogitTerm(y: number, x: number, unit: UnitName): number {
  const positive = y === 0 ? 0 : y * softplus(-x);
  const negative = y === 1 ? 0 : (1 - y) * softplus(x);
  return (positive + negative) / UNIT_LN_BASE[unit];
}

/**
 * Entry i's BCE term; where p is a sigmoid's value, from its logit, for every
 * entry and not only where p is near 0 or 1: that is the exact value for the
 * logits as written (torch's binary_cross_entropy_with_logits does the same),
 * it has no threshold at which the value jumps by a rounding, and away from 0
 * and 1 it agrees with the double p's term to rounding anyway.
 */
export function binaryCrossEntropyTermAt(y: Float64Array, p: Float64Array, i: number, unit: UnitName, pLogits?: Float64Array): number {
  return pLogits ? binaryCrossEntropyLogitTerm(y[i], pLogits[i], unit) : binaryCrossEntropyTerm(y[i], p[i], unit);
}

/** The mean of the BCE terms over the entries; `pLogits` when p is a sigmoid's value. */
export function binaryCrossEntropy(y: Float64Array, p: Float64Array, unit: UnitName, pLogits?: Float64Array): MeasureResult {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < y.length; i++) {
    const x = binaryCrossEntropyTermAt(y, p, i, unit, pLogits);
    if (x === Infinity) return { value: Infinity, infiniteAt: i };
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  return { value: (sum + compensation) / y.length };
}

/** log Σ exp(v_i), computed as max + log Σ exp(v_i − max). */
export function logSumExp(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity || max === Infinity) return max;
  const sum = new CompensatedSum();
  for (let i = 0; i < values.length; i++) sum.add(Math.exp(values[i] - max));
  return max + Math.log(sum.value);
}
