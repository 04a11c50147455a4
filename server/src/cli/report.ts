// What the CLI reports about one file, in the shape of the `--json` contract;
// the human output is written from the same records.
import type { Analysis } from '../language/analysis';
import type { Severity } from '../language/diagnostics';
import { jsonNumber, jsonValue, type JsonValue } from './jsonValue';
import { mathRecords } from './mathRecords';
import { inputsInError } from '../language/statementEvaluation';

export interface StatementRecord {
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
  /** Not evaluated because these names it reads have an error where they are assigned. */
  inputsInError?: string[];
  /** The statement as written (human output only, except for math relations: their LaTeX is in the JSON). */
  source: string;
}

export interface DiagnosticRecord {
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

/** The report of one analysed file; `entries` cuts long vectors (the human output shows a few). */
export function reportOf(file: string, analysis: Analysis, entries = Infinity): FileReport {
  const statements: StatementRecord[] = [];
  for (const { source, parsed, result } of analysis.statements) {
    const statement = parsed.statement;
    if (statement.kind === 'blank') continue;
    const record: StatementRecord = {
      line: analysis.lineIndex.positionAt(source.offset).line + 1,
      kind: statement.kind,
      value: statement.kind === 'directive' ? (statement.directive === 'units' ? statement.units : statement.digits) : jsonValue(result.value, entries),
      source: source.text,
    };
    if (statement.kind === 'assignment') record.name = statement.name;
    const failedInputs = inputsInError(result, source.text);
    if (failedInputs.length > 0) record.inputsInError = failedInputs;
    const value = result.value;
    const unit = value && (value.kind === 'number' || value.kind === 'vector' || value.kind === 'matrix') ? value.unit : undefined;
    if (unit) record.unit = unit;
    if (value?.kind === 'number' && value.precise) record.precise = value.precise;
    const check = result.check;
    if (check) {
      record.expected = jsonValue(check.expected, entries);
      const widest = check.tolerances.reduce((a, b) => (b.value > a.value ? b : a));
      record.tolerance = jsonNumber(widest.value);
      if (widest.kind === 'relative') record.relative = true;
      record.pass = check.pass;
    } else if (statement.kind === 'check') {
      record.pass = false;
    }
    statements.push(record);
  }
  statements.push(...mathRecords(analysis));
  statements.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  const diagnostics = analysis.diagnostics.map((diagnostic): DiagnosticRecord => {
    const start = analysis.lineIndex.positionAt(diagnostic.span.start);
    const end = analysis.lineIndex.positionAt(diagnostic.span.end);
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
    };
  });
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, statements, diagnostics };
}

/** The JSON document of the contract: `source` is for humans and left out. */
export function jsonReport(reports: readonly FileReport[]): string {
  const files = reports.map((report) => ({
    file: report.file,
    statements: report.statements.map((record) => {
      const { source: _source, ...rest } = record;
      return record.kind === 'math' ? record : rest;
    }),
    diagnostics: report.diagnostics,
  }));
  return JSON.stringify({ files }, null, 2);
}
