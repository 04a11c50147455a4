// Slow statements go to a worker thread: the store publishes the partial
// analysis at once, the worker's analysis when it arrives, and the two agree
// with an analysis made on one thread with no time limit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type DocumentAnalysis } from '../../server/src/notes/documentAnalysis';
import { AnalysisStore } from '../../server/src/lsp/analysisStore';
import { BackgroundAnalysis } from '../../server/src/lsp/backgroundAnalysis';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

const WORKER = path.join(ROOT, 'server/out/analysisWorker.js');
const URI = 'file:///background.kl';

/** A statement of about a second: softmax of a uniform vector is that vector, 40 times over a million entries. */
function slowStatement(depth = 40): string {
  return `y = ${'softmax('.repeat(depth)}uniform(10^6)${')'.repeat(depth)}`;
}

beforeAll(() => ensureBuilt(), 120_000);

class Harness {
  document: TextDocument;
  readonly published: { analysis: DocumentAnalysis; version: number }[] = [];
  completions = 0;
  private readonly waiters: (() => void)[] = [];
  readonly store: AnalysisStore;

  constructor(text: string, workerScript = WORKER, languageId = 'kl') {
    this.document = TextDocument.create(URI, languageId, 1, text);
    this.store = new AnalysisStore(
      () => this.document,
      () => DEFAULT_SETTINGS,
      {
        onAnalyzed: (_uri, analysis, version) => this.published.push({ analysis, version }),
        onCompletedInBackground: () => {
          this.completions++;
          for (const wake of this.waiters.splice(0)) wake();
        },
        nextTurn: () => new Promise<void>((resolve) => setImmediate(resolve)),
      },
      undefined,
      { startWorker: () => new BackgroundAnalysis(workerScript), timePerStatement: 50 },
    );
  }

  edit(text: string): void {
    this.document = TextDocument.create(URI, this.document.languageId, this.document.version + 1, text);
  }

  /** Waits for the `count`-th completion in the background, then returns the current analysis. */
  async completed(count = 1): Promise<DocumentAnalysis> {
    const deadline = Date.now() + 60_000;
    while (this.completions < count) {
      if (Date.now() > deadline) throw new Error('the background analysis never completed');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return (await this.store.analysis(URI)) as DocumentAnalysis;
  }
}

/**
 * A copy to compare: without binding versions, which each thread numbers in its
 * own range, and with number arrays as their bytes (comparing a million entries
 * one by one takes the matcher seconds).
 */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Float64Array) return `Float64Array ${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, comparable(item)]));
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'version').map(([key, item]) => [key, comparable(item)]));
}

/** What a user sees of each statement: its value, check and diagnostics (binding versions differ between threads). */
function results(analysis: DocumentAnalysis): unknown {
  return comparable(analysis.statements.map(({ result }) => ({ value: result.value, check: result.check, diagnostics: result.diagnostics, pending: result.pending })));
}

describe('statements too slow for the server thread', () => {
  it('are pending in the first analysis, and computed by the worker without holding anything else back', async () => {
    const text = `P = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\n${slowStatement()}\nH(y)\nKL(P || Q) ≈ 0.2877\n`;
    const harness = new Harness(text);
    const first = (await harness.store.analysis(URI)) as DocumentAnalysis;
    expect(first.pending).toEqual({ statements: 2, timedOutNow: true });
    expect(first.statements.map((s) => s.result.pending)).toEqual([undefined, undefined, 'slow', 'reads-pending', undefined]);
    expect(first.statements[4].result.check?.pass).toBe(true);
    expect(first.diagnostics).toEqual([]);
    expect(harness.completions).toBe(0);

    const final = await harness.completed();
    expect(final.pending).toBeUndefined();
    expect(final.statements[3].result.value).toMatchObject({ kind: 'number', value: expect.closeTo(Math.log(1e6), 12) });
    expect(results(final)).toStrictEqual(results(analyze(text, 'kl')));
    expect(harness.published.map((p) => p.version)).toEqual([1, 1]);
    // The next edit starts from the worker's analysis, and agrees with a fresh one.
    harness.edit(text.replace('H(y)', 'H(y) + 1'));
    const edited = (await harness.store.analysis(URI)) as DocumentAnalysis;
    expect(edited.pending).toBeUndefined();
    expect(results(edited)).toStrictEqual(results(analyze(harness.document.getText(), 'kl')));
    harness.store.close(URI);
  });

  it('keep their background computation through edits elsewhere, which reuse the pending results', async () => {
    const text = `${slowStatement()}\nH(y)\nx = 1\n`;
    const harness = new Harness(text);
    await harness.store.analysis(URI);
    harness.edit(text.replace('x = 1', 'x = 2'));
    const edited = (await harness.store.analysis(URI)) as DocumentAnalysis;
    expect(edited.pending).toEqual({ statements: 2, timedOutNow: false });
    const final = await harness.completed();
    expect(harness.completions).toBe(1);
    expect(final.text).toContain('x = 2');
    expect(final.statements[1].result.value).toMatchObject({ value: expect.closeTo(Math.log(1e6), 12) });
    expect(results(final)).toStrictEqual(results(analyze(harness.document.getText(), 'kl')));
    harness.store.close(URI);
  });

  it('are computed again, the stale computation cancelled, when an edit changes them', async () => {
    const text = `${slowStatement()}\nH(y)\n`;
    const harness = new Harness(text);
    await harness.store.analysis(URI);
    harness.edit(text.replace('uniform(10^6)', 'uniform(2*10^6)'));
    const edited = (await harness.store.analysis(URI)) as DocumentAnalysis;
    expect(edited.pending?.timedOutNow).toBe(true);
    const final = await harness.completed();
    expect(final.statements[1].result.value).toMatchObject({ value: expect.closeTo(Math.log(2e6), 12) });
    // One completion: the first computation was cancelled, not finished and thrown away.
    expect(harness.completions).toBe(1);
    harness.store.close(URI);
  });

  it('fail with a located error, not forever pending, when the worker cannot run', async () => {
    const harness = new Harness(`${slowStatement()}\nH(y)\nz = 2\n`, path.join(ROOT, 'server/out/no-such-worker.js'));
    await harness.store.analysis(URI);
    const final = await harness.completed();
    expect(final.pending).toBeUndefined();
    const [failure, ...others] = final.diagnostics;
    expect(failure).toMatchObject({ code: 'not-computed', severity: 'error', span: { start: 0 } });
    expect(failure.message).toMatch(/could not compute this statement in the background: .*no-such-worker/);
    // What read y says that y has an error; the rest of the document is computed.
    expect(others.map((d) => d.code)).toEqual(['input-error']);
    expect(final.statements[2].result.value).toMatchObject({ value: 2 });
    harness.store.close(URI);
  });

  it('come back from the worker as the same data on every example, Markdown notes included', async () => {
    for (const file of ['examples/cross-entropy.kl', 'examples/gradients.kl', 'examples/language-tour.kl', 'examples/notes/cross-entropy.md']) {
      const example = readFileSync(path.join(ROOT, file), 'utf8');
      const markdown = file.endsWith('.md');
      const text = markdown ? `\`\`\`kl\n${slowStatement(20)}\n\`\`\`\n${example}` : `${slowStatement(20)}\n${example}`;
      const harness = new Harness(text, WORKER, markdown ? 'markdown' : 'kl');
      const partial = (await harness.store.analysis(URI)) as DocumentAnalysis;
      expect(partial.pending, file).toBeDefined();
      const final = await harness.completed();
      const reference = analyze(text, markdown ? 'markdown' : 'kl');
      expect(results(final), file).toStrictEqual(results(reference));
      expect(final.diagnostics, file).toStrictEqual(reference.diagnostics);
      expect(comparable(final.math), file).toStrictEqual(comparable(reference.math));
      expect(final.lineIndex.positionAt(text.length), file).toEqual(reference.lineIndex.positionAt(text.length));
      harness.store.close(URI);
    }
  });
});

