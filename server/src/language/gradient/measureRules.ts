// Derivatives of the information measures, term by term, from what the measure
// was computed from (its detail: the aligned rows of P and Q). In nats, per term:
//   H:   ∂/∂p (−p ln p)      = −(ln p + 1)
//   CE:  ∂/∂p (−p ln q)      = −ln q,            ∂/∂q = −p/q
//   KL:  ∂/∂p (p ln(p/q))    = ln(p/q) + 1,      ∂/∂q = −p/q
//   JS:  ∂/∂p                = ½ ln(p/m), m = (p + q)/2, and symmetrically in q
//   BCE: ∂/∂y                = ln((1 − p)/p),    ∂/∂p = −y/p + (1 − y)/(1 − p)
// With the spec's convention 0·log 0 = 0, a term with p = 0 is 0 for every q,
// so its derivative in q is 0. Where a term is infinite or its slope is
// (q = 0 < p, p = 0 in H, KL or JS), there is no derivative. A batch's value
// is the mean over its rows, a unit divides by ln(base), and perplexity is
// e^{H in nats}, so its slope is perplexity × the slope of H in nats. Where a
// softmax's q underflowed, ln q comes from its logits, as in the measure.
//
// A measure of softmax(z) written as its argument is differentiated in z in
// one step: with s = softmax(z) and w = s·∂term/∂s (the slope in ln s),
//   ∂/∂zᵢ = wᵢ − sᵢ·Σⱼ wⱼ   (row by row),
// and w is finite where s underflowed to 0: for CE and KL in Q, w = −p
// whatever q is (the chain through −p/q would be −∞·0 there); for H, and KL,
// CE or JS in P, and JS in Q, w → 0 with s (s·ln s → 0). BCE's terms are
// finite only where its p is not 0, so it gains nothing, but is written alike.
import type { CallExpression } from '../ast';
import type { EvaluationContext } from '../context';
import { formatShort } from '../format';
import type { CategoricalDetail, MeasureRow } from '../measureDetail';
import { logFromLogits } from '../measures';
import { sigmoid } from '../sigmoid';
import { lnSoftmax } from '../softmax';
import { CompensatedSum } from '../summation';
import { UNIT_LN_BASE } from '../units';
import type { Value } from '../values';
import { familyMeasurePullback } from './familyMeasureRules';
import { entriesOf } from './layout';
import { chainEntry, type Pullback, type PullbackInput } from './tape';

type Side = 0 | 1;

interface TermSlopes {
  /**
   * ∂ term / ∂ (side 0: p, side 1: q) in nats; `lnQ` is ln q where it comes
   * from a softmax's logits, `logit` BCE's logit of q where q is a sigmoid's value.
   */
  slope(side: Side, p: number, q: number, lnQ: number | undefined, logit: number | undefined): number;
  /** Why there is none, for the outcome named `at`. */
  why(side: Side, p: number, q: number, at: string, names: readonly [string, string], lnQ: number | undefined, logit: number | undefined): string;
}

/** The term of outcome `at` is infinite (q = 0 < p), or, where q underflowed from a softmax, only its slope −p/q is. */
const infiniteTerm = (measure: string, p: number, at: string, [P, Q]: readonly [string, string], lnQ: number | undefined) => (lnQ === undefined
  ? `${measure} has no derivative in ${Q} at ${at}, where ${Q} is 0 and ${P} is ${formatShort(p)} (the term is infinite)`
  : `${measure} has no finite derivative in ${Q} at ${at}, where ${Q} is e^${formatShort(lnQ)}, below the smallest double, and ${P} is ${formatShort(p)} (the slope −p/q overflows)`);

