// Test helpers: analyse a document and pick out what a user would look at.
import { type Analysis, type DocumentKind } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import type { UnitName } from '../../server/src/language/ast';
import type { Value } from '../../server/src/language/values';

export function analysisOf(text: string, kind: DocumentKind = 'kl', defaultUnits: UnitName = 'nats'): Analysis {
  return analyze(text, kind, { defaultUnits, limits: { maxElements: 10_000_000 } });
}

/** The value of the document's last statement. */
export function lastValue(text: string, kind: DocumentKind = 'kl'): Value | undefined {
  const analysis = analysisOf(text, kind);
  return analysis.statements.at(-1)?.result.value;
}

export function lastNumber(text: string): number {
  const value = lastValue(text);
  if (value?.kind !== 'number') throw new Error(`expected a number from:\n${text}\ngot ${JSON.stringify(value)}; diagnostics: ${JSON.stringify(analysisOf(text).diagnostics)}`);
  return value.value;
}

export function codes(text: string, kind: DocumentKind = 'kl'): string[] {
  return analysisOf(text, kind).diagnostics.map((d) => d.code);
}

export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}
