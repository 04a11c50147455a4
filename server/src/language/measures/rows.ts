// What a measure's value was computed from, row by row: the data its kernels
// read and the detail a value keeps for the hovers. Apart from types.ts so
// that values.ts can name it without reaching the evaluation's types.
import type { UnitName } from '../ast';
import type { LogitRow } from '../softmax';

/** Every measure's key: a new measure adds its own here and in MEASURES (index.ts). */
export type MeasureKind = 'entropy' | 'crossEntropy' | 'kl' | 'js' | 'bce' | 'perplexity' | 'hellinger';

/** What a kernel reads of one distribution (pair). */
export interface KernelRow {
  p: Float64Array;
  q?: Float64Array;
  /** The logits of P or Q, where it is a softmax's value: ln q of an underflowed q comes from them. */
  pLogits?: LogitRow;
  qLogits?: LogitRow;
  /** BCE's: the logits of its p (q here), where it is a sigmoid's value: its logs come from them. */
  sigmoidLogits?: Float64Array;
}

/** One distribution (pair) of a categorical measure and its value. */
export interface MeasureRow extends KernelRow {
  value: number;
  infiniteAt?: number;
}

export interface CategoricalDetail {
  kind: 'categorical';
  measure: MeasureKind;
  unit: UnitName;
  /** One row per distribution pair; a batch has several (the value is their mean). */
  rows: MeasureRow[];
  labels?: readonly string[];
}