const TERM_SLOPES: Record<CategoricalDetail['measure'], TermSlopes> = {
  entropy: {
    slope: (_side, p) => -(Math.log(p) + 1),
    why: (_side, _p, _q, at, [P]) => `H(${P}) has no derivative at ${at}, where ${P} is 0 (the slope −log p − 1 is infinite)`,
  },
  perplexity: {
    slope: (_side, p) => -(Math.log(p) + 1),
    why: (_side, _p, _q, at, [P]) => `perplexity(${P}) has no derivative at ${at}, where ${P} is 0 (the slope of H is infinite)`,
  },
  crossEntropy: {
    slope: (side, p, q, lnQ) => (side === 0 ? -(lnQ ?? Math.log(q)) : p === 0 ? 0 : -p / q),
    why: (side, p, _q, at, names, lnQ) => side === 0
      ? `CE has no derivative in ${names[0]} at ${at}, where ${names[1]} is 0 (−log q is infinite)`
      : infiniteTerm('CE', p, at, names, lnQ),
  },
  kl: {
    slope: (side, p, q, lnQ) => (side === 0 ? (lnQ === undefined ? Math.log(p / q) : Math.log(p) - lnQ) + 1 : p === 0 ? 0 : -p / q),
    why: (side, p, q, at, names, lnQ) => side === 1
      ? infiniteTerm('KL', p, at, names, lnQ)
      : q === 0
        ? `KL has no derivative in ${names[0]} at ${at}, where ${names[1]} is 0 (log(p/q) is infinite)`
        : `KL has no derivative in ${names[0]} at ${at}, where ${names[0]} is 0 (the slope log(p/q) + 1 is −∞)`,
  },
  js: {
    // ½ ln(p/m) = ½ log1p((p − q)/(p + q)): no digits lost where p ≈ q.
    slope: (side, p, q) => 0.5 * Math.log1p(side === 0 ? (p - q) / (p + q) : (q - p) / (p + q)),
    why: (side, _p, _q, at, names) => `JS has no derivative in ${names[side]} at ${at}, where ${names[side]} is 0 (the slope ½ log(p/m) is −∞)`,
  },
  bce: {
    // From a sigmoid's logit x, as the measure: log((1 − p)/p) = −x, 1/p = 1 + e^−x, 1/(1 − p) = 1 + e^x.
    slope: (side, y, p, _lnQ, x) => (side === 0
      ? (x === undefined ? Math.log1p(-p) - Math.log(p) : -x)
      : (y === 0 ? 0 : -y * (x === undefined ? 1 / p : 1 + Math.exp(-x))) + (y === 1 ? 0 : (1 - y) * (x === undefined ? 1 / (1 - p) : 1 + Math.exp(x)))),
    why: (side, y, p, at, names, _lnQ, x) => side === 0
      ? `BCE has no derivative in ${names[0]} at ${at}, where ${names[1]} is ${formatShort(p)} (log p or log(1 − p) is infinite)`
      : x === undefined || !Number.isFinite(x)
        ? `BCE has no derivative in ${names[1]}: it is infinite at ${at}, where ${names[1]} is ${formatShort(p)} and ${names[0]} is ${formatShort(y)}`
        : `BCE has no finite derivative in ${names[1]} at ${at}, where ${names[1]} is sigmoid(${formatShort(x)}) (the slope −y/p + (1 − y)/(1 − p) overflows)`,
  },
};

/** The measure call `call` (H, CE, KL, JS, BCE, perplexity and their aliases). */
export function measurePullback(call: CallExpression, context: EvaluationContext): Pullback {
  const names = [0, 1].map((i) => argumentName(call, i, context)) as [string, string];
  return (input) => {
    const output = input.output;
    const detail = output.kind === 'number' ? output.detail : undefined;
    if (!detail || output.kind !== 'number') return input.operands.map(() => undefined);
    return detail.kind === 'family' ? familyMeasurePullback(detail, output.value, input, names) : categoricalPullback(detail, output.value, input, names);
  };
}

/**
 * A measure whose arguments `squashed` (the values of softmax(zₖ), or BCE's
 * sigmoid(x), written in the call; undefined for the others) are
 * differentiated in their logits, which are the operands there.
 */