describe('the server over stdio, while a statement computes in the background', () => {
  it('answers hovers, lenses and other documents at once, then asks the client to redraw the results', async () => {
    const session = await LspSession.start();
    try {
      const slow = 'file:///slow.kl';
      session.open(slow, `P = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\n${slowStatement(60)}\nH(y)\nKL(P || Q)\n`);
      const hover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: slow }, position: session.positionOf(slow, 'KL(P') });
      expect(hover.contents.value).toContain('0.2876820724517809');
      // The settings, read before the document is analysed, asked for one redraw already.
      const redraws = { ...session.refreshes };
      const pendingHover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: slow }, position: session.positionOf(slow, 'H(y)') });
      expect(pendingHover.contents.value).toContain('computed on a background thread');
      const nameHover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: slow }, position: session.positionOf(slow, 'y)') });
      expect(nameHover.contents.value).toContain('computed on a background thread');
      const lensTitles = async () => {
        const lenses = await session.request<{ range: { start: { line: number } }; command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: slow } });
        return lenses.sort((a, b) => a.range.start.line - b.range.start.line).map((lens) => lens.command.title);
      };
      expect(await lensTitles()).toEqual(['⋯ computing', '⋯ computing', 'KL = 0.28768 nats']);
      // Another document is analysed while the worker computes.
      const other = 'file:///other.kl';
      session.open(other, 'H([0.5, 0.5])\nH([0.5, 0.6])\n');
      expect((await session.diagnostics(other)).map((d) => d.code)).toEqual(['not-normalized']);
      expect(await session.diagnostics(slow)).toEqual([]);
      // All of that happened before the background result: the client had not been asked to redraw yet.
      expect(session.refreshes).toEqual(redraws);

      const deadline = Date.now() + 60_000;
      while (session.refreshes.codeLens === redraws.codeLens && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(session.refreshes).toEqual({ codeLens: redraws.codeLens + 1, inlayHint: redraws.inlayHint + 1 });
      expect(await lensTitles()).toEqual(['H = 13.816 nats', 'KL = 0.28768 nats']);
      expect(session.alive).toBe(true);
    } finally {
      await session.stop();
    }
  });
});
