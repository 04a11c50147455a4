// The records of the `--json` contract (docs/cli.md): what report.ts builds,
// and mathRecords.ts and textReport.ts read.
import type { Severity } from '../language/diagnostics';
import type { JsonValue } from './jsonValue';

export interface StatementRecord {
  /** Notebooks: the 1-based cell, counting every cell; `line` and `column` are then within it. */
  cell?: number;
  line: number;
  /** `math`: a relation of the LaTeX math of a note (see docs/math-checking.md). */
  kind: 'assignment' | 'expression' | 'check' | 'directive' | 'math';
  /** Math relations: where the relation starts (1-based) and which it is (`=`, `≈`, `<`…). */
  column?: number;
  relation?: string;
  name?: string;
  value: JsonValue;
  unit?: string;
  /** The value at `precision N`, as a decimal string. */
  precise?: string;
  expected?: JsonValue;
  tolerance?: number | string;
  relative?: boolean;
  pass?: boolean;
  /** Math relations about any distribution: the distributions' names and how many samples counted. */
  general?: { distributions: string[]; samples: number };
  /** Where such a relation fails: each distribution's entries. */
  counterexample?: Record<string, JsonValue>;
  /** The right statement (LaTeX), where a side is a measure with a known identity or bound. */
  identity?: string;
  /** Not evaluated because these names it reads have an error where they are assigned. */
  inputsInError?: string[];
  /** The statement as written (human output only, except for math relations: their LaTeX is in the JSON). */
  source: string;
}

export interface DiagnosticRecord {
  /** Notebooks: the 1-based cell, counting every cell; lines and columns are then within it. */
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface FileReport {
  file: string;
  statements: StatementRecord[];
  diagnostics: DiagnosticRecord[];
}
