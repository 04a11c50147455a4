// The table of the measures: every consumer (the evaluator, `precision`,
// gradients, hover terms, library values, the LaTeX reader, lenses, the
// grammar's test) reads a measure's parts here, by its kind. A new measure is
// one file beside this one, its kind in types.ts, and its line here.
import { bce } from './bce';
import { crossEntropy } from './crossEntropy';
import { entropy } from './entropy';
import { hellinger } from './hellinger';
import { js } from './js';
import { kl } from './kl';
import { perplexity } from './perplexity';
import type { CategoricalDetail, LibraryValue, MeasureDefinition, MeasureKind } from './types';

export const MEASURES: Readonly<Record<MeasureKind, MeasureDefinition>> = { entropy, crossEntropy, kl, js, bce, perplexity, hellinger };

/** The measures in the catalogue's order. */
export const MEASURE_LIST: readonly MeasureDefinition[] = Object.values(MEASURES);

/** Whether some row took a log from a softmax's or a sigmoid's logits (the hover says so). */
export function takesLogsFromLogits(detail: CategoricalDetail): boolean {
  return detail.rows.some(MEASURES[detail.measure].takesLogsFromLogits);
}

/** What scipy and torch return for the measure of this detail: the values the hover, the lens and the CLI show. */
export function libraryValues(detail: CategoricalDetail): LibraryValue[] {
  return MEASURES[detail.measure].library(detail);
}
