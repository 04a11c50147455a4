// The analysis of a document: its KL code (language/analysis.ts), then, in a
// Markdown note, its LaTeX math checked with the names the code bound
// (latex/noteMath.ts). This layer calls both, so that neither imports the
// other: the engine knows nothing of LaTeX, the LaTeX reader reads the
// engine's statements. Every feature, the server and the CLI read this analysis.
import { analyzeCodeSteps, DEFAULT_OPTIONS, sameOptions, type Analysis, type AnalysisOptions, type DocumentKind } from '../language/analysis';
import { checkNoteMathSteps, type NoteMath } from '../latex/noteMath';
import { evaluateProse, type NoteProse } from './proseValues';

export interface DocumentAnalysis extends Analysis {
  /** The LaTeX math of a Markdown note, checked (its failed relations are also in `diagnostics`); not checked while statements are pending. */
  math?: NoteMath;
  /** The values in prose of a Markdown note (notes/proseValues.ts; their warnings are also in `diagnostics`); not evaluated while statements are pending. */
  prose?: NoteProse;
}

/**
 * The LaTeX math of a note may take this many times a statement's time in all
 * on a thread with a time limit (50 ms on the server's); the formulas not
 * checked by then are checked by the background thread, as slow statements are.
 */
export const MATH_BUDGET_PER_STATEMENT_TIME = 2;

export function analyze(text: string, kind: DocumentKind, options: AnalysisOptions = DEFAULT_OPTIONS, previous?: DocumentAnalysis): DocumentAnalysis {
  const steps = analyzeSteps(text, kind, options, previous);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The document analysed in slices: the generator yields now and then, so a server can answer other requests and drop a stale analysis. */
export function* analyzeSteps(text: string, kind: DocumentKind, options: AnalysisOptions = DEFAULT_OPTIONS, previous?: DocumentAnalysis): Generator<void, DocumentAnalysis> {
  const code = yield* analyzeCodeSteps(text, kind, options, previous);
  // Math that names a pending value would be judged without it: it waits for the complete analysis.
  if (kind !== 'markdown' || code.pending) return code;
  const previousMath = previous && sameOptions(previous.options, options) ? previous.math : undefined;
  const budget = options.timePerStatement === undefined || previous?.reuse.mathFailedInBackground ? undefined : MATH_BUDGET_PER_STATEMENT_TIME * options.timePerStatement;
  const math = yield* checkNoteMathSteps(text, code, previousMath, budget);
  // Values in prose have a budget of their own, as long as the math's.
  const prose = evaluateProse(text, code, budget);
  const formulas = (math.unchecked ?? 0) + (prose.unevaluated ?? 0);
  // Formulas (and values in prose) left unchecked now: what the background thread computes for an earlier version does not answer them.
  const pending = formulas > 0 ? { pending: { statements: 0, formulas, timedOutNow: true } } : {};
  return { ...code, diagnostics: [...code.diagnostics, ...math.diagnostics, ...prose.diagnostics], math, prose, ...pending };
}
