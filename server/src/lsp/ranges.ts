// Engine spans (UTF-16 offsets of one analysed text) to LSP ranges and back.
import { CodeActionKind, type CodeActionParams, type Position, type Range } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import type { Span } from '../language/span';

export function rangeOf(analysis: Analysis, span: Span): Range {
  return { start: analysis.lineIndex.positionAt(span.start), end: analysis.lineIndex.positionAt(span.end) };
}

/** The offset of a position, or undefined when the position is not in the text (bad line or character). */
export function offsetOf(analysis: Analysis, position: Position): number | undefined {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0) return undefined;
  if (position.line >= analysis.lineIndex.lineCount) return undefined;
  return analysis.lineIndex.offsetAt(position);
}

/** The span a code-action request asks quick fixes for, or undefined when it asks for other kinds or its range is not in the text. */
export function quickFixSpan(analysis: Analysis, params: CodeActionParams): Span | undefined {
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return undefined;
  const start = offsetOf(analysis, params.range.start);
  const end = offsetOf(analysis, params.range.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}
