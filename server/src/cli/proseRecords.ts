// The values in prose of a note (notes/proseValues.ts) as CLI records: kind
// `expression`, as a statement's, with `"prose": true`, the column of the
// span's opening backtick and the expression as written (`source`), so that
// `file:line:col` finds it. A span with an error has `value: null` (its
// warning is among the diagnostics).
import type { DocumentAnalysis } from '../notes/documentAnalysis';
import { jsonValue, type FullNumbers } from './jsonValue';
import type { StatementRecord } from './reportRecords';

export function proseRecords(analysis: DocumentAnalysis, entries: number, full: FullNumbers | undefined): StatementRecord[] {
  return (analysis.prose?.values ?? []).map((prose) => {
    const start = analysis.lineIndex.positionAt(prose.span.start);
    const value = prose.value;
    const record: StatementRecord = {
      line: start.line + 1,
      column: start.character + 1,
      kind: 'expression',
      prose: true,
      value: jsonValue(value, entries, full),
      source: prose.source,
    };
    const unit = value && (value.kind === 'number' || value.kind === 'vector' || value.kind === 'matrix') ? value.unit : undefined;
    if (unit) record.unit = unit;
    if (value?.kind === 'number' && value.precise) record.precise = value.precise;
    return record;
  });
}