export function measureOfLogitsPullback(call: CallExpression, context: EvaluationContext, squashed: readonly (Value | undefined)[]): Pullback {
  const names = [0, 1].map((i) => argumentName(call, i, context)) as [string, string];
  return (input) => {
    const output = input.output;
    const detail = output.kind === 'number' ? output.detail : undefined;
    if (!detail || detail.kind !== 'categorical' || output.kind !== 'number') return input.operands.map(() => undefined);
    const others = categoricalPullback(detail, output.value, { ...input, dependent: input.dependent.map((dependent, side) => dependent && !squashed[side]) }, names);
    return input.operands.map((_operand, side) => {
      const s = squashed[side];
      if (!s || !input.dependent[side] || (side !== 0 && side !== 1)) return others[side];
      const sigmoidLogits = side === 1 ? detail.rows[0].sigmoidLogits : undefined;
      return sigmoidLogits ? sigmoidSide(detail, output.value, input, sigmoidLogits, names) : softmaxSide(detail, output.value, input, side, s, names);
    });
  };
}

/** x·∂term/∂x in nats, x the side's entry: finite where a softmax's x underflowed to 0. */
function logSlope(measure: CategoricalDetail['measure'], side: Side, p: number, q: number, lnQ: number | undefined): number {
  switch (measure) {
    case 'entropy':
    case 'perplexity':
      return p === 0 ? 0 : -p * (Math.log(p) + 1);
    case 'crossEntropy':
      return side === 1 ? -p : p === 0 ? 0 : -p * (lnQ ?? Math.log(q));
    case 'kl':
      return side === 1 ? -p : p === 0 ? 0 : p * ((lnQ === undefined ? Math.log(p / q) : Math.log(p) - lnQ) + 1);
    case 'js': {
      const x = side === 0 ? p : q;
      return x === 0 ? 0 : 0.5 * x * Math.log1p(side === 0 ? (p - q) / (p + q) : (q - p) / (p + q));
    }
    case 'bce':
      // p is the label y, q the predicted probability.
      return side === 0
        ? (p === 0 ? 0 : p * (Math.log1p(-q) - Math.log(q)))
        : (p === 0 ? 0 : -p) + (p === 1 ? 0 : ((1 - p) * q) / (1 - q));
  }
}

/** ∂/∂z of the measure through s = softmax(z) on one side: wᵢ − sᵢ·Σⱼ wⱼ, row by row. */
function softmaxSide(detail: CategoricalDetail, value: number, input: PullbackInput, side: Side, s: Value, names: readonly [string, string]): Float64Array {
  const slopes = TERM_SLOPES[detail.measure];
  const g = termWeight(detail, value, input);
  const probabilities = entriesOf(s);
  const w = new Float64Array(probabilities.length);
  detail.rows.forEach((row, r) => {
    const position = entryPosition(s, detail, r);
    const q = row.q ?? row.p;
    for (let j = 0; j < row.p.length; j++) {
      const k = position(j);
      if (k < 0) continue;
      const lnQ = lnFromLogits(row, j);
      w[k] += chainEntry(g, logSlope(detail.measure, side, row.p[j], q[j], lnQ), input, () => slopes.why(side, row.p[j], q[j], outcomeName(detail, r, j), names, lnQ, undefined));
    }
  });
  const width = s.kind === 'matrix' ? s.columns : probabilities.length;
  const result = new Float64Array(probabilities.length);
  for (let start = 0; start < probabilities.length; start += width) {
    const total = new CompensatedSum();
    for (let j = start; j < start + width; j++) if (w[j] !== 0) total.add(w[j]);
    const sum = total.value;
    for (let j = start; j < start + width; j++) result[j] = w[j] - probabilities[j] * sum;
  }
  return result;
}

/**
 * ∂/∂x of BCE through p = sigmoid(x), entry by entry: p(1 − p)·∂term/∂p = p − y,
 * taken as (1 − y)·σ(x) − y·σ(−x) so that it keeps its digits where p rounds
 * to 1 (σ(−40) is 4.2e-18, and 1 − p is 0).
 */
