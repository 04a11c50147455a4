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
import { walkExpression, statementExpressions, type Statement, type UnitName } from './ast';
import { writtenOnOneLine } from './comments';
import { DEFAULT_LIMITS, type Binding, type EvaluationContext, type Limits } from './context';
import { error, warning, type Diagnostic } from './diagnostics';
import { buffersRead, newlyHeld, reachableBuffers } from './heldNumbers';
import type { FileHost } from './load/fileHost';
import { loadStamp } from './load/loadStamp';
import { findKlBlocks } from './markdown';
import { MAX_STATEMENT_LENGTH, parseStatement, type ParsedStatement } from './parser';
import { LineIndex, lineIndexSteps, shiftSpan, type Span } from './span';
import { NameNumbers, StatementNamesBuilder, type StatementNames } from './statementNames';
import { ownCopy, splitRange, splitStatements, type SourceStatement } from './statements';
import { evaluateStatement, notEvaluatedResult, type StatementResult } from './statementEvaluation';
import { textChange, type TextChange } from './textChange';

export type DocumentKind = 'kl' | 'markdown';

export interface AnalysisOptions {
  /** The units before any `units` directive (the user's setting). */
  defaultUnits: UnitName;
  limits: Limits;
  /** What `load()` may read (load/nodeFileHosts.ts builds one); absent: load() reports that files cannot be read. */
  files?: FileHost;
  /**
   * How long one statement may evaluate, in milliseconds; one that takes longer
   * is left pending (and so are the statements that read what it assigns), for
   * a background thread to compute. Absent: every statement is computed here,
   * however long it takes (the CLI, and that background thread). The LaTeX
   * math of a note has MATH_BUDGET_PER_STATEMENT_TIME times as long in all
   * (notes/documentAnalysis.ts): the formulas not checked by then are left for
   * the background thread too.
   */
  timePerStatement?: number;
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
  /** Statements left pending (see `AnalysisOptions.timePerStatement`), if any. */
  pending?: PendingWork;
}

export interface PendingWork {
  /** How many statements have no result yet. */
  statements: number;
  /** How many formulas of a note are not checked yet: the note's math ran out of time (see `AnalysisOptions.timePerStatement`). */
  formulas?: number;
  /**
   * Whether a statement ran out of time in this analysis, rather than only
   * reusing a pending result: what was being computed in the background for an
   * earlier version does not answer it.
   */
  timedOutNow: boolean;
}

