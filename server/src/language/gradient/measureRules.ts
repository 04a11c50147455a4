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
// e^{H in nats}, so its slope is perplexity × the slope of H in nats.
import type { CallExpression } from '../ast';
import type { EvaluationContext } from '../context';
import { formatShort } from '../format';
import type { CategoricalDetail, NormalDetail } from '../measureDetail';
import { UNIT_LN_BASE } from '../units';
import type { Value } from '../values';
import { entriesOf } from './layout';
import { chainEntry, type Pullback, type PullbackInput } from './tape';

type Side = 0 | 1;

interface TermSlopes {
  /** ∂ term / ∂ (side 0: p, side 1: q) in nats. */
  slope(side: Side, p: number, q: number): number;
  /** Why there is none, for the outcome named `at`. */
  why(side: Side, p: number, q: number, at: string, names: readonly [string, string]): string;
}

/** The term of outcome `at` is infinite: q = 0 < p. */
const infiniteTerm = (measure: string, p: number, at: string, [P, Q]: readonly [string, string]) => `${measure} has no derivative in ${Q} at ${at}, where ${Q} is 0 and ${P} is ${formatShort(p)} (the term is infinite)`;

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
    slope: (side, p, q) => (side === 0 ? -Math.log(q) : p === 0 ? 0 : -p / q),
    why: (side, p, _q, at, names) => side === 0
      ? `CE has no derivative in ${names[0]} at ${at}, where ${names[1]} is 0 (−log q is infinite)`
      : infiniteTerm('CE', p, at, names),
  },
  kl: {
    slope: (side, p, q) => (side === 0 ? Math.log(p / q) + 1 : p === 0 ? 0 : -p / q),
    why: (side, p, q, at, names) => side === 1
      ? infiniteTerm('KL', p, at, names)
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
    slope: (side, y, p) => (side === 0
      ? Math.log1p(-p) - Math.log(p)
      : (y === 0 ? 0 : -y / p) + (y === 1 ? 0 : (1 - y) / (1 - p))),
    why: (side, y, p, at, names) => side === 0
      ? `BCE has no derivative in ${names[0]} at ${at}, where ${names[1]} is ${formatShort(p)} (log p or log(1 − p) is infinite)`
      : `BCE has no derivative in ${names[1]}: it is infinite at ${at}, where ${names[1]} is ${formatShort(p)} and ${names[0]} is ${formatShort(y)}`,
  },
};

/** The measure call `call` (H, CE, KL, JS, BCE, perplexity and their aliases). */
export function measurePullback(call: CallExpression, context: EvaluationContext): Pullback {
  const names = [0, 1].map((i) => argumentName(call, i, context)) as [string, string];
  return (input) => {
    const output = input.output;
    const detail = output.kind === 'number' ? output.detail : undefined;
    if (!detail || output.kind !== 'number') return input.operands.map(() => undefined);
    return detail.kind === 'normal' ? normalPullback(detail, output.value, input) : categoricalPullback(detail, output.value, input, names);
  };
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
  // The mean over the rows of a batch; BCE's single row is itself the mean over its entries.
  const perTerm = detail.measure === 'bce' ? rows[0].p.length : rows.length;
  const outer = detail.measure === 'perplexity' ? value : 1 / UNIT_LN_BASE[detail.unit];
  const g = (input.adjoint[0] * outer) / perTerm;
  return input.operands.map((operand, side) => {
    if (!input.dependent[side] || (side !== 0 && side !== 1)) return undefined;
    const contribution = new Float64Array(entriesOf(operand).length);
    rows.forEach((row, r) => {
      const position = entryPosition(operand, detail, r);
      const q = row.q ?? row.p;
      for (let j = 0; j < row.p.length; j++) {
        const k = position(j);
        if (k < 0) continue;
        contribution[k] += chainEntry(g, slopes.slope(side, row.p[j], q[j]), input, () => slopes.why(side, row.p[j], q[j], outcomeName(detail, r, j), names));
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

/**
 * The closed forms for normals, per unit of the measure (nats):
 * H = ½ ln(2πeσ²): ∂/∂σ = 1/σ.
 * KL(N₁ ‖ N₂) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½:
 *   ∂/∂μ₁ = (μ₁ − μ₂)/σ₂², ∂/∂σ₁ = (σ₁² − σ₂²)/(σ₁σ₂²),
 *   ∂/∂μ₂ = −(μ₁ − μ₂)/σ₂², ∂/∂σ₂ = (σ₂² − σ₁² − (μ₁ − μ₂)²)/σ₂³.
 * CE = H(P) + KL, so its ∂/∂σ₁ is σ₁/σ₂².
 */
function normalPullback(detail: NormalDetail, value: number, input: PullbackInput): (Float64Array | undefined)[] {
  const outer = detail.measure === 'perplexity' ? value : 1 / UNIT_LN_BASE[detail.unit];
  const g = input.adjoint[0] * outer;
  const { mu: mu1, sigma: s1 } = detail.p;
  let slopes: [Float64Array, Float64Array?];
  if (!detail.q) {
    slopes = [Float64Array.of(0, 1 / s1)];
  } else {
    const { mu: mu2, sigma: s2 } = detail.q;
    const shift = mu1 - mu2;
    const v2 = s2 * s2;
    const ds1 = detail.measure === 'kl' ? ((s1 - s2) * (s1 + s2)) / (s1 * v2) : s1 / v2;
    slopes = [Float64Array.of(shift / v2, ds1), Float64Array.of(-shift / v2, ((s2 - s1) * (s2 + s1) - shift * shift) / (v2 * s2))];
  }
  return input.operands.map((_operand, side) => (input.dependent[side] && slopes[side] ? (slopes[side] as Float64Array).map((d) => g * d) : undefined));
}
