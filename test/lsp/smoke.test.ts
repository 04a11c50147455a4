// The features through the bundled server over stdio, one request of each
// kind: what the in-process tests (test/hover/hover.test.ts,
// test/features/*.test.ts) cannot see, positions mapped by the protocol, a
// refusal sent as the request's error, the legend of initialize, the state
// the server keeps between requests (a lens from before an edit, a token delta).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { FeatureDocument } from '../support/markedDocument';
import { applyEdits, ensureBuilt, LspSession, ROOT } from './lspSession';

interface Hover {
  contents: { kind: string; value: string };
  range?: { start: { line: number; character: number } };
}

const EXAMPLE = 'file:///examples/cross-entropy.kl';
const NOTE = 'file:///notes/entropy.md';
const NOTE_TEXT = ['# Entropy of a coin', '', 'A fair coin has one bit of entropy:', '', '```kl', 'units bits', 'coin = [0.5, 0.5]', 'H(coin)', '```', '', 'A biased one has less:', '', '```kl', 'biased = {heads: 0.9, tails: 0.1}', 'H(biased) ≈ 0.469', '```', ''].join('\n');
const MODEL = 'file:///editing/model.kl';
const MODEL_TEXT = ['# region inputs', 'units bits', 'P = [0.5, 0.25, 0.25]', 'Q = [', '  0.25,', '  0.5,', '  0.25', ']', '# endregion', 'KL(P || Q)', 'P = normalize(P * 2 + Q)', 'H(P, Q)', ''].join('\n');
const KL_BITS = '0.41503749927884381';

let session: LspSession;

beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start();
  session.open(EXAMPLE, readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8'));
  session.open(NOTE, NOTE_TEXT);
  session.open(MODEL, MODEL_TEXT);
  await Promise.all([EXAMPLE, NOTE, MODEL].map((uri) => session.diagnostics(uri)));
}, 60_000);
afterAll(() => session.stop());

const at = (uri: string, needle: string, shift = 0, occurrence = 1) => ({ textDocument: { uri }, position: session.positionOf(uri, needle, shift, occurrence) });

describe('hover over stdio', () => {
  it('writes the formula and the sum term by term', async () => {
    const hover = await session.request<Hover>('textDocument/hover', at(EXAMPLE, 'KL(P || Q)\n'));
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain(`\`D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = ${KL_BITS} bits\``);
  });

  it('labels a labelled distribution by its labels, in a Markdown note at the note\'s own positions', async () => {
    const hover = await session.request<Hover | null>('textDocument/hover', at(NOTE, 'biased)'));
    expect(hover?.range?.start).toEqual({ line: 14, character: 2 });
    expect(hover?.contents.value).toContain('| heads | 0.9 |\n| tails | 0.1 |');
    expect(hover?.contents.value).toContain('defined at line 14');
  });

  it('shows nothing over the prose or past the end', async () => {
    expect(await session.request('textDocument/hover', at(NOTE, 'fair coin'))).toBeNull();
    expect(await session.request('textDocument/hover', { textDocument: { uri: NOTE }, position: { line: 400, character: 0 } })).toBeNull();
  });
});

describe('editing over stdio', () => {
  it('completes the names assigned above the cursor', async () => {
    const items = await session.request<CompletionItem[]>('textDocument/completion', at(MODEL, 'KL(P || Q)'));
    const names = items.filter((item) => item.kind === 6);
    expect(names.map((item) => [item.label, item.detail])).toEqual([['P', '[0.5, 0.25, 0.25]'], ['Q', '[0.25, 0.5, 0.25]']]);
  });

  it('goes to the assignment in force where the name is read', async () => {
    const second = await session.request<Location>('textDocument/definition', at(MODEL, 'P, Q)'));
    expect(second.range.start).toEqual({ line: 10, character: 0 });
  });

  it('renames a name everywhere, and refuses a builtin with the request\'s error', async () => {
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', { ...at(MODEL, 'Q)'), newName: 'predicted' });
    const renamed = applyEdits(MODEL_TEXT, edit.changes?.[MODEL] as TextEdit[]);
    expect(renamed).toContain('KL(P || predicted)\nP = normalize(P * 2 + predicted)\nH(P, predicted)');
    await expect(session.request('textDocument/prepareRename', at(MODEL, 'KL'))).rejects.toThrow(/'KL' is a built-in function of KL Lens; only names that this document assigns can be renamed/);
    await expect(session.request('textDocument/rename', { ...at(MODEL, 'Q)'), newName: 'P' })).rejects.toThrow(/already used/);
  });

  it('marks tokens with the legend of initialize, and answers an edit with only the changed stretch', async () => {
    const legend = session.initializeResult?.capabilities.semanticTokensProvider?.legend;
    const result = await session.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: MODEL } });
    // The first token: `units` on line 1, a keyword.
    expect(result.data.slice(0, 5)).toEqual([1, 0, 5, legend?.tokenTypes.indexOf('keyword'), 0]);
    const file = 'file:///editing/tokens.kl';
    session.open(file, Array.from({ length: 200 }, (_, i) => `P${i} = [0.5, 0.5]\nH(P${i})`).join('\n'));
    await session.diagnostics(file);
    const first = await session.request<{ resultId: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: file } });
    session.typeAfter(file, 'H(P100', ', P101');
    const delta = await session.request<{ edits: { start: number; deleteCount: number; data: number[] }[] }>('textDocument/semanticTokens/full/delta', { textDocument: { uri: file }, previousResultId: first.resultId });
    expect(delta.edits).toHaveLength(1);
    expect(delta.edits[0].data.length).toBeLessThan(20);
  });

  it('formats the document', async () => {
    const messy = 'units   bits\nP=[0.5,0.25 ,0.25]   # prior\n';
    session.open('file:///editing/messy.kl', messy);
    await session.diagnostics('file:///editing/messy.kl');
    const edits = await session.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: 'file:///editing/messy.kl' }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(messy, edits)).toBe('units bits\nP = [0.5, 0.25, 0.25]   # prior\n');
  });
});

