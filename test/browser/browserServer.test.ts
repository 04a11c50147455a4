// The language server as vscode.dev and github.dev run it: the browser bundle
// in a Web Worker of Chromium, spoken to over postMessage. The same engine and
// features as in Node: the worked example's hover reads the full-precision KL,
// its chart included; load() reads through the client (kl/readFile), inside the workspace.
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
      // Lenses are pulled: a server that learns something new asks the client to pull them again.
      capabilities: { workspace: { codeLens: { refreshSupport: true } } },
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

  it('reads a load() through the client, inside the workspace only, and evaluates what depends on it', async () => {
    const files: Record<string, string> = { 'vscode-vfs://github/kl-lens/course/week1/data/coin.json': '[0.5, 0.5]' };
    session.onRequest('kl/readFile', (params) => {
      const { uri, maxBytes } = params as { uri: string; maxBytes: number };
      const text = files[uri];
      if (text === undefined) return { problem: 'missing' };
      expect(maxBytes).toBe(268435456);
      return { base64: Buffer.from(text).toString('base64'), size: text.length, modified: '1' };
    });
    const uri = 'vscode-vfs://github/kl-lens/course/week1/coin.kl';
    const text = 'P = load("data/coin.json")\nH(P)\nR = load("../../../outside.json")\n';
    await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kl', version: 1, text } });
    // First "being read", then, with the client's answer, the value: only the load outside the workspace stays refused.
    const published = await session.notification<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (params) => params.uri === uri && params.diagnostics.length === 1);
    expect(published.diagnostics[0]).toMatchObject({ code: 'load-refused', range: { start: { line: 2 } } });
    expect(published.diagnostics[0].message).toContain("'../../../outside.json' is outside the workspace (/kl-lens/course)");
    const hover = await session.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } });
    const value = Number(/\*\*([\d.]+) nats\*\*/.exec(hover?.contents.value ?? '')?.[1]);
    expect(Math.abs(value - Math.LN2) / Math.LN2).toBeLessThan(1e-12); // H of a fair coin: ln 2
    // The lenses of the document are asked for again once the file came (the client asks on an edit only).
    const read = session.requests.findIndex((request) => request.method === 'kl/readFile');
    expect(await session.serverRequest('workspace/codeLens/refresh')).toBeGreaterThan(read);
    expect(session.requests.filter((request) => request.method === 'kl/readFile').map((request) => (request.params as { uri: string }).uri)).toEqual(['vscode-vfs://github/kl-lens/course/week1/data/coin.json']);
  });

  it('answers a load() the client cannot read with a diagnostic at its argument', async () => {
    const uri = 'vscode-vfs://github/kl-lens/course/loads.kl';
    await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kl', version: 1, text: 'P = load("data/p.npy")\nH([0.5, 0.5])\n' } });
    const published = await session.notification<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (params) => params.uri === uri && !params.diagnostics[0]?.message.includes('being read'));
    expect(published.diagnostics).toHaveLength(1);
    expect(published.diagnostics[0]).toMatchObject({ code: 'load-error', range: { start: { line: 0, character: 9 }, end: { line: 0, character: 21 } } });
    expect(published.diagnostics[0].message).toBe("There is no file 'data/p.npy' (looked for /kl-lens/course/data/p.npy).");
  });
});
