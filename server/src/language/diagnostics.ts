// Diagnostics are values in the engine: every stage returns them, none throws.
import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable codes: tests, quick fixes and `--json` consumers match on them. */
export type DiagnosticCode =
  | 'syntax'
  | 'too-deep'
  | 'unknown-name'
  | 'input-error'
  | 'unknown-function'
  | 'argument-count'
  | 'type-mismatch'
  | 'length-mismatch'
  | 'not-normalized'
  | 'negative-probability'
  | 'non-finite'
  | 'out-of-range'
  | 'not-a-number'
  | 'infinite-divergence'
  | 'check-failed'
  | 'empty-check'
  | 'math-check-failed'
  | 'bad-directive'
  | 'duplicate-label'
  | 'too-large'
  | 'untrusted'
  | 'load-refused'
  | 'load-error'
  | 'domain'
  | 'not-differentiable'
  | 'independent-of-variable'
  | 'not-computed';

export interface RelatedInformation {
  span: Span;
  message: string;
}

export interface Diagnostic {
  span: Span;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  related?: RelatedInformation[];
}

export function error(code: DiagnosticCode, span: Span, message: string): Diagnostic {
  return { span, severity: 'error', code, message };
}

export function warning(code: DiagnosticCode, span: Span, message: string): Diagnostic {
  return { span, severity: 'warning', code, message };
}
