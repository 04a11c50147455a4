// The settings that change code lenses and inlay hints live, over stdio; the
// lenses and hints themselves as the user types: test/features/codeLenses.test.ts.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspSession } from './lspSession';

interface InlayHint {
  position: { line: number; character: number };
  label: string;
}

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

describe('inlay hints and the kl.display setting', () => {
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
