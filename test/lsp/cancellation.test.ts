// A request the client cancels is answered as cancelled at once, even while
// the server still analyses the document it asks about.
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspSession } from './lspSession';

let session: LspSession;
beforeAll(() => ensureBuilt(), 120_000);
afterEach(() => session.stop());

/** 100,000 statements: the analysis takes about a second, in slices. */
const BIG = Array.from({ length: 50_000 }, (_, i) => `P${i} = [0.${(i % 9) + 1}, ${1 - ((i % 9) + 1) / 10}]\nH(P${i})`).join('\n');

describe('cancellation', () => {
  it('answers a cancelled hover with RequestCancelled before the analysis it waits for is done', async () => {
    session = await LspSession.start();
    const uri = 'file:///big.kl';
    session.open(uri, BIG);
    const source = new CancellationTokenSource();
    const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } }, source.token);
    setTimeout(() => source.cancel(), 20);
    const error = await hover.then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<void>).code).toBe(LSPErrorCodes.RequestCancelled);
    expect(session.published.filter((each) => each.uri === uri)).toEqual([]);
    // The analysis goes on for the requests that still want it.
    await session.diagnostics(uri);
    const answered = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } });
    expect(answered.contents.value).toContain('0.325');
  });
});
