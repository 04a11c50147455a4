// What a measure's value was computed from, kept so that a hover can write the
// sum out term by term and draw P and Q, without evaluating anything again.
import type { UnitName } from './ast';
import type { FamilyValue } from './families/familyValue';
import { logFromLogits } from './measures';
import { lnSigmoid, logitChangesLog } from './sigmoid';
import type { LogitRow } from './softmax';

export type MeasureKind = 'entropy' | 'crossEntropy' | 'kl' | 'js' | 'bce' | 'perplexity';

export interface CategoricalDetail {
  kind: 'categorical';
  measure: MeasureKind;
  unit: UnitName;
  /** One row per distribution pair; a batch has several (the value is their mean). */
  rows: MeasureRow[];
  labels?: readonly string[];
}

/** One distribution (pair) of a categorical measure and its value. */
export interface MeasureRow {
  p: Float64Array;
  q?: Float64Array;
  /** The logits of P or Q, where it is a softmax's value: ln q of an underflowed q comes from them. */
  pLogits?: LogitRow;
  qLogits?: LogitRow;
  /** BCE's: the logits of its p (q here), where it is a sigmoid's value: its logs come from them. */
  sigmoidLogits?: Float64Array;
  value: number;
  infiniteAt?: number;
}

/**
 * Whether CE or KL took ln q from a softmax's logits for some outcome
 * (measures.ts), or BCE's logits of a sigmoid changed the log of some p or
 * 1 − p (sigmoid.ts): the hover says so.
 */
export function takesLogsFromLogits(detail: CategoricalDetail): boolean {
  if (detail.measure === 'bce') return detail.rows.some(({ p, q, sigmoidLogits }) => q !== undefined && sigmoidLogits !== undefined && p.some((y, i) => {
    const { lnP, lnOneMinusP } = sigmoidLogsChanged(y, q[i], sigmoidLogits[i]);
    return lnP !== undefined || lnOneMinusP !== undefined;
  }));
  if (detail.measure !== 'crossEntropy' && detail.measure !== 'kl') return false;
  return detail.rows.some(({ p, q, qLogits }) => q !== undefined && qLogits !== undefined && p.some((_, i) => logFromLogits(p, q, i, qLogits)));
}

/**
 * ln p and ln(1 − p) of one BCE entry where they come from the logit x and it
 * changed them (logitChangesLog); undefined for a log that the double p gives
 * as well, or that its weight (y or 1 − y) leaves out.
 */
export function sigmoidLogsChanged(y: number, p: number, x: number): { lnP: number | undefined; lnOneMinusP: number | undefined } {
  const lnP = lnSigmoid(x);
  const lnOneMinusP = lnSigmoid(-x);
  return {
    lnP: y !== 0 && logitChangesLog(Math.log(p), lnP) ? lnP : undefined,
    lnOneMinusP: y !== 1 && logitChangesLog(Math.log1p(-p), lnOneMinusP) ? lnOneMinusP : undefined,
  };
}

/** A measure of parametric families (families/): the distributions themselves, P and, for KL and CE, Q. */
export interface FamilyDetail {
  kind: 'family';
  measure: MeasureKind;
  unit: UnitName;
  p: FamilyValue;
  q?: FamilyValue;
}

export type MeasureDetail = CategoricalDetail | FamilyDetail;

/** How the measures are written in hovers and lenses. */
export const MEASURE_SYMBOL: Record<MeasureKind, string> = {
  entropy: 'H',
  crossEntropy: 'H',
  kl: 'KL',
  js: 'JS',
  bce: 'BCE',
  perplexity: 'perplexity',
};
