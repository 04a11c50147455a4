// One statement evaluated for the analysis, in the context of the bindings it
// reads, with the analysis's limits and time: its result, and the version of
// the binding it makes.
import type { UnitName } from '../ast';
import { evaluationContext, type Binding } from '../context';
import type { Diagnostic } from '../diagnostics';
import { evaluateStatement } from '../statementEvaluation';
import type { StatementResult } from '../statementResult';
import type { AnalysisOptions, ParsedSource } from './analysisData';

let nextVersion = 1;

/**
 * Where this thread's binding versions start. Analyses made on another thread
 * are reused here, so each thread numbers its versions in a range of its own.
 */
export function numberVersionsFrom(first: number): void {
  nextVersion = first;
}

export function evaluateSource(text: string, parsed: ParsedSource, units: UnitName, precision: number | undefined, options: AnalysisOptions, inputs: ReadonlyMap<string, Binding>): { result: StatementResult; version?: number } {
  const diagnostics: Diagnostic[] = [];
  const context = evaluationContext({
    units,
    precision,
    limits: options.limits,
    files: options.files,
    lookup: (name) => inputs.get(name),
    report: (diagnostic) => diagnostics.push(diagnostic),
    source: { text, language: 'kl' },
    budget: { milliseconds: options.timePerStatement },
  });
  const outcome = parsed.diagnostics.length > 0 ? undefined : evaluateStatement(parsed.statement, context, diagnostics);
  // Out of time, what it computed is incomplete: nothing of it is kept, not even its diagnostics.
  if (context.work?.outOfTime) return { result: pendingResult('slow', units, precision) };
  // Every property written out, not spread: in optimised code a spread gives each object a hidden class of its own
  // (V8 11, Node 20), about 200 bytes kept per statement, and slow reads of the results everywhere.
  const result: StatementResult = { value: outcome?.value, check: outcome?.check, units, precision, diagnostics, pending: undefined };
  return parsed.statement.kind === 'assignment' ? { result, version: nextVersion++ } : { result };
}

/** The result of a statement left to the background thread: it took too long here, or it reads one that did. */
export function pendingResult(pending: StatementResult['pending'], units: UnitName, precision: number | undefined): StatementResult {
  return { value: undefined, check: undefined, units, precision, diagnostics: [], pending };
}
