// A client that breaks the framing of the base protocol over stdio: a header
// with no, a wrong or an absurd Content-Length, no blank line, garbage between
// messages. The server says so once in its log, drops what cannot be a
// message, and answers the next request within a second, still running.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession } from './lspSession';

const ANSWER_WITHIN_MS = 1000;
const URI = 'file:///framing/doc.kl';
const LOG_PREFIX = 'dropped input that is not a well-framed LSP message';

beforeAll(() => {
  ensureBuilt();
}, 60_000);

/** A message framed as a client would, with a Content-Length off by `shift` bytes. */
function framed(content: unknown, shift = 0): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...(content as object) }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length + shift}\r\n\r\n`, 'ascii'), body]);
}

/** A change of the whole text, as the editor sends it after an edit. */
function didChange(version: number, text: string, shift = 0): Buffer {
  return framed({ method: 'textDocument/didChange', params: { textDocument: { uri: URI, version }, contentChanges: [{ text }] } }, shift);
}

/** The names of the document's symbols, and how long the answer took; rejects when there is none within a second. */
async function symbolNames(session: LspSession): Promise<{ names: string[]; milliseconds: number }> {
  const started = performance.now();
  const answer = session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS));
  const symbols = await Promise.race([answer, timeout]);
  return { names: symbols.map((symbol) => symbol.name), milliseconds: performance.now() - started };
}

/** Waits for a log line of the server that contains `text`. */
async function logged(session: LspSession, text: string): Promise<string[]> {
  for (const deadline = Date.now() + ANSWER_WITHIN_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (session.logs.some((line) => line.includes(text))) break;
  }
  return session.logs.filter((line) => line.includes(LOG_PREFIX));
}

// [the malformation, the bytes the client writes between two messages, what the log line says]
const MALFORMED: [string, string | Buffer, string][] = [
  ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', 'a header without Content-Length'],
  ['a Content-Length that is not a number', 'Content-Length: twelve\r\n\r\n{}', 'a Content-Length that is not a number of bytes: "twelve"'],
  ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', 'a Content-Length that is not a number of bytes: "-5"'],
  ['a header with no blank line after it', 'Content-Length: 2\r\n{}', 'a header line that is not "Name: value"'],
  ['an unreadable header line', 'Content-Length: 2\r\nX-Broken\r\n\r\n{}', 'a header line that is not "Name: value"'],
  ['binary garbage between messages', Buffer.from([0, 0xff, 0xfe, 13, 10, 13, 10, 0x80, 1, 2, 3, 13, 10]), 'bytes that are not a header'],
  ['a Content-Length of 10^12', 'Content-Length: 1000000000000\r\n\r\n{}', 'a Content-Length of 1000000000000 bytes, over the limit of 268435456'],
  ['a Content-Length larger than the body that follows', 'Content-Length: 100\r\n\r\n{"jsonrpc": "2.0", "method": "$/nothing"}', 'a Content-Length of 100 bytes that runs into the next message'],
  ['a Content-Length smaller than the body', 'Content-Length: 10\r\n\r\n{"jsonrpc": "2.0", "method": "$/nothing"}', 'bytes that are not a header'],
];

describe('a client that breaks the framing', () => {
  let session: LspSession;
  afterEach(() => session.stop());

  async function startWithDocument(): Promise<void> {
    session = await LspSession.start();
    session.open(URI, 'P = [0.5, 0.5]\nH(P)\n');
    await session.diagnostics(URI);
  }

  it.each(MALFORMED)('%s: the server logs it once and answers the next request within a second', async (_, malformed, problem) => {
    await startWithDocument();
    await session.writeRaw(malformed);
    const { names, milliseconds } = await symbolNames(session);
    expect(names).toEqual(['P']);
    expect(milliseconds).toBeLessThan(ANSWER_WITHIN_MS);
    expect(await logged(session, problem)).toEqual([`${LOG_PREFIX} (${problem}); reading on from the next Content-Length header`]);
    expect(session.alive).toBe(true);
  });

  it('a header it does not know is no malformation: the message is read, nothing logged', async () => {
    await startWithDocument();
    const change = didChange(2, 'Q = [0.25, 0.75]\n');
    await session.writeRaw(Buffer.concat([Buffer.from('X-Trace: 42\r\n'), change]));
    expect((await symbolNames(session)).names).toEqual(['Q']);
    expect(session.logs.filter((line) => line.includes(LOG_PREFIX))).toEqual([]);
  });

  it('every malformation in a row, each cut into single bytes: the server answers after each one', async () => {
    await startWithDocument();
    for (const [, malformed] of MALFORMED) {
      for (const byte of Buffer.from(malformed)) await session.writeRaw(Buffer.from([byte]));
      expect((await symbolNames(session)).names).toEqual(['P']);
    }
    expect(session.alive).toBe(true);
  });

  // The limit of resynchronising: a Content-Length that is a number, but wrong, costs the message it frames.
  it('a change with too large a Content-Length is lost; the request after it is answered, on the text before it', async () => {
    await startWithDocument();
    await session.writeRaw(didChange(2, 'Lost = [0.1, 0.9]\n', 25));
    expect((await symbolNames(session)).names).toEqual(['P']);
    await session.writeRaw(didChange(3, 'Kept = [0.2, 0.8]\n'));
    expect((await symbolNames(session)).names).toEqual(['Kept']);
  });

  it('a change with too small a Content-Length is lost; the messages after it are read', async () => {
    await startWithDocument();
    await session.writeRaw(Buffer.concat([didChange(2, 'Lost = [0.1, 0.9]\n', -4), didChange(3, 'Kept = [0.2, 0.8]\n')]));
    expect((await symbolNames(session)).names).toEqual(['Kept']);
    expect(session.logs.filter((line) => line.includes(LOG_PREFIX))).toHaveLength(1);
  });

  it('a client that closes its end without shutdown ends the server, as before the guard', async () => {
    await startWithDocument();
    expect(await session.closeInput()).toBe(1);
  });
});
