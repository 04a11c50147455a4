// Go to definition: the assignment that made the value a name reads there.
import type { Location } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { nameAt } from '../language/nameIndex';
import { rangeOf } from '../lsp/ranges';

export function definition(uri: string, analysis: Analysis, offset: number): Location | null {
  const occurrence = nameAt(analysis, offset);
  if (!occurrence) return null;
  const span = occurrence.role === 'definition' ? occurrence.span : occurrence.binding?.definition;
  return span ? { uri, range: rangeOf(analysis, span) } : null;
}