describe('quick fixes over stdio', () => {
  it('wraps the vector literal that does not sum to 1', async () => {
    const uri = 'file:///actions/1.kl';
    session.open(uri, 'H([3, 1])\n');
    const [diagnostic] = await session.diagnostics(uri);
    const [fix] = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    expect(fix.title).toBe('Wrap [3, 1] in normalize(...)');
    expect(applyEdits('H([3, 1])\n', fix.edit?.changes?.[uri] as TextEdit[])).toBe('H(normalize([3, 1]))\n');
  });
});

describe('the in-process features (test/support/markedDocument.ts)', () => {
  it('answer as the server does: the hover, completion and definition all over a note with math, its lenses and hints', async () => {
    const uri = 'file:///examples/notes/cross-entropy.md';
    const text = readFileSync(path.join(ROOT, 'examples/notes/cross-entropy.md'), 'utf8');
    session.open(uri, text);
    await session.diagnostics(uri);
    const inProcess = new FeatureDocument(text, { uri });
    const requests: [string, (offset: number) => unknown][] = [
      ['textDocument/hover', (offset) => inProcess.hover(offset)],
      ['textDocument/completion', (offset) => inProcess.completion(offset)],
      ['textDocument/definition', (offset) => inProcess.definition(offset)],
    ];
    let hovers = 0;
    for (let offset = 0; offset <= text.length; offset += 5) {
      const position = session.document(uri).positionAt(offset);
      for (const [method, local] of requests) {
        const answer = await session.request(method, { textDocument: { uri }, position });
        if (method === 'textDocument/hover' && answer) hovers++;
        expect(answer, `${method} at ${offset}`).toEqual(local(offset));
      }
    }
    expect(hovers).toBeGreaterThan(100);
    expect((await session.codeLenses(uri)).length).toBeGreaterThan(0);
    expect(await session.codeLenses(uri)).toEqual(inProcess.codeLenses());
    const whole = { start: { line: 0, character: 0 }, end: { line: inProcess.lineCount, character: 0 } };
    expect(await session.request('textDocument/inlayHint', { textDocument: { uri }, range: whole })).toEqual(inProcess.inlayHints(whole));
  });
});

describe('code lenses over stdio', () => {
  it('sits on the statement\'s line and copies the full-precision value when clicked', async () => {
    const [first] = await session.codeLenses(EXAMPLE);
    expect(first.range.start.line).toBe(session.positionOf(EXAMPLE, 'KL(P || Q)\n').line);
    expect(first.command.command).toBe('kl.copyValue');
    expect(first.command.arguments).toEqual(['0.41503749927884381']);
  });

  it('keeps the lens of the line being edited until it evaluates again', async () => {
    const uri = 'file:///lens/typing.kl';
    session.open(uri, 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\nH(Q)\n');
    await session.lensTitles(uri);
    const start = session.positionOf(uri, 'KL(P || Q)');
    session.edit(uri, [{ range: { start, end: session.positionAfter(uri, 'KL(P || Q)') }, text: 'JS(P ||' }]);
    const [lens] = await session.codeLenses(uri);
    expect(lens.command.title).toBe('KL = 0.41504 bits (before the edit)');
    session.typeAfter(uri, 'JS(P ||', ' Q)');
    expect((await session.lensTitles(uri))[0]).toBe('JS = 0.13793 bits');
  });
});
