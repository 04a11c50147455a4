// A measure's sum written out as a person writes it by hand:
//   D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = 0.41503749927884381 bits
// Terms with p = 0 are written 0. A long sum shows its largest terms, in
// order, and says how many terms were left out and what they add up to. Each
// term is computed by the measure's own term function, so the terms add up to
// the value shown: JS is written outcome by outcome, ½·(p·log(p/m) + q·log(q/m)),
// as it is summed (two KL sums of M would cancel to their first digits). A
// softmax's q below the normal doubles is written e^(ln q), ln q from its logits;
// so is a sigmoid's p or 1 − p whose log its logit changed (BCE).
import { formatFull, formatShort } from '../language/format';
import { familyOf } from '../language/families/families';
import { supportsNest } from '../language/families/familyMeasures';
import { klPairOf } from '../language/families/kl/klPairs';
import { supportText } from '../language/families/supportText';
import { sigmoidLogsChanged, type CategoricalDetail, type FamilyDetail, type MeasureDetail, type MeasureRow } from '../language/measureDetail';
import { binaryCrossEntropyTermAt, crossEntropyTermAt, entropyTerm, jensenShannonTerm, klTermAt, logFromLogits } from '../language/measures';
import { lnSoftmax } from '../language/softmax';
import { CompensatedSum } from '../language/summation';
import { logIn, UNIT_LN_BASE, UNIT_LOG_NAME } from '../language/units';

/** Up to this many terms are all written; beyond, only the largest. */
const ALL_TERMS = 8;
const LARGEST_TERMS = 5;
/** Batches: the first rows are written out, then the mean. */
const ROWS_WRITTEN = 3;

export interface Names {
  p: string;
  q: string;
}

/** A term as written: its sign and body, and the number it stands for. */
export interface Term {
  /** `+` or `−` before the body. */
  sign: '+' | '−';
  body: string;
  /** In the unit (perplexity: in nats, the exponent's terms; BCE: before the mean's 1/n). */
  value: number;
}

type WrittenTerm = Omit<Term, 'value'>;

/** Inputs are written with six significant digits: enough to recognise them, short enough to read. */
function n(x: number): string {
  return formatShort(x, 6);
}

/** The formula of the measure, in the unit's logarithm. */
export function formulaOf(detail: MeasureDetail, names: Names): string {
  const log = UNIT_LOG_NAME[detail.unit];
  const { p, q } = names;
  if (detail.kind === 'family') return familyFormula(detail, names);
  switch (detail.measure) {
    case 'entropy':
      return `H(${p}) = −Σᵢ pᵢ·${log}(pᵢ)`;
    case 'crossEntropy':
      return `H(${p}, ${q}) = −Σᵢ pᵢ·${log}(qᵢ)`;
    case 'kl':
      return `D_KL(${p}‖${q}) = Σᵢ pᵢ·${log}(pᵢ/qᵢ)`;
    case 'js':
      return `JS(${p}‖${q}) = ½·D_KL(${p}‖M) + ½·D_KL(${q}‖M) = Σᵢ ½·(pᵢ·${log}(pᵢ/mᵢ) + qᵢ·${log}(qᵢ/mᵢ)),  M = ½(${p} + ${q})`;
    case 'bce':
      return `BCE(${p}, ${q}) = −(1/n)·Σᵢ (yᵢ·${log}(pᵢ) + (1 − yᵢ)·${log}(1 − pᵢ))`;
    case 'perplexity':
      return `perplexity(${p}) = e^H(${p}),  H in nats`;
  }
}

/** The lines of the written-out computation, ending with the value. */
export function termByTerm(detail: MeasureDetail, value: number, names: Names): string[] {
  const unit = detail.measure === 'perplexity' ? '' : ` ${detail.unit}`;
  if (detail.kind === 'family') return [familyLine(detail, value, names)];
  const rows = detail.rows;
  if (rows.length === 1) {
    const line = `${symbol(detail, names)} = ${rowSum(detail, rows[0])} = ${formatFull(value)}${unit}`;
    return detail.measure === 'js' ? [`M = ½(${names.p} + ${names.q}) = [${shortList(midpoint(rows[0].p, rows[0].q as Float64Array))}]`, line] : [line];
  }
  const lines = rows.slice(0, ROWS_WRITTEN).map((row, r) => `row ${r + 1}: ${rowSum(detail, row)} = ${formatFull(row.value)}${unit}`);
  if (rows.length > ROWS_WRITTEN) lines.push(`… and ${rows.length - ROWS_WRITTEN} more rows`);
  lines.push(`${symbol(detail, names)} = mean over ${rows.length} rows = ${formatFull(value)}${unit}`);
  return lines;
}

