// A user who types anything anywhere: random incremental edits, requests at
// random places after each, and at the end the same answers as opening the
// final text afresh. Seeded, so a failure replays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession } from './lspSession';

const START = [
  '# region model',
  'units bits',
  'P = [0.5, 0.25, 0.25]',
  'Q = {a: 0.5, b: 0.5}',
  'R = [',
  '  0.2, 0.8',
  ']',
  '# endregion',
  'KL(P || [0.25, 0.5, 0.25]) ≈ 0.25',
  'H(Q)',
  'JS(R || [0.5, 0.5])',
  'x = CE(P, softmax([1, 2, 3]))',
].join('\n');

const PIECES = ['P', 'Q', 'R', 'x', ' ', '\n', '[', ']', '(', ')', '{', '}', ',', '0.', '5', '||', '≈', '=', 'KL(', 'H(', 'normalize(', '#', '"', 'ŷ', '±', '%', '^', '-', 'units ', 'precision 20\n'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

let session: LspSession;
beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start();
}, 60_000);
afterAll(() => session.stop());

describe('random typing', () => {
  it.each([1, 2, 3])('never gets an error answer, and ends where a fresh open of the same text ends (seed %i)', async (seed) => {
    const next = random(seed);
    const uri = `file:///random/${seed}.kl`;
    session.open(uri, START);
    const failures: string[] = [];
    const ask = async (method: string, params: object) => {
      try {
        await session.request(method, params);
      } catch (error) {
        // prepareRename answers a builtin or a directive with the reason it cannot be renamed: an answer, not a failure.
        if (method === 'textDocument/prepareRename' && (error as { code?: number }).code === ErrorCodes.InvalidRequest) return;
        failures.push(`${method}: ${(error as Error).message}`);
      }
    };
    for (let step = 0; step < 120; step++) {
      const document = session.document(uri);
      const length = document.getText().length;
      const start = Math.floor(next() * (length + 1));
      const end = next() < 0.3 ? Math.min(length, start + Math.floor(next() * 6)) : start;
      const text = next() < 0.8 ? PIECES[Math.floor(next() * PIECES.length)] : '';
      session.edit(uri, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text }]);
      const position = session.document(uri).positionAt(Math.floor(next() * (session.text(uri).length + 1)));
      const textDocument = { uri };
      await Promise.all([
        ask('textDocument/hover', { textDocument, position }),
        ask('textDocument/codeLens', { textDocument }),
        ask('textDocument/completion', { textDocument, position }),
        ask('textDocument/signatureHelp', { textDocument, position }),
        ask('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: position } }),
        ask('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
        ask('textDocument/documentHighlight', { textDocument, position }),
        ask('textDocument/prepareRename', { textDocument, position }),
        ask('textDocument/semanticTokens/full', { textDocument }),
        ask('textDocument/foldingRange', { textDocument }),
        ask('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
        ask('textDocument/documentSymbol', { textDocument }),
      ]);
    }
    expect(failures).toEqual([]);
    expect(session.alive).toBe(true);
    const incremental = await session.diagnostics(uri);
    const fresh = `file:///random/${seed}-fresh.kl`;
    session.open(fresh, session.text(uri));
    expect(await session.diagnostics(fresh)).toEqual(incremental.map((diagnostic) => ({
      ...diagnostic,
      ...(diagnostic.relatedInformation ? { relatedInformation: diagnostic.relatedInformation.map((related) => ({ ...related, location: { ...related.location, uri: fresh } })) } : {}),
    })));
    const symbols = async (file: string) => session.request('textDocument/documentSymbol', { textDocument: { uri: file } });
    expect(await symbols(fresh)).toEqual(await symbols(uri));
  }, 60_000);
});
