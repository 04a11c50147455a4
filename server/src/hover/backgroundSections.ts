// The hover sections of long measures, written by the background thread after
// it computed a document (analysisWorker.ts) and kept by the server's thread
// for the hovers to come (measureHover.ts, OUTCOMES_WRITTEN_HERE): the server's
// thread never writes them itself.
import type { Analysis } from '../language/analysis';
import type { MeasureDetail } from '../language/measureDetail';
import type { NumberValue } from '../language/values';
import { builtOnBackgroundThread } from './markdown';
import { OUTCOMES_WRITTEN_HERE, rememberSections, writtenSections } from './measureHover';
import { namesOf, topLevelCall } from './measureNames';
import type { Names } from './termByTerm';

/** The sections of one statement's measure, with the names they were written with; as Markdown sources, which a message between threads can carry. */
export interface StatementSections {
  statement: number;
  names: Names;
  sections: string[];
}

function longMeasure(value: unknown): (NumberValue & { detail: MeasureDetail }) | undefined {
  const number = value as NumberValue | undefined;
  const detail = number?.kind === 'number' ? number.detail : undefined;
  return detail?.kind === 'categorical' && detail.rows.length * detail.rows[0].p.length > OUTCOMES_WRITTEN_HERE ? (number as NumberValue & { detail: MeasureDetail }) : undefined;
}

/** The statements whose value is a measure of more than OUTCOMES_WRITTEN_HERE outcomes. */
export function longMeasureStatements(analysis: Analysis): number[] {
  const found: number[] = [];
  analysis.statements.forEach((analyzed, statement) => {
    if (longMeasure(analyzed.result.value)) found.push(statement);
  });
  return found;
}

/** Writes the sections of one of those statements. */
export function writeLongSections(analysis: Analysis, statement: number): StatementSections {
  const analyzed = analysis.statements[statement];
  const names = namesOf(analyzed, topLevelCall(analyzed));
  return { statement, names, sections: writtenSections(longMeasure(analyzed.result.value) as NumberValue & { detail: MeasureDetail }, names).map((section) => section.source) };
}

/** Keeps sections the background thread wrote for the same statements of `analysis` (its analysis, revived here). */
export function keepLongSections(analysis: Analysis, written: readonly StatementSections[]): void {
  for (const { statement, names, sections } of written) {
    const value = longMeasure(analysis.statements[statement]?.result.value);
    if (value) rememberSections(value.detail, names, sections.map(builtOnBackgroundThread));
  }
}
