// What an analysis of a document's KL code holds: its statements with their
// parses, values and bindings, its diagnostics, and the caches the next
// analysis of the same document reuses. Only data: the modules beside this one
// make it (see language/analysis.ts), and every consumer reads it.
import type { UnitName } from '../ast';
import { DEFAULT_LIMITS, type Binding, type Limits } from '../context';
import type { Diagnostic } from '../diagnostics';
import type { FileHost } from '../load/fileHost';
import type { ParsedStatement } from '../parser';
import type { LineIndex, Span } from '../span';
import type { StatementNames } from '../statementNames';
import type { SourceStatement } from '../statements';
import type { StatementResult } from '../statementResult';

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
   * the background thread too. A hover that evaluates a measure inside a
   * statement has this long too (hover/nestedMeasure.ts).
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

/**
 * What is left to a background thread. Part of the analysis, not of the
 * worker (lsp/backgroundAnalysis.ts): the analysis decides what is pending,
 * and the note layer adds the formulas it left.
 */
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
export interface AnalysisReuse {
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
export interface CachedResult {
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
