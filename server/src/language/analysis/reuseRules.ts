// The reuse rules between versions of a document: when a statement's previous
// result, binding and placed diagnostics stand, and when it is evaluated
// again; what a statement reads when the one that assigns it is pending or
// failed; and how a statement that only moved with the text is carried over.
import type { UnitName } from '../ast';
import type { Binding } from '../context';
import type { Diagnostic } from '../diagnostics';
import { reachableBuffers } from '../heldNumbers';
import { loadStamp } from '../load/loadStamp';
import { shiftSpan } from '../span';
import type { SourceStatement } from '../statements';
import { notEvaluatedResult } from '../statementEvaluation';
import type { StatementResult } from '../statementResult';
import type { AnalysisOptions, AnalyzedStatement, CachedResult, ParsedSource } from './analysisData';
import { placedOf } from './placedDiagnostics';
import { evaluateSource, pendingResult } from './sourceEvaluation';

/** Whether an analysis made with `a` can be reused by one with `b` (the time per statement and the file host do not change a result). */
export function sameOptions(a: AnalysisOptions, b: AnalysisOptions): boolean {
  return a.defaultUnits === b.defaultUnits && a.limits.maxElements === b.limits.maxElements;
}

/** One statement being gone through: where it is, its parse, and what the previous analysis had for it. */
export interface Step {
  source: SourceStatement;
  parsed: ParsedSource;
  /** The previous analysis's statement with this text, and what it kept for the next analysis (undefined: none). */
  before: AnalyzedStatement | undefined;
  candidate: CachedResult | undefined;
  placedBefore: readonly Diagnostic[] | undefined;
  units: UnitName;
  precision: number | undefined;
  /** Every statement above is the previous analysis's, as it was: the inputs and the result stand without comparing them. */
  asBefore: boolean;

}

const NO_VERSIONS: readonly number[] = [];

/** Why an assignment gives no value to read: it is computed in the background, or it failed. */
export type Unsettled = 'pending' | 'failed' | undefined;

export function unsettled(assignment: AnalyzedStatement): Unsettled {
  return assignment.result.pending !== undefined ? 'pending' : assignment.binding ? undefined : 'failed';
}

/** The bindings a statement reads and its result: the previous ones where nothing it depends on changed, else evaluated now. */
export function settledResult(
  step: Step,
  options: AnalysisOptions,
  bindingRead: (read: number) => Binding | undefined,
  unsettledRead: (read: number) => Unsettled,
): { inputs: ReadonlyMap<string, Binding>; settled: CachedResult; evaluated: boolean } {
  const { source, parsed, before, candidate, units, precision, asBefore } = step;
  const inputs = before && (asBefore || sameBindings(parsed.reads, bindingRead, before.inputs)) ? before.inputs : bindingsRead(parsed.reads, bindingRead);
  // A file may have changed since: a statement that loads one is compared by the files' stat stamp.
  const files = parsed.loads.length > 0 ? loadStamp(parsed.loads, options.files) : '';
  let failed: string[] | undefined;
  for (let read = 0; read < parsed.reads.length; read++) {
    const unsettled = unsettledRead(read);
    if (unsettled === 'pending') return { inputs, settled: { units, precision, files, versions: NO_VERSIONS, result: pendingResult('reads-pending', units, precision), held: [] }, evaluated: false };
    if (unsettled === 'failed') (failed ??= []).push(parsed.reads[read]);
  }
  // What it reads has an error: it says so, instead of evaluating without it (or with a constant of the same name).
  if (failed && parsed.diagnostics.length === 0) return { inputs, settled: { units, precision, files, versions: NO_VERSIONS, result: notEvaluatedResult(parsed.statement, failed, units, precision), held: [] }, evaluated: false };
  // A statement that waited for a pending value is evaluated again: that value may be there now.
  const reusable = candidate && candidate.result.pending !== 'reads-pending';
  if (reusable && (asBefore || computedFrom(candidate, units, precision, files, parsed.reads, inputs))) return { inputs, settled: candidate, evaluated: false };
  const versions = parsed.reads.length === 0 ? NO_VERSIONS : parsed.reads.map((name) => inputs.get(name)?.version ?? 0);
  const evaluated = evaluateSource(source.text, parsed, units, precision, options, inputs);
  return { inputs, settled: { units, precision, files, versions, result: evaluated.result, version: evaluated.version, held: reachableBuffers(evaluated.result) }, evaluated: true };
}

