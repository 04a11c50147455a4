// What a measure's value was computed from, kept so that a hover can write the
// sum out term by term and draw P and Q, without evaluating anything again.
import type { UnitName } from './ast';
import type { FamilyValue } from './families/familyValue';
import type { CategoricalDetail, MeasureKind } from './measures/rows';

export type { CategoricalDetail, MeasureKind, MeasureRow } from './measures/rows';

/** A measure of parametric families (families/): the distributions themselves, P and, for KL and CE, Q. */
export interface FamilyDetail {
  kind: 'family';
  measure: MeasureKind;
  unit: UnitName;
  p: FamilyValue;
  q?: FamilyValue;
}

export type MeasureDetail = CategoricalDetail | FamilyDetail;