function sigmoidSide(detail: CategoricalDetail, value: number, input: PullbackInput, logits: Float64Array, names: readonly [string, string]): Float64Array {
  const { p: y, q } = detail.rows[0];
  const g = termWeight(detail, value, input);
  const slope = (j: number) => (y[j] === 1 ? 0 : (1 - y[j]) * sigmoid(logits[j])) - (y[j] === 0 ? 0 : y[j] * sigmoid(-logits[j]));
  return Float64Array.from({ length: y.length }, (_, j) => chainEntry(g, slope(j), input, () => TERM_SLOPES.bce.why(1, y[j], (q as Float64Array)[j], outcomeName(detail, 0, j), names, undefined, logits[j])));
}

/** ln q of outcome j where the measure took it from a softmax's logits (undefined elsewhere). */
function lnFromLogits(row: MeasureRow, j: number): number | undefined {
  return row.q && logFromLogits(row.p, row.q, j, row.qLogits) ? lnSoftmax(row.qLogits, j) : undefined;
}

/** ∂ value / ∂ term: the adjoint, over the rows of a batch (or BCE's entries), in the unit (perplexity: × its value). */
function termWeight(detail: CategoricalDetail, value: number, input: PullbackInput): number {
  const perTerm = detail.measure === 'bce' ? detail.rows[0].p.length : detail.rows.length;
  const outer = detail.measure === 'perplexity' ? value : 1 / UNIT_LN_BASE[detail.unit];
  return (input.adjoint[0] * outer) / perTerm;
}

function argumentName(call: CallExpression, index: number, context: EvaluationContext): string {
  const argument = call.args[index];
  if (!argument) return index === 0 ? 'P' : 'Q';
  const text = context.textOf(argument.span).replace(/\s+/g, ' ');
  return text.length <= 24 ? text : index === 0 ? 'P' : 'Q';
}

function categoricalPullback(detail: CategoricalDetail, value: number, input: PullbackInput, names: readonly [string, string]): (Float64Array | undefined)[] {
  const slopes = TERM_SLOPES[detail.measure];
  const rows = detail.rows;
  const g = termWeight(detail, value, input);
  return input.operands.map((operand, side) => {
    if (!input.dependent[side] || (side !== 0 && side !== 1)) return undefined;
    const contribution = new Float64Array(entriesOf(operand).length);
    rows.forEach((row, r) => {
      const position = entryPosition(operand, detail, r);
      const q = row.q ?? row.p;
      for (let j = 0; j < row.p.length; j++) {
        const k = position(j);
        if (k < 0) continue;
        const lnQ = lnFromLogits(row, j);
        const logit = row.sigmoidLogits?.[j];
        contribution[k] += chainEntry(g, slopes.slope(side, row.p[j], q[j], lnQ, logit), input, () => slopes.why(side, row.p[j], q[j], outcomeName(detail, r, j), names, lnQ, logit));
      }
    });
    return contribution;
  });
}

/** Where outcome j of row r of the detail sits in the operand (−1: a label the operand lacks). */
function entryPosition(operand: Value, detail: CategoricalDetail, r: number): (j: number) => number {
  if (detail.labels && operand.kind === 'vector' && operand.labels) {
    const index = new Map(operand.labels.map((label, i) => [label, i]));
    const labels = detail.labels;
    return (j) => index.get(labels[j]) ?? -1;
  }
  if (operand.kind === 'matrix') {
    const start = (operand.rows === 1 ? 0 : r) * operand.columns;
    return (j) => start + j;
  }
  return (j) => j;
}

function outcomeName(detail: CategoricalDetail, r: number, j: number): string {
  const outcome = detail.labels ? `'${detail.labels[j]}'` : `${detail.measure === 'bce' ? 'entry' : 'outcome'} ${j + 1}`;
  return detail.rows.length > 1 ? `row ${r + 1}, ${outcome}` : outcome;
}
