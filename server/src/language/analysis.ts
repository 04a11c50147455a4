// One analysis per document version: statements, their values and checks, and
// the diagnostics, computed once and shared by every feature (and the CLI).
//
// Incremental by construction: a statement whose text did not change is not
// parsed again, and one whose text, units, precision and the versions of the
// names it reads did not change is not evaluated again, so an edit re-evaluates
// only what depends on it. The work is a generator that yields now and then,
// so the server can answer other requests and drop a stale analysis.
import { walkExpression, statementExpressions, type Statement, type UnitName } from './ast';
import { DEFAULT_LIMITS, type Binding, type EvaluationContext, type Limits } from './context';
import type { Diagnostic } from './diagnostics';
import { findKlBlocks } from './markdown';
import { parseStatement, type ParsedStatement } from './parser';
import { shiftSpan, LineIndex, type Span } from './span';
import { splitStatements, type SourceStatement } from './statements';
import { evaluateStatement, type StatementResult } from './statementEvaluation';

export type DocumentKind = 'kl' | 'markdown';

export interface AnalysisOptions {
  /** The units before any `units` directive (the user's setting). */
  defaultUnits: UnitName;
  limits: Limits;
}

export const DEFAULT_OPTIONS: AnalysisOptions = { defaultUnits: 'nats', limits: DEFAULT_LIMITS };

/** A statement's parse, with the names it reads (what its value depends on). */
export interface ParsedSource extends ParsedStatement {
  reads: readonly string[];
}

export interface AnalyzedStatement {
  /** The statement's text and where it starts in the document. */
  source: SourceStatement;
  parsed: ParsedSource;
  result: StatementResult;
  /** The binding an assignment made (the value seen by the statements below, until reassigned). */
  binding?: Binding;
  /** The bindings this statement read, by name (absent: unknown or a constant). */
  inputs: ReadonlyMap<string, Binding>;
}

export interface Analysis {
  text: string;
  kind: DocumentKind;
  options: AnalysisOptions;
  lineIndex: LineIndex;
  /** The spans of KL code: the whole file, or the `kl` blocks of a note. */
  regions: readonly Span[];
  statements: readonly AnalyzedStatement[];
  /** All diagnostics, in document offsets. */
  diagnostics: readonly Diagnostic[];
  /** Caches for the next analysis of the same document. */
  readonly reuse: AnalysisReuse;
}

interface AnalysisReuse {
  parses: Map<string, ParsedSource>;
  results: Map<string, { result: StatementResult; version?: number }>;
}

let nextVersion = 1;