/**
 * The analysed statement and its placed diagnostics: the previous analysis's
 * own where nothing changed and it is in the same place. An assignment's
 * binding is the previous one where its version and place are the same; an
 * edit records a copy at the new place (same version) in `relocations`.
 */
export function settledStatement(step: Step, inputs: ReadonlyMap<string, Binding>, result: StatementResult, version: number | undefined, relocations?: Map<Binding, Binding>): { statement: AnalyzedStatement; placed: readonly Diagnostic[] } {
  const { source, parsed, before, placedBefore } = step;
  const statement = parsed.statement;
  // A failed assignment binds nothing: later uses report it instead of using an earlier, stale value.
  let binding: Binding | undefined;
  if (statement.kind === 'assignment' && result.value && version !== undefined) {
    const definition = shiftSpan(statement.nameSpan, source.offset);
    const earlier = before?.binding;
    binding = earlier && earlier.version === version && earlier.definition.start === definition.start ? earlier : { name: statement.name, value: result.value, version, definition };
    if (earlier && binding !== earlier && earlier.version === version) relocations?.set(earlier, binding);
  }
  if (before && placedBefore && before.source.offset === source.offset && before.result === result && before.inputs === inputs && before.binding === binding) return { statement: before, placed: placedBefore };
  const made: AnalyzedStatement = binding ? { source, parsed, result, inputs, binding } : { source, parsed, result, inputs };
  return { statement: made, placed: placedOf(made) };
}

/**
 * A statement the edit did not change, moved by `shift` with the text, reading
 * the relocated copies of the bindings that moved. Its binding, if it made
 * one, is copied to the new place too (and recorded in `relocations`).
 */
export function relocatedStatement(statement: AnalyzedStatement, shift: number, relocations: Map<Binding, Binding>): AnalyzedStatement {
  const inputs = relocatedInputs(statement.inputs, relocations);
  let binding = statement.binding;
  if (binding && shift !== 0) {
    const { name, value, version, definition } = binding;
    const copy: Binding = { name, value, version, definition: { start: definition.start + shift, end: definition.end + shift } };
    relocations.set(binding, copy);
    binding = copy;
  }
  if (shift === 0 && inputs === statement.inputs) return statement;
  const source = shift === 0 ? statement.source : { text: statement.source.text, offset: statement.source.offset + shift };
  const { parsed, result } = statement;
  return binding ? { source, parsed, result, inputs, binding } : { source, parsed, result, inputs };
}

function relocatedInputs(inputs: ReadonlyMap<string, Binding>, relocations: ReadonlyMap<Binding, Binding>): ReadonlyMap<string, Binding> {
  if (relocations.size === 0 || inputs.size === 0) return inputs;
  let relocates = false;
  for (const binding of inputs.values()) {
    if (relocations.has(binding)) {
      relocates = true;
      break;
    }
  }
  if (!relocates) return inputs;
  const copy = new Map<string, Binding>();
  inputs.forEach((binding, name) => copy.set(name, relocations.get(binding) ?? binding));
  return copy;
}

/** Whether the names a statement reads are bound to the very same bindings as in `inputs`. */
function sameBindings(reads: readonly string[], bindingRead: (read: number) => Binding | undefined, inputs: ReadonlyMap<string, Binding>): boolean {
  for (let i = 0; i < reads.length; i++) if (bindingRead(i) !== inputs.get(reads[i])) return false;
  return true;
}

const NO_INPUTS: ReadonlyMap<string, Binding> = new Map();

function bindingsRead(reads: readonly string[], bindingRead: (read: number) => Binding | undefined): ReadonlyMap<string, Binding> {
  if (reads.length === 0) return NO_INPUTS;
  const inputs = new Map<string, Binding>();
  for (let i = 0; i < reads.length; i++) {
    const binding = bindingRead(i);
    if (binding) inputs.set(reads[i], binding);
  }
  return inputs;
}

/** Whether `cached` was computed from these units, precision, files and versions of the names read. */
function computedFrom(cached: CachedResult, units: UnitName, precision: number | undefined, files: string, reads: readonly string[], inputs: ReadonlyMap<string, Binding>): boolean {
  if (cached.units !== units || cached.precision !== precision || cached.files !== files) return false;
  for (let i = 0; i < reads.length; i++) if (cached.versions[i] !== (inputs.get(reads[i])?.version ?? 0)) return false;
  return true;
}
