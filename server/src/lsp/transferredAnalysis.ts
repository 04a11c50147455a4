// An analysis as it crosses between the server's thread and the background
// thread (backgroundAnalysis.ts, analysisWorker.ts): structured clone keeps
// data, not classes, so what is made of classes is left behind and made again
// on the other side, with that thread's own file host and time per statement.
import type { Analysis, AnalysisOptions } from '../language/analysis';
import type { AnalysisReuse } from '../language/analysis/analysisData';
import { LineIndex } from '../language/span';
import { NameNumbers, StatementNamesBuilder } from '../language/statementNames';

/**
 * An analysis as it crosses threads: plain data, without what is made of
 * classes (rebuilt by `revivedAnalysis`); what a layer above added (a note's
 * math, `A`) crosses as it is.
 */
export type TransferredAnalysis<A extends Analysis = Analysis> = Omit<A, 'lineIndex' | 'reuse'> & { reuse: Omit<AnalysisReuse, 'names'> };

/** What crosses to another thread of an analysis; the file host and the time per statement stay behind too. */
export function transferredAnalysis<A extends Analysis>(analysis: A): TransferredAnalysis<A> {
  const { lineIndex: _lineIndex, options, reuse, ...rest } = analysis;
  const { names: _names, ...data } = reuse;
  return { ...rest, options: { defaultUnits: options.defaultUnits, limits: options.limits }, reuse: data } as TransferredAnalysis<A>;
}

/**
 * An analysis from another thread, with its line index and statement names
 * made again here, and this thread's file host and time per statement: a
 * hover that evaluates on it here (hover/nestedMeasure.ts) keeps to this
 * thread's time.
 */
export function revivedAnalysis<A extends Analysis>(transferred: TransferredAnalysis<A>, here: Pick<AnalysisOptions, 'files' | 'timePerStatement'>): A {
  const names = new StatementNamesBuilder(new NameNumbers());
  for (const { parsed } of transferred.statements) names.add(parsed);
  const { files, timePerStatement } = here;
  const options = { ...transferred.options, ...(files ? { files } : {}), ...(timePerStatement !== undefined ? { timePerStatement } : {}) };
  return { ...transferred, options, lineIndex: new LineIndex(transferred.text), reuse: { ...transferred.reuse, names: names.build() } } as A;
}