function symbol(detail: CategoricalDetail, names: Names): string {
  const { p, q } = names;
  switch (detail.measure) {
    case 'entropy':
      return `H(${p})`;
    case 'crossEntropy':
      return `H(${p}, ${q})`;
    case 'kl':
      return `D_KL(${p}‖${q})`;
    case 'js':
      return `JS(${p}‖${q})`;
    case 'bce':
      return `BCE(${p}, ${q})`;
    case 'perplexity':
      return `perplexity(${p})`;
  }
}

const sums = new WeakMap<object, string>();

/** From this many outcomes on, what a hover writes out is cached: below, writing it again costs less than keeping it. */
export const CACHED_FROM_OUTCOMES = 1024;

/** One row's sum, written; cached per long row, which costs a pass over every term. */
function rowSum(detail: CategoricalDetail, row: MeasureRow): string {
  if (row.p.length < CACHED_FROM_OUTCOMES) return writeRow(detail, row);
  const cached = sums.get(row);
  if (cached !== undefined) return cached;
  const written = writeRow(detail, row);
  sums.set(row, written);
  return written;
}

function writeRow(detail: CategoricalDetail, row: MeasureRow): string {
  const terms = joinTerms(writtenTerms(detail, row));
  if (detail.measure === 'perplexity') return `e^(${terms})`;
  return detail.measure === 'bce' && row.p.length > 1 ? `(1/${row.p.length})·(${terms})` : terms;
}

/** The terms of one row as the hover writes them, each with its value from the measure's own term function. */
export function writtenTerms(detail: CategoricalDetail, row: MeasureRow): Term[] {
  const { p, qLogits, sigmoidLogits } = row;
  const q = row.q as Float64Array;
  const unit = detail.unit;
  const logName = UNIT_LOG_NAME[unit];
  const log = logIn(unit);
  const lnBase = UNIT_LN_BASE[unit];
  // q as written inside a log: e^(ln q) where ln q comes from the logits.
  const qText = (i: number) => (logFromLogits(p, q, i, qLogits) ? `e^${n(lnSoftmax(qLogits, i))}` : n(q[i]));
  switch (detail.measure) {
    case 'entropy':
      return termsOf(p.length, (i) => entropyTerm(p[i], log), (i) => (p[i] === 0 ? zero() : { sign: '−', body: `${n(p[i])}·${logName}(${n(p[i])})` }));
    case 'perplexity':
      return termsOf(p.length, (i) => entropyTerm(p[i], Math.log), (i) => (p[i] === 0 ? zero() : { sign: '−', body: `${n(p[i])}·ln(${n(p[i])})` }));
    case 'crossEntropy':
      return termsOf(p.length, (i) => crossEntropyTermAt(p, q, i, log, lnBase, qLogits), (i) => (p[i] === 0 ? zero() : { sign: '−', body: `${n(p[i])}·${logName}(${qText(i)})` }));
    case 'kl':
      return termsOf(p.length, (i) => klTermAt(p, q, i, log, lnBase, qLogits), (i) => (p[i] === 0 ? zero() : { sign: '+', body: `${n(p[i])}·${logName}(${n(p[i])}/${qText(i)})` }));
    case 'js':
      return termsOf(p.length, (i) => jensenShannonTerm(p[i], q[i], log, lnBase), (i) => ({ sign: '+', body: jsBody(p[i], q[i], logName) }));
    case 'bce':
      return termsOf(p.length, (i) => binaryCrossEntropyTermAt(p, q, i, unit, sigmoidLogits), (i) => ({ sign: '−', body: bceBody(p[i], q[i], logName, sigmoidLogits?.[i]) }));
  }
}

/** ½·(p·log(p/m) + q·log(q/m)), m = (p + q)/2, leaving out a part whose weight is 0. */
function jsBody(p: number, q: number, logName: string): string {
  const m = 0.5 * (p + q);
  const parts: string[] = [];
  if (p !== 0) parts.push(`${n(p)}·${logName}(${n(p)}/${n(m)})`);
  if (q !== 0) parts.push(`${n(q)}·${logName}(${n(q)}/${n(m)})`);
  if (parts.length === 0) return '0';
  return parts.length === 1 ? `½·${parts[0]}` : `½·(${parts.join(' + ')})`;
}

