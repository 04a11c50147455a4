// One analysis per document version: statements, their values and checks, and
// the diagnostics, computed once and shared by every feature (and the CLI),
// which read it through notes/documentAnalysis.ts (that adds a note's math).
//
// Incremental by construction. An edit splits and parses again only the
// statements around the changed text; the statements above and below it are
// the previous analysis's, taken without looking at them unless they read a
// name whose binding changed, are below a changed `units` or `precision`, or
// load a file (which may have changed since); the names every statement
// assigns and reads are kept as arrays of integers for that. A statement
// whose text, units, precision and the versions of the names it reads did not
// change is not evaluated again, so an edit re-evaluates only what depends on
// it. The work is a generator that yields now and then, so the server can
// answer other requests and drop a stale analysis.
//
// This module runs the steps, each a module of analysis/: the layout of the
// statements (layout.ts), the walk through all of them or through an edit
// (wholeWalk.ts, editWalk.ts, both cut into slices by slicer.ts), which reuse
// a statement's counterpart in the previous analysis (counterparts.ts) by the
// reuse rules (reuseRules.ts), on what it depends on (dependencies.ts), and
// evaluate the others (sourceEvaluation.ts). What an analysis holds is
// analysis/analysisData.ts; the engine's consumers read it from here.
import type { Diagnostic } from './diagnostics';
import { findKlBlocks } from './markdown';
import { lineIndexSteps } from './span';
import { DEFAULT_OPTIONS, type Analysis, type AnalysisOptions, type AnalyzedStatement, type DocumentKind } from './analysis/analysisData';
import { editWalk } from './analysis/editWalk';
import { editLayout, notEvaluated, wholeLayout } from './analysis/layout';
import { sameOptions } from './analysis/reuseRules';
import { wholeWalk } from './analysis/wholeWalk';

export { DEFAULT_OPTIONS, type Analysis, type AnalysisOptions, type AnalyzedStatement, type DocumentKind, type ParsedSource, type PendingWork } from './analysis/analysisData';
export { MAX_CODE_LENGTH, MAX_STATEMENTS } from './analysis/layout';
export { sameOptions } from './analysis/reuseRules';

/**
 * The statements of the document analysed (the KL code: the whole file, or
 * the `kl` blocks of a note); the LaTeX math of a note is checked above this
 * layer, by notes/documentAnalysis.ts, which calls this first.
 */
export function* analyzeCodeSteps(text: string, kind: DocumentKind, options: AnalysisOptions = DEFAULT_OPTIONS, previous?: Analysis): Generator<void, Analysis> {
  const regions = kind === 'markdown' ? findKlBlocks(text).map((region) => region.span) : [{ start: 0, end: text.length }];
  const edit = previous && sameOptions(previous.options, options) ? editLayout(previous, text, regions) : undefined;
  // An edit whose results may be near the document-wide limit goes through every statement after all, which counts exactly.
  const edited = previous && edit ? yield* editWalk(options, previous, edit) : undefined;
  const layout = edited && edit ? edit : wholeLayout(text, regions, previous);
  const walked = edited ?? (yield* wholeWalk(options, previous, layout));
  const diagnostics: Diagnostic[] = [];
  for (const here of walked.reuse.placed) for (let i = 0; i < here.length; i++) diagnostics.push(here[i]);
  if (layout.notEvaluatedAt !== undefined) diagnostics.push(notEvaluated(text, layout.notEvaluatedAt));
  const statements = walked.statements;
  let pendingStatements = 0;
  for (let i = 0; i < statements.length; i++) if (statements[i].result.pending) pendingStatements++;
  const lineIndex = layout.change && previous ? previous.lineIndex.edited(text, layout.change) : yield* lineIndexSteps(text);
  const pending = pendingStatements > 0 ? { pending: { statements: pendingStatements, timedOutNow: walked.timedOutNow } } : {};
  return { text, kind, options, lineIndex, regions, statements, diagnostics, reuse: walked.reuse, ...pending };
}

/** The statement whose text covers `offset`, if any. */
export function statementAt(analysis: Analysis, offset: number): AnalyzedStatement | undefined {
  const statements = analysis.statements;
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const source = statements[mid].source;
    if (offset < source.offset) high = mid - 1;
    else if (offset > source.offset + source.text.length) low = mid + 1;
    else return statements[mid];
  }
  return undefined;
}
