// The terms of a measure's sum, each with its value from the measure's own
// term function (measures/), so that the terms add up to the value shown: the
// engine's query that the hover lays out (hover/termByTerm.ts). A long sum
// keeps its largest terms, in order, and the rest as one count.
import { formatShort } from './format';
import { MEASURES } from './measures/index';
import type { CategoricalDetail, MeasureRow, WrittenTerm } from './measures/types';
import { CompensatedSum } from './summation';
import { UNIT_LOG_NAME } from './units';

/** Up to this many terms are all written; beyond, only the largest. */
const ALL_TERMS = 8;
const LARGEST_TERMS = 5;

/** A term as written: its sign and body, and the number it stands for. */
export interface Term extends WrittenTerm {
  /** In the unit (perplexity: in nats, the exponent's terms; BCE: before the mean's 1/n). */
  value: number;
}

/** The terms of one row, each with its value from the measure's own term function. */
export function measureTerms(detail: CategoricalDetail, row: MeasureRow): Term[] {
  const { terms } = MEASURES[detail.measure];
  const log = UNIT_LOG_NAME[detail.unit];
  return termsOf(row.p.length, (i) => terms.value(row, i, detail.unit), (i) => terms.written(row, i, log));
}

/** All terms of a short sum; for a long one, the largest in order, then the rest as one count. */
function termsOf(count: number, valueAt: (i: number) => number, write: (i: number) => WrittenTerm): Term[] {
  const term = (i: number, value = valueAt(i)): Term => ({ ...write(i), value });
  if (count <= ALL_TERMS) return Array.from({ length: count }, (_, i) => term(i));
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = valueAt(i);
  const largest = largestIndices(values, LARGEST_TERMS);
  const chosen = new Set(largest);
  const rest = new CompensatedSum();
  for (let i = 0; i < count; i++) if (!chosen.has(i)) rest.add(values[i]);
  const shown = [...largest].sort((a, b) => a - b).map((i) => term(i, values[i]));
  shown.push({ sign: '+', body: `… (${count - largest.length} more terms, together ${formatShort(rest.value, 6)})`, value: rest.value });
  return shown;
}

/** The indices of the k largest |values|, without sorting all of them. */
function largestIndices(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const magnitude = Math.abs(values[i]);
    if (top.length === k && !(magnitude > Math.abs(values[top[k - 1]]))) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && Math.abs(values[top[at - 1]]) < magnitude) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}
