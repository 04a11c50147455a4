// The real server over stdio, fed hostile traffic: documents of token soup
// and damaged real documents, edits at random ranges (past the end, reversed,
// negative) with versions out of order, requests on documents never opened,
// positions anywhere, malformed parameters, methods nobody defined. After every
// step the process must be alive, and every hover and code lens must be
// answered (a result or an error) within a second. A separate process gets
// malformed JSON-RPC and broken framing on its raw stream. Seeded with FUZZ_SEED.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession, ROOT } from '../lsp/lspSession';
import { FUZZ_SEED, klTokenSoup, mutated, noteSoup, realKlDocuments, realNotes, runs } from './documents';

const ANSWER_WITHIN_MS = 1000;

// The server bundled from source into a folder of our own, so that another
// test rebuilding server/out cannot hand us a half-written file.
const bundleFolder = mkdtempSync(path.join(tmpdir(), 'kl-lens-fuzz-server-'));
const serverBundle = path.join(bundleFolder, 'server.js');
beforeAll(async () => {
  await build({ entryPoints: [path.join(ROOT, 'server/src/server.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: serverBundle, logLevel: 'error' });
}, 60_000);
afterAll(() => rmSync(bundleFolder, { recursive: true, force: true }));

const URIS = ['file:///fuzz/a.kl', 'file:///fuzz/b.kl', 'file:///fuzz/note.md', 'file:///fuzz/never-opened.kl', 'untitled:Untitled-1', 'file:///fuzz/%2e%2e/escape.kl'];

const position = fc.record({
  line: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }) }, fc.integer({ min: -3, max: 2 ** 31 }), fc.constant(0.5)),
  character: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 80 }) }, fc.integer({ min: -3, max: 2 ** 31 })),
});

const hostileText = (klDocuments: string[], notes: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: klTokenSoup },
    { weight: 3, arbitrary: mutated(klDocuments) },
    { weight: 2, arbitrary: noteSoup },
    { weight: 2, arbitrary: mutated(notes) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '@'.repeat(2_000_000),
        `${'('.repeat(50_000)}1${')'.repeat(50_000)}`,
        Array(900).fill('uniform(1000)').join(' + '),
        Array.from({ length: 20_000 }, (_, i) => `x${i} = [${i % 7}, 1] / ${1 + (i % 7)}\nKL(x${i} || [0.5, 0.5])`).join('\n'),
        '\uFEFF\u0000\uD800\uDFFF\u2028\u2029',
      ),
    },
  );

type Action =
  | { kind: 'open'; uri: string; languageId: string; version: number; text: string }
  | { kind: 'change'; uri: string; version: number; changes: ({ text: string } | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string })[] }
  | { kind: 'close'; uri: string }
  | { kind: 'request'; method: string; params: unknown }
  | { kind: 'notify'; method: string; params: unknown };

