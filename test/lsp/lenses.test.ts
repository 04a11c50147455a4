// Code lenses and inlay hints as the user types, and the settings that change them live.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

interface InlayHint {
  position: { line: number; character: number };
  label: string;
}

const EXAMPLE = 'file:///examples/cross-entropy.kl';
const exampleText = () => readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8');

let session: LspSession;
beforeAll(() => {
  ensureBuilt();
}, 60_000);
afterEach(() => session.stop());

const lenses = (uri: string) => session.codeLenses(uri);
const titles = (uri: string) => session.lensTitles(uri);

async function hints(uri: string): Promise<InlayHint[]> {
  const lineCount = session.document(uri).lineCount;
  return session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } } });
}

describe('code lenses on examples/cross-entropy.kl', () => {
  it('shows the short value above every expression and pass or fail above every check', async () => {
    session = await LspSession.start();
    session.open(EXAMPLE, exampleText());
    expect(await titles(EXAMPLE)).toEqual([
      'KL = 0.41504 bits',
      '✓ 0.415 (0.41504)',
      'KL = ∞ bits',
      'H = 0 bits',
      'CE = 0.41504 bits',
      '✓ H(P) + KL(P || Q) (0.41504)',
      'JS = 0.13793 bits',
      '✓ JS(Q || P) (0.13793)',
    ]);
  });

  it('sits on the statement\'s line and copies the full-precision value when clicked', async () => {
    session = await LspSession.start();
    session.open(EXAMPLE, exampleText());
    const [first] = await lenses(EXAMPLE);
    expect(first.range.start.line).toBe(session.positionOf(EXAMPLE, 'KL(P || Q)\n').line);
    expect(first.command.command).toBe('kl.copyValue');
    expect(first.command.arguments).toEqual(['0.41503749927884381']);
  });

  it('says what was expected and what came out when a check fails', async () => {
    session = await LspSession.start();
    session.open('file:///lens/fail.kl', 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q) ≈ 0.5\nkl = KL(P || Q)\n');
    expect(await titles('file:///lens/fail.kl')).toEqual(['✗ expected 0.5, got 0.41504', 'kl = 0.41504 bits']);
  });

  it('uses the significant digits of the setting', async () => {
    session = await LspSession.start({ settings: { significantDigits: 3 } });
    session.open(EXAMPLE, exampleText());
    expect((await titles(EXAMPLE))[0]).toBe('KL = 0.415 bits');
  });
});

