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
import { error, warning, type Diagnostic } from './diagnostics';
import { newlyHeld, reachableBuffers } from './heldNumbers';
import type { FileHost } from './load/fileHost';
import { loadStamp } from './load/loadStamp';
import { checkNoteMathSteps, type NoteMath } from '../latex/noteMath';
import { findKlBlocks } from './markdown';
import { MAX_STATEMENT_LENGTH, parseStatement, type ParsedStatement } from './parser';
import { ReadBindings } from './readBindings';
import { lineIndexSteps, shiftSpan, type LineIndex, type Span } from './span';
import { ownCopy, splitStatements, type SourceStatement } from './statements';
import { evaluateStatement, type StatementResult } from './statementEvaluation';

export type DocumentKind = 'kl' | 'markdown';

export interface AnalysisOptions {
  /** The units before any `units` directive (the user's setting). */
  defaultUnits: UnitName;
  limits: Limits;
  /** What `load()` may read (load/nodeFileHosts.ts builds one); absent: load() reports that files cannot be read. */
  files?: FileHost;
}

export const DEFAULT_OPTIONS: AnalysisOptions = { defaultUnits: 'nats', limits: DEFAULT_LIMITS };

/** A statement's parse, with the names it reads (what its value depends on). */
export interface ParsedSource extends ParsedStatement {
  reads: readonly string[];
  /** The paths given to `load()`: the statement also depends on these files. */
  loads: readonly string[];
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
  /** The LaTeX math of a Markdown note, checked (its failed relations are also in `diagnostics`). */
  math?: NoteMath;
}

/** What the next analysis of the same document reuses, statement by statement (aligned with `statements`). */
interface AnalysisReuse {
  cached: readonly CachedResult[];
  /** Each statement's diagnostics, in document offsets. */
  placed: readonly (readonly Diagnostic[])[];
}

