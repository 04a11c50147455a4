// What a measure is, as one record: its names and formula, its kernels (double,
// precise), its terms as a person writes them, its gradient, what the libraries
// users check against call it, its LaTeX spellings and its builtin's
// documentation. Every part is required: a measure that lacks one does not
// compile. measures/index.ts holds the table of them.
import type { CallExpression, UnitName } from '../ast';
import type { EvaluationContext } from '../context';
import type { BigNumber } from '../mathInstance';
import type { MeasureResult } from '../measureResult';
import type { Value } from '../values';
import type { CategoricalDetail, KernelRow, MeasureKind } from './rows';

export type { CategoricalDetail, KernelRow, MeasureKind, MeasureRow } from './rows';

/** The BigNumber tools of a precise kernel, at the working digits. */
export interface PreciseTools {
  ln(x: BigNumber): BigNumber;
  /** ln(1 + t), keeping every digit of a small t. */
  lnOnePlus(t: BigNumber): BigNumber;
  big(x: number): BigNumber;
  /** A term of a series below this fraction of its sum changes nothing at the working digits. */
  negligible: BigNumber;
}

/** The measure at `precision N` (bigMeasures.ts sums it, rounds it, and retries where the rounding is in doubt). */
export interface PreciseKernel {
  /** BigNumber logarithms (or square roots, exponentials) one outcome costs: the work limit counts them. */
  logarithmsPerOutcome: number;
  /** The row's running sum with outcome i's term added; undefined where the term is infinite. */
  add(sum: BigNumber, p: BigNumber, q: BigNumber, i: number, row: KernelRow, tools: PreciseTools): BigNumber | undefined;
  /** A second sum of the row, kept apart because it is exact, added at its end (KL's Σ(p − q)); null: none. */
  apart: ((p: BigNumber, q: BigNumber) => BigNumber) | null;
  /** A row's value from its sums (BCE: their mean over the entries). */
  rowValue(sum: BigNumber, outcomes: number): BigNumber;
  /** The value from the mean of the rows' values: in the unit (÷ ln base), or e^mean, or √mean. */
  value(mean: BigNumber, lnBase: () => BigNumber): BigNumber;
}

/** A term as written, before its value: its sign and its body. */
export interface WrittenTerm {
  /** `+` or `−` before the body. */
  sign: '+' | '−';
  body: string;
}

/** How the terms of the term-by-term sum are computed and written (the hover lays them out, hover/termByTerm.ts). */
export interface TermWriting {
  /** Outcome i's term, as the measure sums it, in the unit (perplexity: of the exponent, in nats). */
  value(row: KernelRow, i: number, unit: UnitName): number;
  /** Outcome i's term as written, numbers with six digits, `log` the unit's logarithm's name. */
  written(row: KernelRow, i: number, log: string): WrittenTerm;
  /** The row's value around its joined terms: `e^(…)`, `(1/n)·(…)`, or the terms as they are. */
  around(terms: string, row: KernelRow): string;
  /** A line before the sum (JS's M = ½(P + Q)); null: none. */
  before: ((row: KernelRow, names: MeasureNames) => string) | null;
}

export type Side = 0 | 1;

/** The measure's derivative, term by term (gradient/measureRules.ts applies it). */
export interface GradientRule {
  /**
   * ∂ term / ∂ (side 0: p, side 1: q) in nats; `lnQ` is ln q where it comes
   * from a softmax's logits, `logit` BCE's logit of q where q is a sigmoid's value.
   */
  slope(side: Side, p: number, q: number, lnQ: number | undefined, logit: number | undefined): number;
  /** x·∂term/∂x in nats, x the side's entry: finite where a softmax's x underflowed to 0. */
  logSlope(side: Side, p: number, q: number, lnQ: number | undefined): number;
  /** Why there is none, for the outcome named `at`. */
  why(side: Side, p: number, q: number, at: string, names: readonly [string, string], lnQ: number | undefined, logit: number | undefined): string;
  /** ∂ value / ∂ Σ terms of a row worth `rowValue`, the measure being `value`: 1/ln base; perplexity's value; Hellinger's 1/(4H). */
  outer(value: number, rowValue: number, unit: UnitName): number;
}

/** What one library returns for the measure and how it is called there (hover/libraryCalls.ts writes the program). */
export interface LibraryValue {
  library: 'scipy' | 'torch';
  /** The call, with `p` and `q` (or `z`, `x`, `y`) standing for the arrays. */
  call: string;
  value: number;
  /** Why the library's value may differ from KL Lens's. */
  note?: string;
  /** The Python imports the call needs, beside numpy (scipy) or torch. */
  imports?: string;
  /** Which arrays the program defines: P and Q; P and Q's logits z; BCE's y and p; y and p's logits x. */
  arrays: 'p q' | 'p z' | 'y p' | 'y x';
}

/** The names of the arguments as the hover writes them. */
export interface MeasureNames {
  p: string;
  q: string;
}

/** How a builtin of the measure is documented and called (language/builtins.ts lists it). */
export interface MeasureBuiltin {
  name: string;
  aliases?: readonly string[];
  /** How to call it, e.g. `KL(P || Q)`. */
  signature: string;
  parameters: readonly string[];
  arity: readonly [number, number];
  /** Whether `||` may separate the arguments. */
  divergence?: boolean;
  summary: string;
  formula: string;
  example: string;
  call(args: Value[], call: CallExpression, context: EvaluationContext): Value | undefined;
}

export interface MeasureDefinition {
  kind: MeasureKind;
  /** The name people say, on lenses and in the outline. */
  label: string;
  /** The measure of names P and Q as the hover writes it: `D_KL(P‖Q)`. */
  symbol(names: MeasureNames): string;
  /** Its formula in the unit's logarithm `log` (`log2`, `ln`, `log10`). */
  formula(names: MeasureNames, log: string): string;
  /** Whether its value is in the document's unit; 'none': it has none (perplexity, Hellinger), and its kernels work in nats. */
  units: 'ofTheDocument' | 'none';
  /** Whether it takes categorical distributions only: a normal is refused as any other non-distribution is. */
  categoricalOnly: boolean;
  /** One row's value in double precision, long vectors included (measures.ts, longMeasures.ts). */
  double(row: KernelRow, unit: UnitName): MeasureResult;
  precise: PreciseKernel;
  terms: TermWriting;
  gradient: GradientRule;
  /** Whether the row took some log from a softmax's or a sigmoid's logits (the hover says so; scipy takes the doubles'). */
  takesLogsFromLogits(row: KernelRow): boolean;
  /** What scipy and torch return, for this detail (the rows' own values where the library's agree to the digits shown). */
  library(detail: CategoricalDetail): LibraryValue[];
  /**
   * How a LaTeX note writes it (latex/latexParser.ts): words, also in
   * `\mathrm{…}` (`KL`, `H`); letters only bare (`D(P\|Q)`); subscripts of `D_{…}`.
   */
  latex: { words: readonly string[]; letters: readonly string[]; subscripts: readonly string[] };
  builtins: readonly MeasureBuiltin[];
}
