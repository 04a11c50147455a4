// The status bar item's tooltip: the server's version from initialize, and
// the counts of the document the user is looking at, asked over stdio.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_SUMMARY_REQUEST, type DocumentSummary } from '../../server/src/lsp/klProtocol';
import { VERSION } from '../../server/src/version';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

let session: LspSession;

beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start();
}, 60_000);

afterAll(async () => {
  await session.stop();
});

describe('what the status item shows', () => {
  it('reports the version of package.json as serverInfo', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(manifest.version);
    expect(session.initializeResult?.serverInfo?.version).toBe(manifest.version);
  });

  it('counts the statements, checks and diagnostics of the worked example with one failed check', async () => {
    const uri = 'file:///summary/cross-entropy.kl';
    const text = readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8') + '\nKL(P || Q) ≈ 0.5\nR\n';
    session.open(uri, text);
    await session.diagnostics(uri);
    const summary = await session.request<DocumentSummary | null>(DOCUMENT_SUMMARY_REQUEST, { uri });
    // examples/cross-entropy.kl: 3 passing checks, one infinite-divergence warning; the two lines
    // added: a failed check (an error) and an unknown name (an error, a statement without a value).
    expect(summary).toMatchObject({ checksPassed: 3, checksFailed: 1, errors: 2, warnings: 1, pending: 0 });
    expect(summary!.statements).toBe(text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#')).length);
  });

  it('counts a note’s checked LaTeX relations as checks', async () => {
    const uri = 'file:///summary/note.md';
    const note = '# Note\n\n```kl\nP = [1, 0]\nQ = [0.5, 0.5]\n```\n\n$$D_{KL}(P||Q) = \\log 2$$\n\n$$H(P) = 1$$\n';
    session.open(uri, note);
    await session.diagnostics(uri);
    const summary = await session.request<DocumentSummary | null>(DOCUMENT_SUMMARY_REQUEST, { uri });
    expect(summary).toMatchObject({ statements: 2, checksPassed: 1, checksFailed: 1 });
  });

  it('answers null for a document it does not know, and for a request without a uri', async () => {
    expect(await session.request(DOCUMENT_SUMMARY_REQUEST, { uri: 'file:///summary/never-opened.kl' })).toBeNull();
    expect(await session.request(DOCUMENT_SUMMARY_REQUEST, {})).toBeNull();
  });
});
