// What a measure's value was computed from, kept so that a hover can write the
// sum out term by term and draw P and Q, without evaluating anything again.
import type { UnitName } from './ast';
import type { CategoricalDetail, MeasureKind } from './measures/rows';

export type { CategoricalDetail, MeasureKind, MeasureRow } from './measures/rows';

export interface NormalDetail {
  kind: 'normal';
  measure: MeasureKind;
  unit: UnitName;
  p: { mu: number; sigma: number };
  q?: { mu: number; sigma: number };
}

export type MeasureDetail = CategoricalDetail | NormalDetail;
