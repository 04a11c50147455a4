// Highlights every assignment (write) and use (read) of the name under the cursor.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { isUserName, nameAt, occurrencesByName } from '../language/nameIndex';
import { rangeOf } from '../lsp/ranges';

export function documentHighlights(analysis: Analysis, offset: number): DocumentHighlight[] {
  const occurrence = nameAt(analysis, offset);
  if (!occurrence || !isUserName(analysis, occurrence.name)) return [];
  return (occurrencesByName(analysis).get(occurrence.name) ?? []).map((each) => ({
    range: rangeOf(analysis, each.span),
    kind: each.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
