// Rename a name everywhere it is assigned or read. Builtins, constants and
// names never assigned cannot be renamed, and a new name must be a valid name
// that does not already mean something here (that would change the document's meaning).
import { ResponseError, ErrorCodes, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { BUILTINS } from '../language/builtins';
import { isUserName, nameAt, occurrencesByName } from '../lsp/nameIndex';
import { rangeOf } from '../lsp/ranges';

const NAME = /^[\p{L}_][\p{L}\p{M}\p{N}_]*$/u;
const RESERVED = new Set(['units', 'base', 'precision', 'pi', 'π', 'e']);

export function prepareRename(analysis: Analysis, offset: number): { range: Range; placeholder: string } | null {
  const occurrence = nameAt(analysis, offset);
  if (!occurrence || !isUserName(analysis, occurrence.name)) return null;
  return { range: rangeOf(analysis, occurrence.span), placeholder: occurrence.name };
}

export function rename(uri: string, analysis: Analysis, offset: number, newName: string): WorkspaceEdit | ResponseError<void> | null {
  const occurrence = nameAt(analysis, offset);
  if (!occurrence || !isUserName(analysis, occurrence.name)) return null;
  if (!NAME.test(newName)) return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a name: use letters, digits and _, not starting with a digit.`);
  if (BUILTINS.has(newName) || RESERVED.has(newName)) return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is a built-in name of the language.`);
  if (newName !== occurrence.name && occurrencesByName(analysis).has(newName)) {
    return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is already used in this document; renaming to it would change what the statements mean.`);
  }
  const edits = (occurrencesByName(analysis).get(occurrence.name) ?? []).map((each) => ({ range: rangeOf(analysis, each.span), newText: newName }));
  return { changes: { [uri]: edits } };
}
