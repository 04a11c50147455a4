// What the libraries users check against compute, the way each computes it:
// scipy.stats.entropy normalises its inputs first; torch works in nats, takes
// log-probabilities for kl_div, and gives nan where 0·log 0 meets a log of 0
// (kl_div, cross_entropy with probability targets). The measures' `library`
// parts build their values from these.
import type { UnitName } from '../ast';
import { lnSoftmax, type LogitRow } from '../softmax';
import { CompensatedSum, compensatedSum } from '../summation';
import { UNIT_LN_BASE } from '../units';
import type { CategoricalDetail, KernelRow, LibraryValue, MeasureRow } from './types';

/** What every measure's library values read of a detail. */
export interface LibraryInputs {
  detail: CategoricalDetail;
  batch: boolean;
  /** `, base=2` for bits. */
  base: string;
  /** `, axis=1` for a batch. */
  axis: string;
  /** `.mean()` for a batch. */
  mean: string;
  /** Why scipy's value may differ: it normalises the inputs first. */
  scipyNote: string | undefined;
  /** Whether every row sums to 1 within rounding and took no log from logits: the libraries give our values to the digits shown. */
  exact: boolean;
  /** Whether, besides, no outcome has p = q = 0 (torch's nan). */
  noZeroPairs: boolean;
  /** The mean over the rows of `ours` where `useOurs`, of `otherwise` elsewhere. */
  perRow(ours: (row: MeasureRow) => number, otherwise: (row: MeasureRow) => number, useOurs: boolean): number;
  /** scipy's value: f of the normalised rows, or ours where exact. */
  scipyValue(f: (p: Float64Array, q: Float64Array) => number, ours?: (row: MeasureRow) => number): number;
  /** A row's value in nats. */
  inNats(row: MeasureRow): number;
  /** A scipy call and its value. */
  scipy(call: string, value: number, imports?: string): LibraryValue;
  /** A torch call (in nats, divided into the unit) and its value in nats. */
  torch(call: string, nats: number, note?: string, arrays?: LibraryValue['arrays']): LibraryValue;
}

export function libraryInputs(detail: CategoricalDetail, takesLogsFromLogits: (row: KernelRow) => boolean): LibraryInputs {
  const { unit, rows } = detail;
  const batch = rows.length > 1;
  const hasQ = rows.some((row) => row.q !== undefined);
  const scipyNote = rows.some((row) => notNormalised(row.p) || (row.q !== undefined && notNormalised(row.q))) ? `scipy normalises ${hasQ ? 'p and q' : 'p'} first` : undefined;
  // Inputs that sum to 1 within rounding give the libraries' values to the digits shown: no second pass over long vectors.
  // Not where our value took ln q from a softmax's logits: scipy takes the log of q's doubles, 0 there.
  const ours = !rows.some(takesLogsFromLogits);
  const exact = ours && rows.every((row) => exactlyNormalised(row.p) && (!row.q || exactlyNormalised(row.q)));
  const noZeroPairs = ours && rows.every((row) => !row.q || !hasZeroPair(row.p, row.q));
  const lnBase = UNIT_LN_BASE[unit];
  const perRow = (ours: (row: MeasureRow) => number, otherwise: (row: MeasureRow) => number, useOurs: boolean) => meanOf(rows.map((row) => (useOurs ? ours(row) : otherwise(row))));
  return {
    detail, batch, scipyNote, exact, noZeroPairs, perRow,
    base: scipyBase(unit),
    axis: batch ? ', axis=1' : '',
    mean: batch ? '.mean()' : '',
    scipyValue: (f, ours = (row) => row.value) => perRow(ours, (row) => f(normalised(row.p), row.q ? normalised(row.q) : row.p), exact),
    inNats: (row) => row.value * lnBase,
    scipy: (call, value, imports = 'import scipy.stats') => ({ library: 'scipy', call, value, imports, arrays: 'p q', ...(scipyNote ? { note: scipyNote } : {}) }),
    torch: (call, nats, note, arrays = 'p q') => ({ library: 'torch', call: `${call}${torchToUnit(unit)}`, value: nats / lnBase, arrays, ...(note ? { note } : {}) }),
  };
}