function actions(klDocuments: string[], notes: string[]): fc.Arbitrary<Action> {
  const uri = fc.constantFrom(...URIS);
  const text = hostileText(klDocuments, notes);
  const textDocument = uri.map((value) => ({ uri: value }));
  const requestAt = (method: string) => fc.record({ textDocument, position }).map((params): Action => ({ kind: 'request', method, params }));
  const requestOn = (method: string) => textDocument.map((document): Action => ({ kind: 'request', method, params: { textDocument: document } }));
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ uri, languageId: fc.constantFrom('kl', 'kl', 'markdown', 'plaintext'), version: fc.integer({ min: -1, max: 5 }), text }).map((open): Action => ({ kind: 'open', ...open })) },
    {
      weight: 6,
      arbitrary: fc.record({
        uri,
        version: fc.integer({ min: -2, max: 1000 }),
        changes: fc.array(fc.oneof({ weight: 5, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: fc.oneof(klTokenSoup, fc.constantFrom('', '\n', '[', ']', '(\n'.repeat(300))) }) }, fc.record({ text })), { minLength: 1, maxLength: 4 }),
      }).map((change): Action => ({ kind: 'change', ...change })),
    },
    { weight: 1, arbitrary: uri.map((value): Action => ({ kind: 'close', uri: value })) },
    { weight: 2, arbitrary: fc.constantFrom('textDocument/completion', 'textDocument/signatureHelp', 'textDocument/definition', 'textDocument/documentHighlight', 'textDocument/prepareRename').chain(requestAt) },
    { weight: 1, arbitrary: fc.record({ textDocument, position, context: fc.record({ includeDeclaration: fc.boolean() }) }).map((params): Action => ({ kind: 'request', method: 'textDocument/references', params })) },
    { weight: 1, arbitrary: fc.record({ textDocument, position, newName: fc.constantFrom('Q2', 'constructor', '__proto__', '', '1x', 'a b', '\n', 'ŷ') }).map((params): Action => ({ kind: 'request', method: 'textDocument/rename', params })) },
    { weight: 2, arbitrary: fc.constantFrom('textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/foldingRange', 'textDocument/formatting').chain(requestOn) },
    { weight: 1, arbitrary: fc.record({ textDocument, range: fc.record({ start: position, end: position }), context: fc.constant({ diagnostics: [] }) }).map((params): Action => ({ kind: 'request', method: 'textDocument/codeAction', params })) },
    { weight: 1, arbitrary: fc.record({ textDocument, range: fc.record({ start: position, end: position }) }).map((params): Action => ({ kind: 'request', method: 'textDocument/inlayHint', params })) },
    { weight: 1, arbitrary: fc.record({ method: fc.constantFrom('textDocument/hover', 'textDocument/codeLens', 'textDocument/completion', 'textDocument/rename', 'kl/unknown', 'workspace/executeCommand', '$/cancelRequest'), params: fc.jsonValue() }).map((request): Action => ({ kind: 'request', ...request })) },
    { weight: 1, arbitrary: fc.record({ method: fc.constantFrom('$/fuzz', 'kl/trustChanged', 'workspace/didChangeConfiguration', 'textDocument/didSave', 'workspace/didChangeWatchedFiles'), params: fc.jsonValue() }).map((notification): Action => ({ kind: 'notify', ...notification })) },
  );
}

/** Resolves with 'answered' (a result or an error) or 'silent' when nothing came within the time. */
function answeredWithin(request: Promise<unknown>, milliseconds: number): Promise<'answered' | 'silent'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('silent'), milliseconds);
    request.then(
      () => {
        clearTimeout(timer);
        resolve('answered');
      },
      () => {
        clearTimeout(timer);
        resolve('answered');
      },
    );
  });
}