describe('lenses stay put while the user types', () => {
  const uri = 'file:///lens/typing.kl';
  const text = 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\nH(Q)\n';

  it('says Q has an error above the statements that read it, while its line is half-typed, instead of their values from before', async () => {
    session = await LspSession.start();
    session.open(uri, text);
    expect(await titles(uri)).toEqual(['KL = 0.41504 bits', 'H = 0.99176 bits']);
    // The user retypes Q's vector: the line is half-finished and Q is undefined for a moment.
    const start = session.positionOf(uri, '0.75');
    const end = session.positionAfter(uri, '0.05]');
    session.edit(uri, [{ range: { start, end }, text: '0.5, 0.' }]);
    expect(await titles(uri)).toEqual(['⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error']);
    session.typeAfter(uri, '0.5, 0.', '25, 0.25]');
    expect(await titles(uri)).toEqual(['KL = 1 bits', 'H = 1.5 bits']);
  });

  it('keeps the lens of the line being edited until it evaluates again', async () => {
    session = await LspSession.start();
    session.open(uri, text);
    await titles(uri);
    const start = session.positionOf(uri, 'KL(P || Q)');
    session.edit(uri, [{ range: { start, end: session.positionAfter(uri, 'KL(P || Q)') }, text: 'JS(P ||' }]);
    const [lens] = await lenses(uri);
    expect(lens.command.title).toBe('KL = 0.41504 bits (before the edit)');
    expect(lens.range.start.line).toBe(3);
    session.typeAfter(uri, 'JS(P ||', ' Q)');
    expect((await titles(uri))[0]).toBe('JS = 0.13793 bits');
  });

  it('gives no lens to a statement that evaluates but shows none (an assignment of a vector), after a line is inserted above it', async () => {
    session = await LspSession.start();
    const note = 'file:///lens/insert.kl';
    session.open(note, 'units bits\nH([0.5, 0.5])\nP = [0.5, 0.5]\n');
    expect(await titles(note)).toEqual(['H = 1 bits']);
    // A new line above: P's assignment moves to line 3; the lens of line 2 used to be H's, and line lookups found it.
    session.edit(note, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Q = [0.25, 0.75]\n' }]);
    const after = await lenses(note);
    expect(after.map((lens) => [lens.range.start.line, lens.command.title])).toEqual([[2, 'H = 1 bits']]);
  });
});

describe('inlay hints and the kl.display setting', () => {
  it('shows `= value` at the end of each line instead of lenses with display: inlay', async () => {
    session = await LspSession.start({ settings: { display: 'inlay' } });
    session.open('file:///inlay/a.kl', 'units bits\nP = [0.5, 0.5]\nH(P)  # one bit\nH(P) ≈ 2\n');
    expect(await lenses('file:///inlay/a.kl')).toEqual([]);
    const found = await hints('file:///inlay/a.kl');
    expect(found.map((hint) => [hint.position, hint.label])).toEqual([
      [{ line: 2, character: 4 }, '= 1 bits'],
      [{ line: 3, character: 8 }, '= 1 bits ✗'],
    ]);
  });

  it('shows neither hints with the default (lenses), and both with display: both', async () => {
    session = await LspSession.start();
    session.open('file:///inlay/b.kl', 'H([0.5, 0.5])\n');
    expect(await hints('file:///inlay/b.kl')).toEqual([]);
    await session.changeSettings({ display: 'both' });
    await waitFor(async () => (await hints('file:///inlay/b.kl')).length === 1);
    expect(await titles('file:///inlay/b.kl')).toEqual([`H = 0.69315 nats`]);
    expect(session.refreshes.codeLens).toBeGreaterThan(0);
    expect(session.refreshes.inlayHint).toBeGreaterThan(0);
  });
});

describe('changing kl.units applies at once', () => {
  it('re-evaluates in the new units, re-publishes diagnostics and asks the editor to redraw', async () => {
    session = await LspSession.start();
    const uri = 'file:///units/a.kl';
    session.open(uri, 'H([0.5, 0.5]) ≈ 1\n');
    expect((await session.diagnostics(uri)).map((diagnostic) => diagnostic.code)).toEqual(['check-failed']);
    expect(await titles(uri)).toEqual(['✗ expected 1, got 0.69315']);
    const published = session.published.length;
    await session.changeSettings({ units: 'bits' });
    await waitFor(async () => session.published.length > published);
    expect(await session.diagnostics(uri)).toEqual([]);
    expect(await titles(uri)).toEqual(['✓ 1 (1)']);
    expect(session.refreshes.codeLens).toBeGreaterThan(0);
  });

  it('takes the settings from initializationOptions and didChangeConfiguration from a client that cannot be asked', async () => {
    session = await LspSession.start({ settings: { units: 'bits' }, noConfigurationRequests: true });
    const uri = 'file:///units/plain-client.kl';
    session.open(uri, 'H([0.5, 0.5])\n');
    expect(await titles(uri)).toEqual(['H = 1 bits']);
    await session.changeSettings({ units: 'bans' });
    await waitFor(async () => (await titles(uri))[0] === 'H = 0.30103 bans');
  });

  it('stops serving Markdown notes when kl.markdown.enabled is false', async () => {
    session = await LspSession.start();
    const uri = 'file:///units/note.md';
    session.open(uri, '# Note\n\n```kl\nH([0.5, 0.6])\n```\n');
    expect((await session.diagnostics(uri)).map((diagnostic) => diagnostic.code)).toEqual(['not-normalized']);
    await session.changeSettings({ markdown: { enabled: false } });
    await waitFor(async () => (await session.diagnostics(uri)).length === 0);
    expect(await lenses(uri)).toEqual([]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
