// What a measure's value was computed from, kept so that a hover can write the
// sum out term by term and draw P and Q, without evaluating anything again.
import type { UnitName } from './ast';

export type MeasureKind = 'entropy' | 'crossEntropy' | 'kl' | 'js' | 'bce' | 'perplexity';

export interface CategoricalDetail {
  kind: 'categorical';
  measure: MeasureKind;
  unit: UnitName;
  /** One row per distribution pair; a batch has several (the value is their mean). */
  rows: { p: Float64Array; q?: Float64Array; value: number; infiniteAt?: number }[];
  labels?: readonly string[];
}

export interface NormalDetail {
  kind: 'normal';
  measure: MeasureKind;
  unit: UnitName;
  p: { mu: number; sigma: number };
  q?: { mu: number; sigma: number };
}

export type MeasureDetail = CategoricalDetail | NormalDetail;

/** How the measures are written in hovers and lenses. */
export const MEASURE_SYMBOL: Record<MeasureKind, string> = {
  entropy: 'H',
  crossEntropy: 'H',
  kl: 'KL',
  js: 'JS',
  bce: 'BCE',
  perplexity: 'perplexity',
};
