// Find references: every assignment and use of the name under the cursor.
// A name is one variable through all its reassignments (`P = P * 2` keeps P),
// so all of them are listed, as rename changes all of them.
import type { Location } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { isUserName, nameAt, occurrencesByName } from '../language/nameIndex';
import { rangeOf } from '../lsp/ranges';

export function references(uri: string, analysis: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const occurrence = nameAt(analysis, offset);
  if (!occurrence || !isUserName(analysis, occurrence.name)) return [];
  return (occurrencesByName(analysis).get(occurrence.name) ?? [])
    .filter((each) => includeDeclaration || each.role === 'use')
    .map((each) => ({ uri, range: rangeOf(analysis, each.span) }));
}
