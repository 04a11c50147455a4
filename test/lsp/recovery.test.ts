// Over a real stdio connection, as an editor sees it: a half-typed line costs
// only itself (its error on its line, the lenses below keep their values), and
// a lens never vouches for a value it cannot show: after an edit that leaves
// an input in error, the statements that read it say so, for as long as the
// error stays; only the line being typed keeps its value from before the edit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

const EXAMPLE = 'file:///examples/cross-entropy.kl';
const exampleText = () => readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8');
const BEFORE = [
  'KL = 0.41504 bits',
  '✓ 0.415 (0.41504)',
  'KL = ∞ bits',
  'H = 0 bits',
  'CE = 0.41504 bits',
  '✓ H(P) + KL(P || Q) (0.41504)',
  'JS = 0.13793 bits',
  '✓ JS(Q || P) (0.13793)',
];

let session: LspSession;
beforeAll(() => {
  ensureBuilt();
}, 60_000);
afterEach(() => session.stop());

const lenses = (uri: string) => session.codeLenses(uri);
const titles = (uri: string) => session.lensTitles(uri);

/** The lenses as `line: title`, lines 1-based like the editor's gutter. */
async function linedTitles(uri: string): Promise<string[]> {
  return (await lenses(uri)).map((lens) => `${lens.range.start.line + 1}: ${lens.command.title}`);
}

/** Replaces the line that starts with `startsWith` (not a comment that mentions it). */
function replaceLine(uri: string, startsWith: string, text: string): void {
  const start = session.positionOf(uri, `\n${startsWith}`, 1);
  const lineEnd = session.text(uri).indexOf('\n', session.document(uri).offsetAt(start));
  session.edit(uri, [{ range: { start, end: session.document(uri).positionAt(lineEnd) }, text }]);
}

describe('a half-typed line over stdio', () => {
  const uri = 'file:///recovery/half.kl';
  const text = ['units bits', 'P = [1, 0, 0]', 'Q = [0.75, 0.2, 0.05]', 'H(P)', 'H(Q)', 'KL(P || Q) ≈ 0.415', ''].join('\n');

  it('typed above complete lines: one error, on its own line; the lenses below keep their fresh values', async () => {
    session = await LspSession.start();
    session.open(uri, text);
    expect(await linedTitles(uri)).toEqual(['4: H = 0 bits', '5: H = 0.99176 bits', '6: ✓ 0.415 (0.41504)']);
    session.edit(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'KL(P ||\n' }]);
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics.map((d) => [d.range.start, d.code, d.message])).toEqual([[{ line: 3, character: 7 }, 'syntax', 'Expected a value (a number, a name, a call or a vector) but found the end of the line.']]);
    expect(await linedTitles(uri)).toEqual(['5: H = 0 bits', '6: H = 0.99176 bits', '7: ✓ 0.415 (0.41504)']);
    session.typeAfter(uri, 'KL(P ||', ' Q)');
    expect(await linedTitles(uri)).toEqual(['4: KL = 0.41504 bits', '5: H = 0 bits', '6: H = 0.99176 bits', '7: ✓ 0.415 (0.41504)']);
  });

  it('in a kl block of a Markdown note, whose end closes the open statement', async () => {
    session = await LspSession.start();
    const note = 'file:///recovery/note.md';
    session.open(note, ['# Note', '', '```kl', 'P = [0.5, 0.5]', 'KL(P ||', 'H(P)', '```', '', '```kl', 'max(1,', '```', '', '```kl', 'H([1, 0])', '```', ''].join('\n'));
    const diagnostics = await session.diagnostics(note);
    expect(diagnostics.map((d) => [d.range.start.line + 1, d.code])).toEqual([[5, 'syntax'], [10, 'syntax']]);
    expect(await linedTitles(note)).toEqual(['6: H = 0.69315 nats', '14: H = 0 nats']);
  });
});