export function analyze(text: string, kind: DocumentKind, options: AnalysisOptions = DEFAULT_OPTIONS, previous?: Analysis): Analysis {
  const steps = analyzeSteps(text, kind, options, previous);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Yield after about this much work, so a server stays responsive on huge documents. */
const SLICE_MILLISECONDS = 10;

export function* analyzeSteps(text: string, kind: DocumentKind, options: AnalysisOptions = DEFAULT_OPTIONS, previous?: Analysis): Generator<void, Analysis> {
  const sameOptions = previous !== undefined && previous.options.defaultUnits === options.defaultUnits && previous.options.limits.maxElements === options.limits.maxElements;
  const oldParses = previous?.reuse.parses ?? new Map<string, ParsedSource>();
  const oldResults = sameOptions ? previous.reuse.results : new Map<string, { result: StatementResult; version?: number }>();
  const reuse: AnalysisReuse = { parses: new Map(), results: new Map() };

  const regions = kind === 'markdown' ? findKlBlocks(text).map((region) => region.span) : [{ start: 0, end: text.length }];
  const sources = splitStatements(text, regions);
  const scope = new Map<string, Binding>();
  const statements: AnalyzedStatement[] = [];
  const diagnostics: Diagnostic[] = [];
  let units = options.defaultUnits;
  let precision: number | undefined;
  let sliceStart = performance.now();

  for (let index = 0; index < sources.length; index++) {
    if ((index & 63) === 63 && performance.now() - sliceStart > SLICE_MILLISECONDS) {
      yield;
      sliceStart = performance.now();
    }
    const source = sources[index];
    const parsed = reuse.parses.get(source.text) ?? oldParses.get(source.text) ?? parseSource(source.text);
    reuse.parses.set(source.text, parsed);
    const statement = parsed.statement;
    if (statement.kind === 'directive') {
      if (parsed.diagnostics.length === 0) {
        if (statement.directive === 'units') units = statement.units;
        else precision = statement.digits;
      }
    }

    const inputs = new Map<string, Binding>();
    for (const name of parsed.reads) {
      const binding = scope.get(name);
      if (binding) inputs.set(name, binding);
    }
    const key = `${units}|${precision ?? ''}|${[...parsed.reads].map((name) => `${name}:${inputs.get(name)?.version ?? 0}`).join(',')}|${source.text}`;
    let cached = reuse.results.get(key) ?? oldResults.get(key);
    if (!cached) {
      cached = evaluateSource(source.text, parsed, units, precision, options.limits, inputs);
    }
    reuse.results.set(key, cached);

    const analyzed: AnalyzedStatement = { source, parsed, result: cached.result, inputs };
    if (statement.kind === 'assignment' && cached.result.value && cached.version !== undefined) {
      const binding: Binding = { name: statement.name, value: cached.result.value, version: cached.version, definition: shiftSpan(statement.nameSpan, source.offset) };
      scope.set(statement.name, binding);
      analyzed.binding = binding;
    } else if (statement.kind === 'assignment') {
      // A failed assignment hides the earlier binding: later uses report it instead of using a stale value.
      scope.delete(statement.name);
    }
    statements.push(analyzed);
    for (const diagnostic of [...parsed.diagnostics, ...cached.result.diagnostics]) {
      diagnostics.push(placed(diagnostic, source.offset, inputs));
    }
  }
  return { text, kind, options, lineIndex: new LineIndex(text), regions, statements, diagnostics, reuse };
}

function parseSource(text: string): ParsedSource {
  const parsed = parseStatement(text);
  return { ...parsed, reads: namesRead(parsed.statement) };
}

function namesRead(statement: Statement): string[] {
  const names = new Set<string>();
  for (const expression of statementExpressions(statement)) {
    walkExpression(expression, (node) => {
      if (node.type === 'name') names.add(node.name);
    });
  }
  return [...names];
}

function evaluateSource(text: string, parsed: ParsedSource, units: UnitName, precision: number | undefined, limits: Limits, inputs: ReadonlyMap<string, Binding>): { result: StatementResult; version?: number } {
  const diagnostics: Diagnostic[] = [];
  const context: EvaluationContext = {
    units,
    precision,
    limits,
    lookup: (name) => inputs.get(name),
    report: (diagnostic) => diagnostics.push(diagnostic),
    textOf: (span) => text.slice(span.start, span.end),
  };
  const outcome = parsed.diagnostics.length > 0 ? {} : evaluateStatement(parsed.statement, context, diagnostics);
  const result: StatementResult = { ...outcome, units, ...(precision !== undefined ? { precision } : {}), diagnostics };
  return parsed.statement.kind === 'assignment' ? { result, version: nextVersion++ } : { result };
}

/** Moves a statement's diagnostic into document offsets and points it at the definitions involved. */
function placed(diagnostic: Diagnostic, offset: number, inputs: ReadonlyMap<string, Binding>): Diagnostic {
  const related = (diagnostic.related ?? []).map((info) => ({ ...info, span: shiftSpan(info.span, offset) }));
  if (diagnostic.code !== 'syntax' && diagnostic.code !== 'unknown-name') {
    for (const binding of inputs.values()) related.push({ span: binding.definition, message: `${binding.name} is defined here` });
  }
  return { ...diagnostic, span: shiftSpan(diagnostic.span, offset), ...(related.length > 0 ? { related } : {}) };
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