/** A result and what it was computed from, compared field by field (no key string is built per statement). */
interface CachedResult {
  units: UnitName;
  precision: number | undefined;
  /** The stat stamp of the files the statement loads ('' when none). */
  files: string;
  /** The version of each name in `parsed.reads` (0: unbound). */
  versions: readonly number[];
  result: StatementResult;
  version?: number;
  /** The array buffers the result keeps alive, for the document-wide limit. */
  held: readonly ArrayBufferLike[];
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

/**
 * A document is evaluated up to this many statements and this many characters
 * of KL code; one warning says where it stopped. They bound the time and
 * memory of any document (a 20 MB paste, a million lines).
 */
export const MAX_STATEMENTS = 100_000;
export const MAX_CODE_LENGTH = 10_000_000;

export function* analyzeSteps(text: string, kind: DocumentKind, options: AnalysisOptions = DEFAULT_OPTIONS, previous?: Analysis): Generator<void, Analysis> {
  const sameOptions = previous !== undefined && previous.options.defaultUnits === options.defaultUnits && previous.options.limits.maxElements === options.limits.maxElements;
  const regions = kind === 'markdown' ? findKlBlocks(text).map((region) => region.span) : [{ start: 0, end: text.length }];
  // One past the limit: enough to know that the document goes on.
  const sources = splitStatements(text, regions, MAX_STATEMENTS + 1);
  const counterparts = previous ? new Counterparts(previous, sources, text.length) : undefined;
  const reuse = { cached: [] as CachedResult[], placed: [] as (readonly Diagnostic[])[] };
  const scope = new Map<string, Binding>();
  const statements: AnalyzedStatement[] = [];
  const diagnostics: Diagnostic[] = [];
  let units = options.defaultUnits;
  let precision: number | undefined;
  let sliceStart = performance.now();
  // Reading the clock costs about as much as a cached statement: read it after real work, or every 64 statements.
  let worked = false;
  let codeLength = 0;
  // The numbers the results hold, for the document-wide limit, and the buffers already counted.
  let heldNumbers = 0;
  const heldBuffers = new Set<ArrayBufferLike>();
  let unchangedSoFar = sameOptions;

  for (let index = 0; index < sources.length; index++) {
    if ((worked || (index & 63) === 63) && performance.now() - sliceStart > SLICE_MILLISECONDS) {
      yield;
      sliceStart = performance.now();
    }
    worked = false;
    const source = sources[index];
    // A statement too long to read costs nothing: the parser refuses it unread.
    codeLength += source.text.length <= MAX_STATEMENT_LENGTH ? source.text.length : 0;
    if (index >= MAX_STATEMENTS || codeLength > MAX_CODE_LENGTH) {
      diagnostics.push(notEvaluated(text, sources[index].offset));
      break;
    }
    // The same statement in the previous analysis: at the same place, or moved by the edit.
    const was = counterparts?.of(index, source.text) ?? -1;
    const before = was >= 0 ? (previous as Analysis).statements[was] : undefined;
    // What a statement keeps is cut from its text. The first analysis's statements may be views into
    // the document's text, which it keeps anyway; a later one's new statements copy theirs, else each
    // version would stay alive for the statements it added (see ownCopy).
    const statementText = before ? before.source.text : previous ? ownCopy(source.text) : source.text;
    let parsed = before?.parsed;
    if (!parsed) {
      parsed = parseSource(statementText);
      worked = true;
    }
    const statement = parsed.statement;
    if (statement.kind === 'directive') {
      if (parsed.diagnostics.length === 0) {
        if (statement.directive === 'units') units = statement.units;
        else precision = statement.digits;
      }
    }

    // Above the edit, while every statement so far was reused as it was, the scope is the previous one:
    // the statement reads the same bindings and its result stands (unless it loads a file, which may have changed).
    const asBefore = unchangedSoFar && was === index && (counterparts as Counterparts).unchangedAt(index) && parsed.loads.length === 0;
    const inputs = before && (asBefore || sameBindings(parsed.reads, scope, before.inputs)) ? before.inputs : bindingsRead(parsed.reads, scope);
    const files = parsed.loads.length > 0 ? loadStamp(parsed.loads, options.files) : '';
    const candidate = before && sameOptions ? (previous as Analysis).reuse.cached[was] : undefined;
    let cached = candidate && (asBefore || computedFrom(candidate, units, precision, files, parsed.reads, inputs)) ? candidate : undefined;
    if (!cached) {
      const versions = parsed.reads.map((name) => inputs.get(name)?.version ?? 0);
      const evaluated = evaluateSource(statementText, parsed, units, precision, options, inputs);
      cached = { units, precision, files, versions, result: evaluated.result, version: evaluated.version, held: reachableBuffers(evaluated.result) };
      worked = true;
    }
    reuse.cached.push(cached);
    let result = cached.result;
    let version = cached.version;
    const held = newlyHeld(cached.held, heldBuffers);
    if (heldNumbers + held.numbers > options.limits.maxElements) {
      // Whether it fits depends on the statements above: decided again by every analysis.
      result = overDocumentLimit(result, heldNumbers + held.numbers, source.text.length, options.limits.maxElements);
      version = undefined;
    } else {
      heldNumbers += held.numbers;
      for (const buffer of held.buffers) heldBuffers.add(buffer);
    }

    let binding: Binding | undefined;
    if (statement.kind === 'assignment' && result.value && version !== undefined) {
      const definition = shiftSpan(statement.nameSpan, source.offset);
      binding = before?.binding && before.binding.version === version && before.binding.definition.start === definition.start ? before.binding : { name: statement.name, value: result.value, version, definition };
      scope.set(statement.name, binding);
    } else if (statement.kind === 'assignment') {
      // A failed assignment hides the earlier binding: later uses report it instead of using a stale value.
      scope.delete(statement.name);
    }
    if (before && before.source.offset === source.offset && before.result === result && before.inputs === inputs && before.binding === binding) {
      // Unchanged, and in the same place: the previous analysis's statement and diagnostics as they were.
      statements.push(before);
      const placedBefore = (previous as Analysis).reuse.placed[was];
      reuse.placed.push(placedBefore);
      for (const diagnostic of placedBefore) diagnostics.push(diagnostic);
      continue;
    }
    unchangedSoFar = false;
    const kept = before && before.source.offset === source.offset ? before.source : before || previous ? { text: statementText, offset: source.offset } : source;
    statements.push({ source: kept, parsed, result, inputs, ...(binding ? { binding } : {}) });
    const placedHere = parsed.diagnostics.length + result.diagnostics.length === 0 ? NO_DIAGNOSTICS : [...parsed.diagnostics, ...result.diagnostics].map((diagnostic) => placed(diagnostic, source.offset, inputs));
    reuse.placed.push(placedHere);
    for (const diagnostic of placedHere) diagnostics.push(diagnostic);
  }
  const math = kind === 'markdown' ? yield* checkNoteMathSteps(text, { statements, options }) : undefined;
  if (math) diagnostics.push(...math.diagnostics);
  const lineIndex = yield* lineIndexSteps(text);
  return { text, kind, options, lineIndex, regions, statements, diagnostics, reuse, ...(math ? { math } : {}) };
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/**
 * Where each statement of a new text was in the previous analysis. An edit
 * leaves a run of statements before it where they were (same text, same
 * offset), and a run after it moved by the change of length; only between
 * them are statements looked for by their text (a pasted or moved block).
 */
class Counterparts {
  private readonly before: number;
  private readonly after: number;
  private byText: Map<string, number> | undefined;

  constructor(
    private readonly previous: Analysis,
    private readonly sources: readonly SourceStatement[],
    length: number,
  ) {
    const old = previous.statements;
    const shift = length - previous.text.length;
    const most = Math.min(old.length, sources.length);
    let before = 0;
    while (before < most && old[before].source.offset === sources[before].offset && old[before].source.text === sources[before].text) before++;
    let after = 0;
    while (after < most - before) {
      const was = old[old.length - 1 - after].source;
      const now = sources[sources.length - 1 - after];
      if (was.offset + shift !== now.offset || was.text !== now.text) break;
      after++;
    }
    this.before = before;
    this.after = after;
  }

  /** Whether the statement at `index` and all above it are where they were, with the same text. */
  unchangedAt(index: number): boolean {
    return index < this.before;
  }

  /** The index in the previous analysis of the statement now at `index` with this text, or −1. */
  of(index: number, text: string): number {
    if (index < this.before) return index;
    const fromEnd = this.sources.length - index;
    if (fromEnd <= this.after) return this.previous.statements.length - fromEnd;
    if (!this.byText) {
      this.byText = new Map();
      for (let i = this.previous.statements.length - this.after - 1; i >= this.before; i--) this.byText.set(this.previous.statements[i].source.text, i);
    }
    return this.byText.get(text) ?? -1;
  }
}

/** Whether the names a statement reads are bound to the very same bindings as in `inputs`. */
function sameBindings(reads: readonly string[], scope: ReadonlyMap<string, Binding>, inputs: ReadonlyMap<string, Binding>): boolean {
  for (const name of reads) if (scope.get(name) !== inputs.get(name)) return false;
  return true;
}

const NO_INPUTS: ReadonlyMap<string, Binding> = new ReadBindings([]);

function bindingsRead(reads: readonly string[], scope: ReadonlyMap<string, Binding>): ReadonlyMap<string, Binding> {
  if (reads.length === 0) return NO_INPUTS;
  // Mapped, not pushed: a pushed array keeps room for 17 bindings, and every statement keeps its own.
  const found = reads.map((name) => scope.get(name));
  return new ReadBindings(found.every((binding) => binding !== undefined) ? (found as Binding[]) : found.filter((binding): binding is Binding => binding !== undefined));
}

/** The warning where evaluation stops: on the first line of the first statement not evaluated. */
function notEvaluated(text: string, start: number): Diagnostic {
  const lineEnd = text.indexOf('\n', start);
  const message = `KL Lens evaluates the first ${MAX_STATEMENTS.toLocaleString('en-US')} statements and ${MAX_CODE_LENGTH.toLocaleString('en-US')} characters of a document; this statement and the rest of the document are not evaluated.`;
  return warning('too-large', { start, end: lineEnd < 0 ? text.length : lineEnd }, message);
}

/** A result refused because the document would hold too many numbers with it. */
function overDocumentLimit(result: StatementResult, total: number, length: number, maxElements: number): StatementResult {
  const message = `With this value the document would hold ${total.toLocaleString('en-US')} numbers in all, over the limit of ${maxElements.toLocaleString('en-US')} (setting kl.limits.maxElements).`;
  return { units: result.units, ...(result.precision !== undefined ? { precision: result.precision } : {}), diagnostics: [error('too-large', { start: 0, end: length }, message)] };
}

/** Whether `cached` was computed from these units, precision, files and versions of the names read. */
function computedFrom(cached: CachedResult, units: UnitName, precision: number | undefined, files: string, reads: readonly string[], inputs: ReadonlyMap<string, Binding>): boolean {
  if (cached.units !== units || cached.precision !== precision || cached.files !== files) return false;
  for (let i = 0; i < reads.length; i++) if (cached.versions[i] !== (inputs.get(reads[i])?.version ?? 0)) return false;
  return true;
}

// The per-statement objects below are written out field by field: an object spread followed by more
// fields gives every object a hidden class of its own in V8 (two per statement, 4 MB for 10,000 lines).
function parseSource(text: string): ParsedSource {
  const { statement, diagnostics } = parseStatement(text);
  const { reads, loads } = dependencies(statement);
  return { statement, diagnostics, reads, loads };
}

const NOTHING_READ: readonly string[] = [];

/** The names a statement reads and the paths it gives to `load()` (string literals), in one walk. */
function dependencies(statement: Statement): { reads: readonly string[]; loads: readonly string[] } {
  const names = new Set<string>();
  const loads: string[] = [];
  for (const expression of statementExpressions(statement)) {
    walkExpression(expression, (node) => {
      if (node.type === 'name') names.add(node.name);
      else if (node.type === 'call' && node.callee === 'load' && node.args[0]?.type === 'string') loads.push(node.args[0].value);
    });
  }
  return { reads: names.size === 0 ? NOTHING_READ : [...names], loads: loads.length === 0 ? NOTHING_READ : loads };
}

function evaluateSource(text: string, parsed: ParsedSource, units: UnitName, precision: number | undefined, options: AnalysisOptions, inputs: ReadonlyMap<string, Binding>): { result: StatementResult; version?: number } {
  const diagnostics: Diagnostic[] = [];
  const context: EvaluationContext = {
    units,
    precision,
    limits: options.limits,
    ...(options.files ? { files: options.files } : {}),
    lookup: (name) => inputs.get(name),
    report: (diagnostic) => diagnostics.push(diagnostic),
    textOf: (span) => text.slice(span.start, span.end),
    work: { numbers: 0, refused: false },
  };
  const outcome = parsed.diagnostics.length > 0 ? undefined : evaluateStatement(parsed.statement, context, diagnostics);
  const result: StatementResult = { value: outcome?.value, check: outcome?.check, units, precision, diagnostics };
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