describe('a stale ✓ after an edit that leaves an input in error (examples/cross-entropy.kl)', () => {
  it('a half-typed Q: every statement that reads Q says Q has an error, while it stays, in lenses, inlay hints and the hover', async () => {
    session = await LspSession.start({ settings: { display: 'both' } });
    session.open(EXAMPLE, exampleText());
    expect(await titles(EXAMPLE)).toEqual(BEFORE);
    replaceLine(EXAMPLE, 'Q = [0.75, 0.2, 0.05]', 'Q = [0.75, 0.2,');
    const inError = ['⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error', 'H = 0 bits', '⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error'];
    expect(await titles(EXAMPLE)).toEqual(inError);
    const diagnostics = await session.diagnostics(EXAMPLE);
    expect(diagnostics.filter((d) => d.severity === 1).map((d) => [d.range.start.line + 1, d.code])).toEqual([[6, 'syntax']]);
    expect(diagnostics.filter((d) => d.code === 'input-error')).toHaveLength(7);
    // Still in error after another edit elsewhere (a comment typed at the end): no lens goes back to a value from before.
    session.edit(EXAMPLE, [{ range: { start: session.document(EXAMPLE).positionAt(session.text(EXAMPLE).length), end: session.document(EXAMPLE).positionAt(session.text(EXAMPLE).length) }, text: '# more\n' }]);
    expect(await titles(EXAMPLE)).toEqual(inError);
    const lineCount = session.document(EXAMPLE).lineCount;
    const hints = await session.request<{ position: { line: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri: EXAMPLE }, range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } } });
    expect(hints.map((hint) => hint.label)).toEqual(inError.map((title) => title.replace('⚠ not evaluated: ', '⚠ ').replace(/^H = 0 bits$/, '= 0 bits')));
    const check = session.positionOf(EXAMPLE, 'KL(P || Q) ≈ 0.415', 'KL(P || Q) '.length);
    const hover = await session.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: EXAMPLE }, position: check });
    expect(hover?.contents.value).toBe('⚠ **Not evaluated**: `Q` (line 6) has an error where it is assigned. Fix it there and this statement is evaluated again.');
    replaceLine(EXAMPLE, 'Q = [0.75, 0.2,', 'Q = [0.75, 0.2, 0.05]');
    expect(await titles(EXAMPLE)).toEqual(BEFORE);
  });

  it('an assigned measure whose line is being edited says Q has an error, not its value from before, once Q breaks', async () => {
    session = await LspSession.start();
    const uri = 'file:///recovery/assigned.kl';
    session.open(uri, 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nkl = KL(P || Q)\n');
    expect(await titles(uri)).toEqual(['kl = 0.41504 bits']);
    replaceLine(uri, 'kl = KL(P || Q)', 'kl = KL(P || Q');
    expect(await titles(uri)).toEqual(['kl = 0.41504 bits (before the edit)']);
    // One edit of two changes (a replace-all): the line is completed while Q is broken.
    const document = session.document(uri);
    const q = session.positionOf(uri, '0.05]');
    const kl = session.positionAfter(uri, 'kl = KL(P || Q');
    session.edit(uri, [
      { range: { start: kl, end: kl }, text: ')' },
      { range: { start: q, end: document.positionAt(document.offsetAt(q) + '0.05]'.length) }, text: '' },
    ]);
    expect(await titles(uri)).toEqual(['⚠ not evaluated: Q has an error']);
  });

  it('a negative entry in Q: the statements whose text did not change say why they have no value instead of a ✓ from before', async () => {
    session = await LspSession.start();
    session.open(EXAMPLE, exampleText());
    expect(await titles(EXAMPLE)).toEqual(BEFORE);
    replaceLine(EXAMPLE, 'Q = [0.75, 0.2, 0.05]', 'Q = [0.75, -0.2, 0.05]');
    const negative = '⚠ not evaluated: Q has a negative probability -0.2 at outcome 2';
    const after = await titles(EXAMPLE);
    expect(after.slice(0, 2)).toEqual([negative, negative]);
    expect(after.some((title) => title.includes('before the edit') || title.startsWith('✓'))).toBe(false);
    session.typeAfter(EXAMPLE, 'JS(P || Q) == JS(Q || P)', '  # symmetric');
    expect((await titles(EXAMPLE)).slice(0, 2)).toEqual([negative, negative]);
  });

  it('the line being typed keeps its value from before the edit, until an edit elsewhere; then it says why it has none', async () => {
    session = await LspSession.start();
    session.open(EXAMPLE, exampleText());
    expect(await titles(EXAMPLE)).toEqual(BEFORE);
    replaceLine(EXAMPLE, 'KL(P || Q) ≈ 0.415', 'KL(P || Q) ≈');
    expect((await titles(EXAMPLE))[1]).toBe('✓ 0.415 (0.41504) (before the edit)');
    session.typeAfter(EXAMPLE, 'KL(P || Q) ≈', ' ');
    expect((await titles(EXAMPLE))[1]).toBe('✓ 0.415 (0.41504) (before the edit)');
    session.typeAfter(EXAMPLE, 'JS(P || Q) == JS(Q || P)', '  # symmetric');
    expect((await titles(EXAMPLE))[1]).toBe('⚠ not evaluated: Expected a value (a number, a name, a call or a vector) but…');
    session.typeAfter(EXAMPLE, 'KL(P || Q) ≈ ', '0.5');
    expect((await titles(EXAMPLE))[1]).toBe('✗ expected 0.5, got 0.41504');
  });
});