function describeAction(action: Action): string {
  const text = JSON.stringify(action);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

describe('the language server under hostile traffic', () => {
  let session: LspSession;
  beforeAll(async () => {
    session = await LspSession.start({ command: [process.execPath, serverBundle, '--stdio'] });
  }, 30_000);
  afterAll(() => session.stop());

  const count = runs(300);
  it(`stays alive through ${count} hostile documents, edits and requests, answering every hover and code lens within ${ANSWER_WITHIN_MS} ms`, async () => {
    const steps = fc.sample(actions(realKlDocuments(), realNotes()), { seed: FUZZ_SEED, numRuns: count });
    const slow: string[] = [];
    for (const [index, action] of steps.entries()) {
      const where = `step ${index} of seed ${FUZZ_SEED}: ${describeAction(action)}`;
      switch (action.kind) {
        case 'open':
          void session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: action.uri, languageId: action.languageId, version: action.version, text: action.text } });
          break;
        case 'change':
          void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: action.uri, version: action.version }, contentChanges: action.changes });
          break;
        case 'close':
          void session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: action.uri } });
          break;
        case 'notify':
          void session.connection.sendNotification(action.method, action.params);
          break;
        case 'request':
          await answeredWithin(session.request(action.method, action.params), 10_000);
          break;
      }
      for (const uri of URIS.slice(0, 3)) {
        const textDocument = { uri };
        const hover = answeredWithin(session.request('textDocument/hover', { textDocument, position: { line: index % 7, character: index % 5 } }), ANSWER_WITHIN_MS);
        const lenses = answeredWithin(session.request('textDocument/codeLens', { textDocument }), ANSWER_WITHIN_MS);
        for (const [what, outcome] of [['hover', await hover], ['codeLens', await lenses]]) if (outcome === 'silent') slow.push(`${what} on ${uri} after ${where}`);
      }
      expect(session.alive, `the server died at ${where}`).toBe(true);
    }
    expect(slow).toEqual([]);
    // Malformed parameters make handlers throw; every such exception must have been caught by a guard.
    expect(session.logs.filter((line) => /^(uncaught|unhandled rejection)/.test(line))).toEqual([]);
  }, 600_000);

  it('after all that, a fresh document is evaluated correctly', async () => {
    session.open('file:///fuzz/clean.kl', 'P = [0.5, 0.5]\nH(P)\n');
    expect(await session.diagnostics('file:///fuzz/clean.kl')).toEqual([]);
    const hover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: 'file:///fuzz/clean.kl' }, position: { line: 1, character: 0 } });
    expect(hover.contents.value).toContain(Math.LN2.toPrecision(17));
  }, 30_000);

  it('answers hovers on a small document within a second while a 20 MB document is being analysed', async () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => `P${i % 997} = [0.75, 0.2, 0.05]\nKL(P${i % 997} || [0.5, 0.25, 0.25])`).join('\n');
    expect(big.length).toBeGreaterThan(20_000_000);
    const small = { uri: 'file:///fuzz/small.kl' };
    session.open(small.uri, 'Q = [0.25, 0.75]\nH(Q)\n');
    await session.diagnostics(small.uri);
    const hoverSmall = () => session.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: small, position: { line: 1, character: 0 } });
    session.open('file:///fuzz/big.kl', big);
    // Nothing behind the 20 MB notification in the pipe is read before all of it is: this first answer marks its arrival.
    await hoverSmall();
    const latencies: number[] = [];
    while (!session.published.some((each) => each.uri === 'file:///fuzz/big.kl')) {
      const started = performance.now();
      const answer = await hoverSmall();
      latencies.push(performance.now() - started);
      expect(answer?.contents.value).toContain('nats');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(ANSWER_WITHIN_MS);
    const diagnostics = await session.diagnostics('file:///fuzz/big.kl', 60_000);
    expect(diagnostics.map((d) => d.message).join('\n')).toContain('are not evaluated');
  }, 120_000);
});

describe('malformed messages on the raw stream', () => {
  /** Writes `chunks` to a fresh server's stdin, then a well-formed initialize; resolves with what it printed within `wait` ms and whether it still runs. */
  async function feed(chunks: string[], wait: number) {
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
    let exited: number | null = null;
    child.on('exit', (code) => (exited = code ?? -1));
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    for (const chunk of chunks) child.stdin.write(chunk);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
    const deadline = Date.now() + wait;
    while (!stdout.includes('"id":99') && exited === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const alive = exited === null;
    child.kill();
    return { stdout, alive };
  }

  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
  it.each([
    ['a body that is not JSON', [frame('{"jsonrpc": "2.0", "id": 1, "method": ')]],
    ['JSON that is not JSON-RPC', [frame('[1, 2, 3]'), frame('"text"'), frame('null'), frame('{"id": {}, "method": 7}')]],
    ['a request for a method nobody defined', [frame('{"jsonrpc": "2.0", "id": 1, "method": "kl/nothing", "params": {"__proto__": {"polluted": true}}}')]],
    ['a notification with parameters of the wrong shape', [frame('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 5}}')]],
    // Framing errors: the guard drops what cannot be a message and reads on at the next header (test/lsp/malformedHeaders.test.ts).
    ['a header without a length', ['Content-Type: application/json\r\n\r\n']],
    ['a negative length', ['Content-Length: -5\r\n\r\n{}']],
    ['a length beyond the data', ['Content-Length: 99999999\r\n\r\n{}']],
    ['binary garbage', ['\u0000\u00ff\r\n\r\n\u0001'.repeat(100)]],
  ])('%s: the server stays up and answers the next request', async (_, chunks) => {
    const { stdout, alive } = await feed(chunks, 10_000);
    expect(alive).toBe(true);
    expect(stdout).toContain('"id":99');
  }, 30_000);
});