/**
 * `(y·log(p) + (1 − y)·log(1 − p))`, leaving out a part whose weight is 0; a p
 * or 1 − p whose log the sigmoid's logit x changed is written e^(ln p).
 */
function bceBody(y: number, p: number, logName: string, x: number | undefined): string {
  const changed = x === undefined ? undefined : sigmoidLogsChanged(y, p, x);
  const inside = (double: number, fromLogit: number | undefined) => (fromLogit === undefined ? n(double) : `e^${n(fromLogit)}`);
  const parts: string[] = [];
  if (y !== 0) parts.push(`${n(y)}·${logName}(${inside(p, changed?.lnP)})`);
  if (y !== 1) parts.push(`${n(1 - y)}·${logName}(${inside(1 - p, changed?.lnOneMinusP)})`);
  return parts.length === 1 ? parts[0] : `(${parts.join(' + ')})`;
}

function midpoint(p: Float64Array, q: Float64Array): Float64Array {
  return p.map((x, i) => 0.5 * (x + q[i]));
}

function zero(): WrittenTerm {
  return { sign: '+', body: '0' };
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

function joinTerms(terms: Term[]): string {
  return terms.map((term, i) => (i === 0 ? (term.sign === '−' ? `−${term.body}` : term.body) : ` ${term.sign} ${term.body}`)).join('');
}

function shortList(values: Float64Array): string {
  const shown = Array.from(values.subarray(0, ALL_TERMS), n);
  return values.length > ALL_TERMS ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** ` / ln(2)`: a family's formulas are in nats, divided into the unit. */
function intoUnit(detail: FamilyDetail): string {
  return detail.unit === 'nats' ? '' : ` / ln(${detail.unit === 'bits' ? 2 : 10})`;
}

/** A family's formula, from its definition (H) and its pair's (KL); H(P, Q) = H(P) + KL. */
function familyFormula(detail: FamilyDetail, { p, q }: Names): string {
  const family = familyOf(detail.p);
  switch (detail.measure) {
    case 'entropy':
      return `H(${p}) = ${family.entropyText.formula(UNIT_LOG_NAME[detail.unit])}`;
    case 'kl': {
      const pair = detail.q && klPairOf(detail.p, detail.q);
      return pair ? `D_KL(${p}‖${q}) = (${pair.text.formula})${intoUnit(detail)}` : `D_KL(${p}‖${q}) = ∫ p·${UNIT_LOG_NAME[detail.unit]}(p/q)`;
    }
    case 'perplexity':
      return family.perplexityText ? `perplexity(${p}) = e^H(${p}) = ${family.perplexityText.formula},  H in nats` : `perplexity(${p}) = e^H(${p}),  H in nats`;
    default:
      return `H(${p}, ${q}) = H(${p}) + D_KL(${p}‖${q})`;
  }
}

/** The formula with the parameters written in, and the value. */
function familyLine(detail: FamilyDetail, value: number, names: Names): string {
  const { p, q } = names;
  const unit = ` ${detail.unit}`;
  const toUnit = intoUnit(detail);
  const family = familyOf(detail.p);
  const entropy = family.entropyText.substituted(detail.p.parameters, n);
  if (detail.measure === 'entropy') return `H(${p}) = ${entropy}${toUnit} = ${formatFull(value)}${unit}`;
  // e^H with H in nats: the same number in every unit.
  if (detail.measure === 'perplexity') return `perplexity(${p}) = e^(${entropy}) = ${family.perplexityText ? `${family.perplexityText.substituted(detail.p.parameters, n)} = ` : ''}${formatFull(value)}`;
  if (!detail.q) return `= ${formatFull(value)}${unit}`;
  const pair = klPairOf(detail.p, detail.q);
  // P's support is not inside Q's: the value is +∞ (families/familyMeasures.ts).
  if (!pair || !supportsNest(detail.p, detail.q)) return `${detail.measure === 'kl' ? `D_KL(${p}‖${q})` : `H(${p}, ${q})`} = ${formatFull(value)}${unit}: the support of ${p}, ${supportText(family.support(detail.p.parameters))}, is not inside that of ${q}, ${supportText(familyOf(detail.q).support(detail.q.parameters))}`;
  const kl = pair.text.substituted(detail.p.parameters, detail.q.parameters, n);
  if (detail.measure === 'kl') return `D_KL(${p}‖${q}) = (${kl})${toUnit} = ${formatFull(value)}${unit}`;
  return `H(${p}, ${q}) = (${entropy} + ${kl})${toUnit} = ${formatFull(value)}${unit}`;
}
