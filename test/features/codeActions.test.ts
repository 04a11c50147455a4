// Quick fixes, applied to the text as the editor would apply them, answered in
// process (test/support/markedDocument.ts).
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../lsp/lspSession';
import { FeatureDocument } from '../support/markedDocument';

const opened = new Map<string, FeatureDocument>();
let documents = 0;

/** Opens the text, asks for the fixes of the diagnostic with `code` (or at `needle`), and returns them. */
async function fixesFor(text: string, where: { code?: string; needle?: string }): Promise<{ uri: string; actions: CodeAction[]; diagnostics: Diagnostic[] }> {
  const uri = `file:///actions/${++documents}.kl`;
  const document = new FeatureDocument(text, { uri });
  opened.set(uri, document);
  const diagnostics = document.diagnostics();
  const diagnostic = where.code ? diagnostics.find((each) => each.code === where.code) : undefined;
  if (where.code && !diagnostic) throw new Error(`no ${where.code} in ${JSON.stringify(diagnostics)}`);
  const position = where.needle ? document.positionOf(where.needle) : undefined;
  const range = diagnostic ? diagnostic.range : { start: position as { line: number; character: number }, end: position as { line: number; character: number } };
  const actions = document.codeActions(range, diagnostic ? [diagnostic] : []);
  return { uri, actions, diagnostics };
}

function documentOf(uri: string): FeatureDocument {
  const document = opened.get(uri);
  if (!document) throw new Error(`${uri} is not open`);
  return document;
}

function applied(uri: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri] as TextEdit[];
  return applyEdits(documentOf(uri).text, edits);
}

describe('wrap in normalize(...)', () => {
  it('wraps the vector literal that does not sum to 1, and then the warning is gone', async () => {
    const { uri, actions, diagnostics } = await fixesFor('H([3, 1])\n', { code: 'not-normalized' });
    const [fix] = actions;
    expect(fix.title).toBe('Wrap [3, 1] in normalize(...)');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([diagnostics[0]]);
    const text = applied(uri, fix);
    expect(text).toBe('H(normalize([3, 1]))\n');
    documentOf(uri).edit([{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: text }]);
    expect(documentOf(uri).diagnostics()).toEqual([]);
  });

  it('follows a name to its definition and wraps the literal there', async () => {
    const { uri, actions } = await fixesFor('P = {cat: 7, dog: 3}\nQ = {cat: 0.5, dog: 0.5}\nKL(P || Q)\n', { code: 'not-normalized' });
    expect(actions[0].title).toBe('Wrap {cat: 7, dog: 3} in normalize(...) (the definition of P, line 1)');
    expect(applied(uri, actions[0])).toBe('P = normalize({cat: 7, dog: 3})\nQ = {cat: 0.5, dog: 0.5}\nKL(P || Q)\n');
  });
});

describe('replace the hand value of a failed check', () => {
  const document = (right: string) => `units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q) ≈ ${right}\n`;

  it.each([
    ['0.5', '0.415'],
    ['0.500', '0.415'],
    ['0.50000', '0.41504'],
    ['1', '0.4150375'],
    ['40.0%', '41.5%'],
    ['50%', '41.50375%'],
    ['0.5 ± 0.001', '0.415 ± 0.001'],
  ])('rounds the computed 0.41504 to the digits written, three significant at least: ≈ %s becomes ≈ %s, and the check passes', async (written, fixed) => {
    const { uri, actions } = await fixesFor(document(written), { code: 'check-failed' });
    const fix = actions.find((action) => action.title.startsWith('Replace'));
    if (!fix) throw new Error('no fix');
    const text = applied(uri, fix);
    expect(text).toBe(document(fixed));
    const edited = documentOf(uri);
    edited.edit([{ range: { start: { line: 0, character: 0 }, end: edited.positionAt(edited.text.length) }, text }]);
    expect(edited.diagnostics()).toEqual([]);
  });

  it('replaces only the failing entries of a vector check', async () => {
    const { uri, actions } = await fixesFor('softmax([0, 0, 0]) ≈ [0.333, 0.5, 0.2]\n', { code: 'check-failed' });
    expect(actions[0].title).toBe('Replace the 2 failing entries with the computed values');
    expect(applied(uri, actions[0])).toBe('softmax([0, 0, 0]) ≈ [0.333, 0.333, 0.333]\n');
  });
});

describe('add a units directive', () => {
  it('offers to pin the units at the top, the units in use first, when the document has none', async () => {
    const { uri, actions } = await fixesFor('# Coins\nP = [0.5, 0.5]\nH(P)\n', { needle: 'H(P)' });
    expect(actions.map((action) => action.title)).toEqual([
      "Add 'units nats' at the top (the units in use now)",
      "Add 'units bits' at the top",
      "Add 'units bans' at the top",
    ]);
    expect(applied(uri, actions[1])).toBe('# Coins\nunits bits\nP = [0.5, 0.5]\nH(P)\n');
  });

  it('offers nothing when the document already says its units', async () => {
    const { actions } = await fixesFor('units bits\nH([0.5, 0.5])\n', { needle: 'H(' });
    expect(actions).toEqual([]);
  });
});
