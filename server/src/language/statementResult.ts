// What evaluating one statement gives: its value, a check's verdict and
// sides, its diagnostics. Types only, apart from the evaluation
// (statementEvaluation.ts), so that what a kind of statement evaluates in a
// module of its own (generalChecks.ts) shares them without importing back.
import type { UnitName } from './ast';
import type { CheckEntries } from './checkEntries';
import type { Tolerance } from './checks';
import type { Diagnostic } from './diagnostics';
import type { GeneralVerdict } from './generalRelations';
import type { Value } from './values';

export interface CheckResult {
  pass: boolean;
  /** The left side's value. */
  actual: Value;
  /** The right side's value. */
  expected: Value;
  /** The numbers compared, entry by entry (aligned by label for labelled distributions). */
  entries: CheckEntries;
  /** One tolerance per compared number (one for scalars). */
  tolerances: Tolerance[];
  /** The largest absolute difference between the sides. */
  difference: number;
  /** The entries (0-based, into `entries`) that are out of tolerance. */
  failedEntries: number[];
  /** A `for P, Q:` check (generalChecks.ts): the samples, and the counterexample where it fails (then `actual` and `expected` are its sides). */
  general?: GeneralVerdict;
}

export interface StatementResult {
  value?: Value;
  check?: CheckResult;
  units: UnitName;
  precision?: number;
  diagnostics: Diagnostic[];
  /**
   * No result yet, computed in the background: the statement took too long for
   * this thread ('slow'), or it reads the value of one that did ('reads-pending').
   */
  pending?: 'slow' | 'reads-pending';
}