/** Σ xlogy(p, p) − p·log q, as torch.nn.functional.kl_div computes it (nats). */
export function torchKl(p: Float64Array, q: Float64Array): number {
  return sumOf(p.length, (i) => (p[i] === 0 ? (q[i] === 0 ? NaN : 0) : p[i] * Math.log(p[i]) - p[i] * Math.log(q[i])));
}

/** Σ xlogy(p, p) − p·log_softmax(z), as kl_div on torch.log_softmax(z) computes it; 0·(−∞) is nan (nats). */
export function torchKlFromLogits(p: Float64Array, q: LogitRow): number {
  return sumOf(p.length, (i) => (p[i] === 0 ? 0 : p[i] * Math.log(p[i])) - p[i] * lnSoftmax(q, i));
}

/** −Σ p·log_softmax(z), as cross_entropy on the logits z computes it; 0·(−∞) is nan (nats). */
export function torchCrossEntropyFromLogits(p: Float64Array, q: LogitRow): number {
  return sumOf(p.length, (i) => -p[i] * lnSoftmax(q, i));
}

/** −Σ p·log_softmax(log q): q normalised, p as given; 0·(−∞) is nan (nats). */
export function torchCrossEntropy(p: Float64Array, q: Float64Array): number {
  const total = compensatedSum(q);
  return sumOf(p.length, (i) => -p[i] * Math.log(q[i] / total));
}

/** The mean of −(y·log p + (1 − y)·log(1 − p)) with each log clamped at −100 (nats). */
export function torchBce(y: Float64Array, p: Float64Array): number {
  return sumOf(y.length, (i) => -(y[i] * Math.max(Math.log(p[i]), -100) + (1 - y[i]) * Math.max(Math.log1p(-p[i]), -100))) / y.length;
}

/**
 * The mean of (1 − y)·x + m + log(e^−m + e^(−x−m)), m = max(−x, 0), as torch
 * computes binary_cross_entropy_with_logits (nats): the log of a sum near 1,
 * not log1p, so a term of 1e-14 keeps only its first digits there.
 */
export function torchBceWithLogits(y: Float64Array, x: Float64Array): number {
  return sumOf(y.length, (i) => {
    const m = Math.max(-x[i], 0);
    return (1 - y[i]) * x[i] + m + Math.log(Math.exp(-m) + Math.exp(-x[i] - m));
  }) / y.length;
}

export function sumOf(count: number, term: (i: number) => number): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < count; i++) sum.add(term(i));
  return sum.value;
}

export function normalised(row: Float64Array): Float64Array {
  const total = compensatedSum(row);
  const result = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) result[i] = row[i] / total;
  return result;
}

export function exactlyNormalised(row: Float64Array): boolean {
  return Math.abs(compensatedSum(row) - 1) <= 1e-13;
}

/** Whether some outcome has p = q = 0, where torch computes 0·log 0 as nan. */
function hasZeroPair(p: Float64Array, q: Float64Array): boolean {
  for (let i = 0; i < p.length; i++) if (p[i] === 0 && q[i] === 0) return true;
  return false;
}

function notNormalised(row: Float64Array): boolean {
  return Math.abs(compensatedSum(row) - 1) > 1e-9;
}

export function meanOf(values: number[]): number {
  return values.length === 1 ? values[0] : compensatedSum(values) / values.length;
}

function scipyBase(unit: UnitName): string {
  return unit === 'bits' ? ', base=2' : unit === 'bans' ? ', base=10' : '';
}

function torchToUnit(unit: UnitName): string {
  return unit === 'bits' ? ' / math.log(2)' : unit === 'bans' ? ' / math.log(10)' : '';
}

/** Whether Q is a softmax's value: in torch one passes its logits z, as KL Lens takes ln q from them. */
export function isSoftmaxQ(detail: CategoricalDetail): boolean {
  return detail.rows.every((row) => row.qLogits !== undefined);
}
