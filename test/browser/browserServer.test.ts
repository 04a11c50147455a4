// The language server as vscode.dev and github.dev run it: the browser bundle
// in a Web Worker of Chromium, spoken to over postMessage. The same engine and
// features as in Node: the worked example's hover reads the full-precision KL,
// its chart included; load() says where it stands that files cannot be read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../lsp/lspSession';
import { BrowserWorkerSession, CHROMIUM, HAS_CHROMIUM } from './browserWorker';

if (!HAS_CHROMIUM) console.warn(`test/browser/browserServer.test.ts: no Chromium at ${CHROMIUM} (apt-get install chromium): skipped`);

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: string;
}

describe.skipIf(!HAS_CHROMIUM)('the browser server in a Web Worker of Chromium', () => {
  let session: BrowserWorkerSession;
  beforeAll(async () => {
    ensureBuilt();
    session = await BrowserWorkerSession.start();
    const initialized = await session.request<{ serverInfo: { name: string } }>('initialize', {
      processId: null,
      // As vscode-languageclient names vscode.dev's workbench (vscode.env.appName): its hovers carry charts.
      clientInfo: { name: 'Visual Studio Code', version: '1.107.0' },
      rootUri: 'vscode-vfs://github/kl-lens/course',
      capabilities: {},
      workspaceFolders: [{ uri: 'vscode-vfs://github/kl-lens/course', name: 'course' }],
    });
    expect(initialized.serverInfo.name).toBe('kl-lens');
    await session.notify('initialized', {});
  }, 60_000);
  afterAll(() => session?.close());

  it('logs that it runs in a Web Worker', async () => {
    const log = await session.notification<{ message: string }>('window/logMessage', ({ message }) => message.includes('started'));
    expect(log.message).toMatch(/^KL Lens language server \S+ started \(a Web Worker, Mozilla\/5\.0 .*Chrome\//);
  });

  it('hovers KL(P || Q) of examples/cross-entropy.kl with its value at full precision and its chart', async () => {
    const uri = 'vscode-vfs://github/kl-lens/course/examples/cross-entropy.kl';
    const text = readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8');
    await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kl', version: 1, text } });
    const line = text.split('\n').indexOf('KL(P || Q)');
    const hover = await session.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 0 } });
    expect(hover?.contents.value).toContain('0.41503749927884381');
    expect(hover?.contents.value).toMatch(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    const published = await session.notification<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    expect(published.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['infinite-divergence']);
    expect(session.pageErrors).toEqual([]);
  });

  it('answers load() with a diagnostic at its argument: the browser has no files to read', async () => {
    const uri = 'vscode-vfs://github/kl-lens/course/loads.kl';
    await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kl', version: 1, text: 'P = load("data/p.npy")\nH([0.5, 0.5])\n' } });
    const published = await session.notification<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (params) => params.uri === uri);
    expect(published.diagnostics).toHaveLength(1);
    expect(published.diagnostics[0]).toMatchObject({ code: 'load-refused', range: { start: { line: 0, character: 9 }, end: { line: 0, character: 21 } } });
    expect(published.diagnostics[0].message).toMatch(/cannot be read here/);
  });
});