/** What the next analysis of the same document reuses, statement by statement (aligned with `statements`). */
interface AnalysisReuse {
  cached: readonly CachedResult[];
  /** Each statement's diagnostics, in document offsets. */
  placed: readonly (readonly Diagnostic[])[];
  /** The names each statement assigns and reads. */
  names: StatementNames;
  /** The characters of KL code, counted as MAX_CODE_LENGTH counts them. */
  codeLength: number;
  /**
   * Where statements were cut short by the recovery rule: from each one's
   * start to the end of the last line its cut looked at, merged where they
   * overlap, in order. An edit in one splits again from its start.
   */
  recoveries: readonly Span[];
  /** Whether every statement was evaluated (the document is within MAX_STATEMENTS and MAX_CODE_LENGTH). */
  complete: boolean;
  /** The background thread stopped while the note's math was left to it: the next analysis checks it all here, in slices, rather than try again. */
  mathFailedInBackground?: boolean;
  /**
   * At least as many numbers as the results hold together: exactly that after
   * an analysis that went through every statement, more after edits (a
   * replaced result is not taken off); Infinity once a result was refused for
   * the document-wide limit.
   */
  heldBound: number;
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

/**
 * Where this thread's binding versions start. Analyses made on another thread
 * are reused here, so each thread numbers its versions in a range of its own.
 */
export function numberVersionsFrom(first: number): void {
  nextVersion = first;
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

/** Whether an analysis made with `a` can be reused by one with `b`. */
export function sameOptions(a: AnalysisOptions, b: AnalysisOptions): boolean {
  return a.defaultUnits === b.defaultUnits && a.limits.maxElements === b.limits.maxElements;
}

/**
 * Where the statements of a text come from: the first `kept` are the previous
 * analysis's, where they were; then `split`, split from the text again; then
 * the previous analysis's from `resumed` on, moved by `shift`. A whole
 * document is all `split`.
 */
interface Layout {
  kept: number;
  split: readonly SourceStatement[];
  resumed: number;
  shift: number;
  /** The edit, when the layout is one (the line index follows it). */
  change?: TextChange;
  codeLength: number;
  recoveries: readonly Span[];
  /** Where evaluation stops, past MAX_STATEMENTS or MAX_CODE_LENGTH. */
  notEvaluatedAt?: number;
}

const NO_STATEMENTS: readonly AnalyzedStatement[] = [];

/** Every statement of the text, up to the limits. */
function wholeLayout(text: string, regions: readonly Span[], previous: Analysis | undefined): Layout {
  // One past the limit: enough to know that the document goes on.
  const recovered: Span[] = [];
  const sources = splitStatements(text, regions, MAX_STATEMENTS + 1, recovered);
  const whole = { kept: 0, resumed: previous?.statements.length ?? 0, shift: text.length - (previous?.text.length ?? 0), recoveries: merged(recovered) };
  let codeLength = 0;
  for (let index = 0; index < sources.length; index++) {
    const length = countedLength(sources[index].text);
    if (index >= MAX_STATEMENTS || codeLength + length > MAX_CODE_LENGTH) return { ...whole, split: sources.slice(0, index), codeLength, notEvaluatedAt: sources[index].offset };
    codeLength += length;
  }
  return { ...whole, split: sources, codeLength };
}

/** A statement too long to read costs nothing: the parser refuses it unread. */
function countedLength(text: string): number {
  return text.length <= MAX_STATEMENT_LENGTH ? text.length : 0;
}

/**
 * The statements of a text edited from the previous analysis's: those before
 * the edited line stand (the one just before it may run into it, so it is
 * split again), and the text is split from there until a line after the edit
 * where the previous split had no statement open either; from that line on,
 * the previous statements stand, moved. Undefined where the edit changes the
 * `kl` blocks of a note, or the previous analysis or this one is past a limit:
 * then the text is analysed as a whole.
 */
function editLayout(previous: Analysis, text: string, regions: readonly Span[]): Layout | undefined {
  const reuse = previous.reuse;
  const old = previous.statements;
  // Names keep their numbers for the document's life: number afresh (as a whole) when the ones typed and gone outnumber the rest.
  if (!reuse.complete || reuse.heldBound === Infinity || reuse.names.numbers.size > 4 * old.length + 1024) return undefined;
  const change = textChange(previous.text, text);
  const shift = change.newEnd - change.oldEnd;
  if (regions.length !== previous.regions.length) return undefined;
  let edited: { now: Span; was: Span } | undefined;
  for (let i = 0; i < regions.length; i++) {
    const now = regions[i];
    const was = previous.regions[i];
    if (now.start === was.start && now.end === was.end && was.end < change.start) continue;
    if (was.start >= change.oldEnd && now.start === was.start + shift && now.end === was.end + shift) continue;
    if (!edited && now.start === was.start && was.start <= change.start && change.oldEnd <= was.end && now.end === was.end + shift) {
      edited = { now, was };
      continue;
    }
    return undefined;
  }
  if (!edited) {
    // The edit is outside the KL code of a note.
    const at = firstStatementFrom(old, change.start);
    return { kept: at, split: [], resumed: at, shift, change, codeLength: reuse.codeLength, recoveries: shiftedFrom(reuse.recoveries, change.start, shift) };
  }

  const { now, was } = edited;
  const lineStart = change.start === 0 ? 0 : text.lastIndexOf('\n', change.start - 1) + 1;
  const next = firstStatementFrom(old, lineStart);
  let kept = next > 0 && old[next - 1].source.offset >= was.start ? next - 1 : next;
  // A statement cut short by recovery looked at lines below it: an edit there may change where it ends.
  const recovery = lastStartingBefore(reuse.recoveries, lineStart);
  if (recovery && recovery.end >= lineStart && recovery.start >= was.start) kept = Math.min(kept, firstStatementFrom(old, recovery.start));
  const splitStart = kept < next ? old[kept].source.offset : lineStart;
  const split: SourceStatement[] = [];
  const recovered: Span[] = [];
  let resumed = -1;
  splitRange(text, splitStart, now.end, split, Infinity, (at) => {
    if (at < change.newEnd) return false;
    const then = at - shift;
    if (then !== was.start && previous.text.charCodeAt(then - 1) !== 10) return false;
    const index = firstStatementFrom(old, then);
    // A statement of the previous split that runs over this line: the split does not agree yet.
    if (index > 0 && old[index - 1].source.offset + old[index - 1].source.text.length >= then) return false;
    resumed = index;
    return true;
  }, recovered);
  if (resumed < 0) resumed = firstStatementFrom(old, was.end);
  // The previous cuts above the split stand; those from where the previous statements resume move with them.
  const resumedAt = resumed < old.length ? old[resumed].source.offset : was.end;
  const recoveries = merged([
    ...reuse.recoveries.filter((span) => span.start < splitStart),
    ...recovered,
    ...shiftedFrom(reuse.recoveries.filter((span) => span.start >= resumedAt), 0, shift),
  ]);

  // Nothing kept (the whole text replaced): as a whole, which counts the held numbers exactly.
  if (kept === 0 && resumed === old.length) return undefined;
  if (kept + split.length + old.length - resumed > MAX_STATEMENTS) return undefined;
  let codeLength = reuse.codeLength;
  for (let i = kept; i < resumed; i++) codeLength -= countedLength(old[i].source.text);
  for (const source of split) codeLength += countedLength(source.text);
  if (codeLength > MAX_CODE_LENGTH) return undefined;
  return { kept, split, resumed, shift, change, codeLength, recoveries };
}

const NO_RECOVERIES: readonly Span[] = Object.freeze([]);

/** Spans in order of their starts, merged where they overlap. */
function merged(spans: readonly Span[]): readonly Span[] {
  if (spans.length === 0) return NO_RECOVERIES;
  const result: Span[] = [];
  for (const span of spans) {
    const last = result.at(-1);
    if (last && span.start <= last.end) result[result.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else result.push(span);
  }
  return result;
}

/** The spans, those starting at or after `from` moved by `shift`. */
function shiftedFrom(spans: readonly Span[], from: number, shift: number): readonly Span[] {
  if (shift === 0 || spans.length === 0) return spans;
  return spans.map((span) => (span.start >= from ? { start: span.start + shift, end: span.end + shift } : span));
}

/** The last of the spans (in order, not overlapping) that starts before `offset`. */
function lastStartingBefore(spans: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? spans[low - 1] : undefined;
}

/** The index of the first statement that starts at or after `offset`. */
function firstStatementFrom(statements: readonly AnalyzedStatement[], offset: number): number {
  let low = 0;
  let high = statements.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (statements[mid].source.offset < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface Walked {
  statements: AnalyzedStatement[];
  reuse: AnalysisReuse;
  /** Whether a statement evaluated in this walk ran out of time. */
  timedOutNow: boolean;
}

/** One statement being gone through: where it is, its parse, and what the previous analysis had for it. */
interface Step {
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
type Unsettled = 'pending' | 'failed' | undefined;

function unsettled(assignment: AnalyzedStatement): Unsettled {
  return assignment.result.pending !== undefined ? 'pending' : assignment.binding ? undefined : 'failed';
}

/** The bindings a statement reads and its result: the previous ones where nothing it depends on changed, else evaluated now. */
function settledResult(
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
function settledStatement(step: Step, inputs: ReadonlyMap<string, Binding>, result: StatementResult, version: number | undefined, relocations?: Map<Binding, Binding>): { statement: AnalyzedStatement; placed: readonly Diagnostic[] } {
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
 * Goes through every statement of a whole document in order, parsing and
 * evaluating each, or taking the previous analysis's parse and result where
 * its text and what it depends on are the same. Counts the numbers the
 * results hold exactly.
 */
function* wholeWalk(options: AnalysisOptions, previous: Analysis | undefined, layout: Layout): Generator<void, Walked> {
  const sources = layout.split;
  const old = previous?.statements ?? NO_STATEMENTS;
  const reusable = previous !== undefined && sameOptions(previous.options, options);
  const counterparts = previous ? new Counterparts(previous, sources, 0, old.length, layout.shift) : undefined;
  const names = new StatementNamesBuilder(new NameNumbers());
  const statements: AnalyzedStatement[] = [];
  const cached: CachedResult[] = [];
  const placedHere: (readonly Diagnostic[])[] = [];
  // The statement that last assigned each name (a failed assignment too: it unbinds the name).
  const lastAssignment = new Map<string, number>();
  const bindingOf = (name: string) => {
    const assignment = lastAssignment.get(name);
    return assignment === undefined ? undefined : statements[assignment].binding;
  };
  const unsettledOf = (name: string) => {
    const assignment = lastAssignment.get(name);
    return assignment === undefined ? undefined : unsettled(statements[assignment]);
  };
  let units = options.defaultUnits;
  let precision: number | undefined;
  // The numbers the results hold, for the document-wide limit, and the buffers already counted.
  let heldNumbers = 0;
  const heldBuffers = new Set<ArrayBufferLike>();
  let refused = false;
  let timedOutNow = false;
  let unchangedSoFar = reusable;
  let sliceStart = performance.now();
  // Reading the clock costs about as much as a reused statement: read it after real work, or every 64 statements.
  let worked = false;

  for (let index = 0; index < sources.length; index++) {
    if ((worked || (index & 63) === 63) && performance.now() - sliceStart > SLICE_MILLISECONDS) {
      yield;
      sliceStart = performance.now();
    }
    worked = false;
    const source = sources[index];
    // The same statement in the previous analysis: at the same place, or moved by the edit.
    const was = counterparts?.of(index, source.text) ?? -1;
    const before = was >= 0 ? old[was] : undefined;
    // After the first analysis, a new statement is cut from its own copy of the text: a substring would keep the whole document's text alive.
    const statementText = before ? before.source.text : previous ? ownCopy(source.text) : source.text;
    let parsed = before?.parsed;
    if (!parsed) {
      parsed = parseSource(statementText);
      worked = true;
    }
    names.add(parsed);
    const statement = parsed.statement;
    if (statement.kind === 'directive' && parsed.diagnostics.length === 0) {
      if (statement.directive === 'units') units = statement.units;
      else precision = statement.digits;
    }
    const step: Step = {
      source: statementText === source.text ? source : { text: statementText, offset: source.offset },
      parsed,
      before,
      candidate: before && reusable ? (previous as Analysis).reuse.cached[was] : undefined,
      placedBefore: before && (previous as Analysis).reuse.placed[was],
      units,
      precision,
      asBefore: unchangedSoFar && was === index && (counterparts as Counterparts).unchangedAt(index) && parsed.loads.length === 0,
    };
    const reads = parsed.reads;
    const { inputs, settled, evaluated } = settledResult(step, options, (read) => bindingOf(reads[read]), (read) => unsettledOf(reads[read]));
    worked ||= evaluated;
    timedOutNow ||= evaluated && settled.result.pending === 'slow';
    cached.push(settled);
    let result = settled.result;
    let version = settled.version;
    const held = newlyHeld(settled.held, heldBuffers);
    if (heldNumbers + held.numbers > options.limits.maxElements) {
      // Whether it fits depends on the statements above: decided again by every analysis that counts.
      result = overDocumentLimit(result, heldNumbers + held.numbers, source.text.length, options.limits.maxElements);
      version = undefined;
      refused = true;
    } else {
      heldNumbers += held.numbers;
      for (const buffer of held.buffers) heldBuffers.add(buffer);
    }
    const made = settledStatement(step, inputs, result, version);
    statements.push(made.statement);
    placedHere.push(made.placed);
    if (statement.kind === 'assignment') lastAssignment.set(statement.name, index);
    unchangedSoFar &&= made.statement === before && was === index;
  }
  return {
    statements,
    reuse: { cached, placed: placedHere, names: names.build(), codeLength: layout.codeLength, recoveries: layout.recoveries, complete: layout.notEvaluatedAt === undefined, heldBound: refused ? Infinity : heldNumbers },
    timedOutNow,
  };
}

/**
 * Goes through the statements of an edit in order. The split statements are
 * evaluated, or their previous results reused where nothing they depend on
 * changed; the others are the previous analysis's, looked at only when they
 * load files, read a name whose binding changed, or are below a `units` or
 * `precision` that changed. Undefined when the results may be over the
 * document-wide limit: only a walk through every statement counts them exactly.
 */
function* editWalk(options: AnalysisOptions, previous: Analysis, layout: Layout): Generator<void, Walked | undefined> {
  const { kept, split, resumed, shift } = layout;
  const old = previous.statements;
  const reuse = previous.reuse;
  const counterparts = new Counterparts(previous, split, kept, resumed, shift);
  let sliceStart = performance.now();

  // The split statements' parses (the previous analysis's where the text is the same), and the names of all.
  const namesBuilder = new StatementNamesBuilder(reuse.names.numbers);
  namesBuilder.addFrom(reuse.names, 0, kept);
  const parsedSplit: ParsedSource[] = [];
  const wasSplit: number[] = [];
  // The split statements with texts of their own (the previous statement's, or a copy): a substring would keep the whole document's text alive.
  const splitSources: SourceStatement[] = [];
  for (let k = 0; k < split.length; k++) {
    const was = counterparts.of(k, split[k].text);
    const text = was >= 0 ? old[was].source.text : ownCopy(split[k].text);
    const parsed = was >= 0 ? old[was].parsed : parseSource(text);
    splitSources.push({ text, offset: split[k].offset });
    wasSplit.push(was);
    parsedSplit.push(parsed);
    namesBuilder.add(parsed);
    if (was < 0 && performance.now() - sliceStart > SLICE_MILLISECONDS) {
      yield;
      sliceStart = performance.now();
    }
  }
  namesBuilder.addFrom(reuse.names, resumed, old.length);
  const names = namesBuilder.build();

  const count = names.count;
  const splitEnd = kept + split.length;
  // A statement after the split was at its index minus `indexShift` in the previous analysis.
  const indexShift = splitEnd - resumed;
  const statements: AnalyzedStatement[] = [];
  const cached: CachedResult[] = [];
  const placedHere: (readonly Diagnostic[])[] = [];
  // The results evaluated now are added to the bound; those they replace are not taken off.
  let heldBound = reuse.heldBound;
  // Bindings replaced by a copy at their new place (same value and version), so the readers below take the copy.
  const relocations = new Map<Binding, Binding>();
  // The names whose binding in force differs from the previous analysis's at the same statement, marked 1.
  const changedNames = new Uint8Array(names.numbers.size);
  let changedCount = 0;
  let timedOutNow = false;
  let unitsChanged = false;
  let nextLoader = 0;
  let unchangedSoFar = true;
  // The units and precision the statement at `aboveIndex` was evaluated in (before the first: the defaults).
  let aboveIndex = -1;
  let aboveUnits = options.defaultUnits;
  let abovePrecision: number | undefined;
  // Reading the clock costs about as much as a kept statement: read it after real work, or every 64 statements.
  let worked = false;

  const bindingAt = (name: number, index: number): Binding | undefined => {
    const assignment = names.lastAssignmentBefore(name, index);
    return assignment < 0 ? undefined : statements[assignment].binding;
  };
  const unsettledAt = (name: number, index: number): Unsettled => {
    const assignment = names.lastAssignmentBefore(name, index);
    return assignment < 0 ? undefined : unsettled(statements[assignment]);
  };
  const relocated = (binding: Binding | undefined) => (binding && relocations.get(binding)) ?? binding;
  const mark = (name: number, changed: boolean) => {
    const flag = changed ? 1 : 0;
    if (changedNames[name] === flag) return;
    changedNames[name] = flag;
    changedCount += changed ? 1 : -1;
  };
  /** After the split: which names and units are in force differently than in the previous analysis at the same place. */
  const compareAfterSplit = () => {
    const compare = (name: number) => {
      const assignment = reuse.names.lastAssignmentBefore(name, resumed);
      const then = assignment < 0 ? undefined : old[assignment];
      mark(name, bindingAt(name, splitEnd) !== relocated(then?.binding) || unsettledAt(name, splitEnd) !== (then && unsettled(then)));
    };
    for (let i = kept; i < resumed; i++) if (reuse.names.assigned[i] >= 0) compare(reuse.names.assigned[i]);
    for (let i = kept; i < splitEnd; i++) if (names.assigned[i] >= 0) compare(names.assigned[i]);
    const now = splitEnd > 0 ? statements[splitEnd - 1].result : undefined;
    const then = resumed > 0 ? old[resumed - 1].result : undefined;
    unitsChanged = (now?.units ?? options.defaultUnits) !== (then?.units ?? options.defaultUnits) || now?.precision !== then?.precision;
  };

  for (let index = 0; index < count; index++) {
    if ((worked || (index & 63) === 63) && performance.now() - sliceStart > SLICE_MILLISECONDS) {
      yield;
      sliceStart = performance.now();
    }
    worked = false;
    if (index === splitEnd) compareAfterSplit();
    const inSplit = index >= kept && index < splitEnd;
    const was = inSplit ? wasSplit[index - kept] : index < kept ? index : index - indexShift;
    const before = was >= 0 ? old[was] : undefined;

    if (!inSplit) {
      while (nextLoader < names.loaders.length && names.loaders[nextLoader] < index) nextLoader++;
      const looked = unitsChanged || names.loaders[nextLoader] === index || (changedCount > 0 && names.readsMarked(index, changedNames));
      if (!looked) {
        // As it was: the previous analysis's statement (below the edit, moved with the text).
        const unchanged = before as AnalyzedStatement;
        const statement = index < kept || (shift === 0 && relocations.size === 0) ? unchanged : relocatedStatement(unchanged, shift, relocations);
        statements.push(statement);
        cached.push(reuse.cached[was]);
        // Diagnostics are rare: only a statement that has some places them again.
        const placedBefore = reuse.placed[was];
        placedHere.push(statement === unchanged || placedBefore.length === 0 ? placedBefore : placedOf(statement));
        if (names.assigned[index] >= 0) mark(names.assigned[index], false);
        unchangedSoFar &&= statement === unchanged && was === index;
        continue;
      }
    }

    const parsed = inSplit ? parsedSplit[index - kept] : (before as AnalyzedStatement).parsed;
    const statement = parsed.statement;
    if (aboveIndex !== index - 1) {
      // The statement above was kept as it was: its result says in what it was evaluated.
      const above = statements[index - 1].result;
      aboveUnits = above.units;
      abovePrecision = above.precision;
    }
    let units = aboveUnits;
    let precision = abovePrecision;
    if (statement.kind === 'directive' && parsed.diagnostics.length === 0) {
      if (statement.directive === 'units') units = statement.units;
      else precision = statement.digits;
    }
    const step: Step = {
      source: inSplit ? splitSources[index - kept] : shift === 0 || index < kept ? (before as AnalyzedStatement).source : { text: (before as AnalyzedStatement).source.text, offset: (before as AnalyzedStatement).source.offset + shift },
      parsed,
      before,
      candidate: before && reuse.cached[was],
      placedBefore: before && reuse.placed[was],
      units,
      precision,
      asBefore: unchangedSoFar && inSplit && counterparts.unchangedAt(index - kept) && parsed.loads.length === 0,
    };
    const readsFrom = names.readStarts[index];
    const { inputs, settled, evaluated } = settledResult(
      step,
      options,
      (read) => bindingAt(names.reads[readsFrom + read], index),
      (read) => unsettledAt(names.reads[readsFrom + read], index),
    );
    if (evaluated) {
      worked = true;
      timedOutNow ||= settled.result.pending === 'slow';
      // What it read is counted with the statements that made it (a measure keeps its arguments for the hover).
      if (settled.held.length > 0) heldBound += newlyHeld(settled.held, buffersRead(inputs)).numbers;
    }
    cached.push(settled);
    const made = settledStatement(step, inputs, settled.result, settled.version, relocations);
    statements.push(made.statement);
    placedHere.push(made.placed);
    if (!inSplit && before) {
      const pendingChanged = (made.statement.result.pending !== undefined) !== (before.result.pending !== undefined);
      if (names.assigned[index] >= 0) mark(names.assigned[index], made.statement.binding !== relocated(before.binding) || pendingChanged);
      unitsChanged = units !== before.result.units || precision !== before.result.precision;
    }
    unchangedSoFar &&= made.statement === before && was === index;
    aboveIndex = index;
    aboveUnits = units;
    abovePrecision = precision;
  }
  if (heldBound > options.limits.maxElements) return undefined;
  return { statements, reuse: { cached, placed: placedHere, names, codeLength: layout.codeLength, recoveries: layout.recoveries, complete: true, heldBound }, timedOutNow };
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** A statement's diagnostics in document offsets, pointing at the definitions involved. */
function placedOf({ source, parsed, result, inputs }: AnalyzedStatement): readonly Diagnostic[] {
  if (parsed.diagnostics.length + result.diagnostics.length === 0) return NO_DIAGNOSTICS;
  return [...parsed.diagnostics, ...result.diagnostics].map((diagnostic) => placed(diagnostic, source.offset, inputs));
}

/**
 * A statement the edit did not change, moved by `shift` with the text, reading
 * the relocated copies of the bindings that moved. Its binding, if it made
 * one, is copied to the new place too (and recorded in `relocations`).
 */
function relocatedStatement(statement: AnalyzedStatement, shift: number, relocations: Map<Binding, Binding>): AnalyzedStatement {
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

/**
 * Where each statement split from the text was in the previous analysis,
 * among the statements [from, to) it replaces. An edit leaves a run of
 * statements at the start where they were (same text, same offset), and a run
 * at the end moved by the change of length; only between them are statements
 * looked for by their text (a pasted or moved block).
 */
class Counterparts {
  private readonly before: number;
  private readonly after: number;
  /** The statements between the runs not taken yet, by text: for each text, their indices from the last to the first. */
  private byText: Map<string, number[]> | undefined;

  constructor(
    private readonly previous: Analysis,
    private readonly split: readonly SourceStatement[],
    private readonly from: number,
    private readonly to: number,
    shift: number,
  ) {
    const old = previous.statements;
    const most = Math.min(to - from, split.length);
    let before = 0;
    while (before < most && old[from + before].source.offset === split[before].offset && old[from + before].source.text === split[before].text) before++;
    let after = 0;
    while (after < most - before) {
      const was = old[to - 1 - after].source;
      const now = split[split.length - 1 - after];
      if (was.offset + shift !== now.offset || was.text !== now.text) break;
      after++;
    }
    this.before = before;
    this.after = after;
  }

  /** Whether the split statement `k` and all above it are where they were, with the same text. */
  unchangedAt(k: number): boolean {
    return k < this.before;
  }

  /**
   * The index in the previous analysis of split statement `k`, whose text is
   * `text`, or −1. Asked once for each `k`: a statement found by its text is
   * taken, so that two statements of the same text have two counterparts (or
   * one is new), each with its own result, as in a fresh analysis.
   */
  of(k: number, text: string): number {
    if (k < this.before) return this.from + k;
    const fromEnd = this.split.length - k;
    if (fromEnd <= this.after) return this.to - fromEnd;
    if (!this.byText) {
      this.byText = new Map();
      for (let i = this.to - this.after - 1; i >= this.from + this.before; i--) {
        const text = this.previous.statements[i].source.text;
        const same = this.byText.get(text);
        if (same) same.push(i);
        else this.byText.set(text, [i]);
      }
    }
    return this.byText.get(text)?.pop() ?? -1;
  }
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

/** The warning where evaluation stops: on the first line of the first statement not evaluated. */
function notEvaluated(text: string, start: number): Diagnostic {
  const lineEnd = text.indexOf('\n', start);
  const message = `KL Lens evaluates the first ${MAX_STATEMENTS.toLocaleString('en-US')} statements and ${MAX_CODE_LENGTH.toLocaleString('en-US')} characters of a document; this statement and the rest of the document are not evaluated.`;
  return warning('too-large', { start, end: lineEnd < 0 ? text.length : lineEnd }, message);
}

/** A result refused because the document would hold too many numbers with it. */
function overDocumentLimit(result: StatementResult, total: number, length: number, maxElements: number): StatementResult {
  const message = `With this value the document would hold ${total.toLocaleString('en-US')} numbers in all, over the limit of ${maxElements.toLocaleString('en-US')} (setting kl.limits.maxElements).`;
  return { value: undefined, check: undefined, units: result.units, precision: result.precision, diagnostics: [error('too-large', { start: 0, end: length }, message)], pending: undefined };
}

function pendingResult(pending: StatementResult['pending'], units: UnitName, precision: number | undefined): StatementResult {
  return { value: undefined, check: undefined, units, precision, diagnostics: [], pending };
}

/** Whether `cached` was computed from these units, precision, files and versions of the names read. */
function computedFrom(cached: CachedResult, units: UnitName, precision: number | undefined, files: string, reads: readonly string[], inputs: ReadonlyMap<string, Binding>): boolean {
  if (cached.units !== units || cached.precision !== precision || cached.files !== files) return false;
  for (let i = 0; i < reads.length; i++) if (cached.versions[i] !== (inputs.get(reads[i])?.version ?? 0)) return false;
  return true;
}

function parseSource(text: string): ParsedSource {
  const { statement, diagnostics } = parseStatement(text);
  const { reads, loads } = dependencies(statement);
  // Not a spread: see evaluateSource.
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
    textOf: (span) => writtenOnOneLine(text.slice(span.start, span.end)),
    work: { numbers: 0, refused: false, ...(options.timePerStatement !== undefined ? { deadline: performance.now() + options.timePerStatement } : {}) },
  };
  const outcome = parsed.diagnostics.length > 0 ? undefined : evaluateStatement(parsed.statement, context, diagnostics);
  // Out of time, what it computed is incomplete: nothing of it is kept, not even its diagnostics.
  if (context.work?.outOfTime) return { result: pendingResult('slow', units, precision) };
  // Every property written out, not spread: in optimised code a spread gives each object a hidden class of its own
  // (V8 11, Node 20), about 200 bytes kept per statement, and slow reads of the results everywhere.
  const result: StatementResult = { value: outcome?.value, check: outcome?.check, units, precision, diagnostics, pending: undefined };
  return parsed.statement.kind === 'assignment' ? { result, version: nextVersion++ } : { result };
}

/** Moves a statement's diagnostic into document offsets and points it at the definitions involved. */
function placed(diagnostic: Diagnostic, offset: number, inputs: ReadonlyMap<string, Binding>): Diagnostic {
  const related = (diagnostic.related ?? []).map((info) => ({ ...info, span: shiftSpan(info.span, offset) }));
  if (diagnostic.code !== 'syntax' && diagnostic.code !== 'unknown-name' && diagnostic.code !== 'input-error') {
    for (const binding of inputs.values()) related.push({ span: binding.definition, message: `${binding.name} is defined here` });
  }
  return { ...diagnostic, span: shiftSpan(diagnostic.span, offset), ...(related.length > 0 ? { related } : {}) };
}

/**
 * The analysis with its pending statements failed with `reason` (the
 * background thread that computed them stopped), as the previous analysis of
 * the next one: that one reuses the failure while the statement and what it
 * reads stay the same, instead of trying again, and reports what depends on it.
 */
export function failPending<A extends Analysis>(analysis: A, reason: string): A {
  if (!analysis.pending) return analysis;
  const cached = [...analysis.reuse.cached];
  const placedDiagnostics = [...analysis.reuse.placed];
  const statements = analysis.statements.map((analyzed, index) => {
    // What waited for it is evaluated again by the next analysis, and reports that the name has no value.
    if (analyzed.result.pending !== 'slow') return analyzed;
    const { source, inputs } = analyzed;
    const message = `KL Lens could not compute this statement in the background: ${reason}.`;
    const result: StatementResult = { ...analyzed.result, diagnostics: [error('not-computed', { start: 0, end: source.text.length }, message)], pending: undefined };
    cached[index] = { ...cached[index], result };
    placedDiagnostics[index] = result.diagnostics.map((diagnostic) => placed(diagnostic, source.offset, inputs));
    return { ...analyzed, result };
  });
  // Not complete: the next analysis goes through every statement, so that what waited for these is evaluated again.
  const reuse = { ...analysis.reuse, cached, placed: placedDiagnostics, complete: false, ...(analysis.pending.formulas ? { mathFailedInBackground: true } : {}) };
  // Whatever the layer above added (a note's math) is kept as it was.
  const failed = { ...analysis, statements, diagnostics: placedDiagnostics.flat(), reuse };
  delete failed.pending;
  return failed;
}

/**
 * An analysis as it crosses threads: plain data, without what is made of
 * classes (rebuilt by `revivedAnalysis`); what a layer above added (a note's
 * math, `A`) crosses as it is.
 */
export type TransferredAnalysis<A extends Analysis = Analysis> = Omit<A, 'lineIndex' | 'reuse'> & { reuse: Omit<AnalysisReuse, 'names'> };

/** What crosses to another thread of an analysis (structured clone keeps data, not classes); the file host stays behind too. */
export function transferredAnalysis<A extends Analysis>(analysis: A): TransferredAnalysis<A> {
  const { lineIndex: _lineIndex, options, reuse, ...rest } = analysis;
  const { names: _names, ...data } = reuse;
  return { ...rest, options: { defaultUnits: options.defaultUnits, limits: options.limits }, reuse: data } as TransferredAnalysis<A>;
}

/** An analysis from another thread, with its line index and statement names made again here, and this thread's file host. */
export function revivedAnalysis<A extends Analysis>(transferred: TransferredAnalysis<A>, files: FileHost | undefined): A {
  const names = new StatementNamesBuilder(new NameNumbers());
  for (const { parsed } of transferred.statements) names.add(parsed);
  const options = files ? { ...transferred.options, files } : transferred.options;
  return { ...transferred, options, lineIndex: new LineIndex(transferred.text), reuse: { ...transferred.reuse, names: names.build() } } as A;
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
