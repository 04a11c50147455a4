// The framing guard between stdin and vscode-jsonrpc's reader, in process: what
// a client sends, cut into chunks anywhere, goes through the guard and then
// through the library's own reader, as in the server. Well-formed traffic comes
// out byte for byte; after each malformation the next messages are read.
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { FrameGuard } from '../../server/src/lsp/frameGuard';
import { MAX_MESSAGE_BYTES } from '../../server/src/lsp/messageHeader';
import { FUZZ_SEED, runs } from '../fuzz/documents';

const CONTENT_TYPE = 'Content-Type: application/vscode-jsonrpc; charset=utf-8';

/** A request as a client frames it; `header` spells the header, `text` goes into the parameters. */
function message(id: number, text = '', header = (length: number) => `Content-Length: ${length}\r\n\r\n`): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { text } }), 'utf8');
  return Buffer.concat([Buffer.from(header(body.length), 'ascii'), body]);
}

/** `bytes` cut at the given fractions of its length. */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const offsets = [...new Set(at.map((fraction) => Math.floor(fraction * bytes.length)))].sort((a, b) => a - b);
  return [...offsets, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : offsets[i - 1], end)).filter((chunk) => chunk.length > 0);
}

/** Writes `chunks` through a guard: what it passes on, one buffer per message, and the problems it reports. */
async function throughGuard(chunks: Buffer[]): Promise<{ passed: Buffer[]; problems: string[] }> {
  const problems: string[] = [];
  const guard = new FrameGuard((problem) => problems.push(problem));
  const passed: Buffer[] = [];
  guard.on('data', (data: Buffer) => passed.push(data));
  const ended = new Promise((resolve) => guard.on('end', resolve));
  for (const chunk of chunks) guard.write(chunk);
  guard.end();
  await ended;
  return { passed, problems };
}

/** The ids of the messages vscode-jsonrpc's reader reads from `chunks`, and how many errors it reports. */
async function readByLibrary(chunks: Buffer[]): Promise<{ ids: unknown[]; errors: number }> {
  const input = new PassThrough();
  const reader = new StreamMessageReader(input);
  reader.partialMessageTimeout = 0;
  const ids: unknown[] = [];
  let errors = 0;
  reader.onError(() => errors++);
  reader.listen((read) => ids.push((read as { id?: unknown }).id));
  for (const chunk of chunks) input.write(chunk);
  // The reader decodes one message per turn of the event loop: wait until nothing more comes.
  for (let seen = -1, quiet = 0; quiet < 5; ) {
    await new Promise((resolve) => setImmediate(resolve));
    quiet = ids.length + errors === seen ? quiet + 1 : 0;
    seen = ids.length + errors;
  }
  reader.dispose();
  return { ids, errors };
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 });

describe('well-formed traffic', () => {
  const headerSpellings: ((length: number) => string)[] = [
    (length) => `Content-Length: ${length}\r\n\r\n`,
    (length) => `Content-Length: ${length}\r\n${CONTENT_TYPE}\r\n\r\n`,
    (length) => `${CONTENT_TYPE}\r\nContent-Length: ${length}\r\n\r\n`,
    (length) => `content-length:${length}\r\n\r\n`,
    (length) => `CONTENT-LENGTH: \t${length} \r\n\r\n`,
  ];
  // Texts that look like framing from inside a JSON string, multi-byte UTF-8, and anything at all.
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom('Content-Length: 12\r\n\r\n{}', 'content-length: 99999999999\r\n', '\r\n\r\n', 'ü€😀 \u2028', 'Content-Length: 7', ''),
  );
  const stream = fc.array(fc.tuple(text, fc.integer({ min: 0, max: headerSpellings.length - 1 })), { minLength: 1, maxLength: 12 })
    .map((parts) => Buffer.concat(parts.map(([words, spelling], id) => message(id, words, headerSpellings[spelling]))));

  it('comes out byte for byte, cut into chunks at any byte', async () => {
    await fc.assert(fc.asyncProperty(stream, fractions, async (bytes, at) => {
      const { passed, problems } = await throughGuard(cut(bytes, at));
      expect(Buffer.concat(passed).equals(bytes)).toBe(true);
      expect(problems).toEqual([]);
    }), { seed: FUZZ_SEED, numRuns: runs(500) });
  });

  it('passes a didOpen of several megabytes whole, in 64 KiB chunks or in 1,000-byte ones', async () => {
    const text = 'P = [0.25, 0.75] # ü€😀 "Content-Length: 5"\r\n'.repeat(120_000);
    const bytes = Buffer.concat([message(1, text), message(2)]);
    expect(bytes.length).toBeGreaterThan(6_000_000);
    for (const size of [65_536, 1000]) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
      const { passed, problems } = await throughGuard(chunks);
      expect(passed.map((piece) => piece.length)).toEqual([message(1, text).length, message(2).length]);
      expect(Buffer.concat(passed).equals(bytes)).toBe(true);
      expect(problems).toEqual([]);
    }
  });

  it('keeps a header it does not know, which the library ignores', async () => {
    const bytes = message(1, '', (length) => `X-Trace: 7\r\nContent-Length: ${length}\r\n\r\n`);
    const { passed, problems } = await throughGuard([bytes]);
    expect(Buffer.concat(passed).equals(bytes)).toBe(true);
    expect(problems).toEqual([]);
    expect((await readByLibrary(passed)).ids).toEqual([1]);
  });
});

describe('a malformed frame, then two good messages', () => {
  const [first, second] = [message(1), message(2)];
  const lost = message(0, 'the message whose length is wrong');
  const body = lost.subarray(lost.indexOf('{'));
  // [the malformation, what the client sent, the problems reported]
  const cases: [string, Buffer, RegExp[]][] = [
    ['a header without Content-Length', Buffer.from(`${CONTENT_TYPE}\r\n\r\n{}`), [/^a header without Content-Length$/]],
    ['a Content-Length that is not a number', Buffer.from('Content-Length: abc\r\n\r\n{}'), [/^a Content-Length that is not a number of bytes: "abc"$/]],
    ['a negative Content-Length', Buffer.from('Content-Length: -5\r\n\r\n{}'), [/not a number of bytes: "-5"/]],
    ['a Content-Length with more after the number', Buffer.from('Content-Length: 2abc\r\n\r\n{}'), [/not a number of bytes: "2abc"/]],
    ['two Content-Lengths that disagree', Buffer.from('Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}'), [/^two Content-Lengths, 2 and 3$/, /^a Content-Length of 3 bytes that runs into the next message$/]],
    ['a header with no blank line after it', Buffer.from('Content-Length: 2\r\n{}'), [/^a header line that is not "Name: value"$/]],
    ['a header line without a colon', Buffer.from('Content-Length: 2\r\nno colon here\r\n\r\n{}'), [/^a header line that is not "Name: value"$/]],
    ['a header ended by LF alone', Buffer.from('Content-Length: 2\n\n{}'), [/^bytes that are not a header$/]],
    ['a stray blank line between messages', Buffer.from('\r\n'), [/^an empty line where a header should start$/]],
    ['binary garbage', Buffer.from([0, 0xff, 0xfe, 13, 10, 13, 10, 1, 0x80, 0x7f, 58, 32]), [/^bytes that are not a header$/]],
    ['a header longer than 4 KiB', Buffer.from(`X-Padding: ${'a'.repeat(5000)}\r\n\r\n`), [/^a header longer than 4096 bytes$/]],
    ['a Content-Length of 10^12', Buffer.from('Content-Length: 1000000000000\r\n\r\n{}'), [/^a Content-Length of 1000000000000 bytes, over the limit of 268435456$/]],
    ['a Content-Length one over the limit', Buffer.from(`Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n{}`), [/over the limit of 268435456$/]],
    ['a Content-Length larger than the body', Buffer.concat([Buffer.from(`Content-Length: ${body.length + 30}\r\n\r\n`), body]), [/^a Content-Length of \d+ bytes that runs into the next message$/]],
    ['a Content-Length smaller than the body', Buffer.concat([Buffer.from(`Content-Length: ${body.length - 9}\r\n\r\n`), body]), [/^bytes that are not a header$/]],
  ];

  it.each(cases)('%s: the next messages are read, cut into chunks anywhere, and the problem is reported', async (_, malformed, reported) => {
    const bytes = Buffer.concat([malformed, first, second]);
    await fc.assert(fc.asyncProperty(fractions, async (at) => {
      const { passed, problems } = await throughGuard(cut(bytes, at));
      expect(problems).toHaveLength(reported.length);
      reported.forEach((problem, i) => expect(problems[i]).toMatch(problem));
      expect((await readByLibrary(passed)).ids).toEqual([1, 2]);
    }), { seed: FUZZ_SEED, numRuns: runs(100) });
  });

  // What the guard is for: without it, vscode-jsonrpc's reader reads none of the later messages.
  it.each(cases.filter(([name]) => /not a number|negative|no blank line|binary|larger|smaller|10\^12/.test(name)))('%s: without the guard, the library reads neither', async (_, malformed) => {
    expect((await readByLibrary([malformed, first, second])).ids).toEqual([]);
  });
});

describe('a stream damaged anywhere', () => {
  // Bytes of any kind, and pieces of headers, but no Content-Length: nothing that could be resynchronised on.
  const headerPieces = fc.array(fc.constantFrom('X-Trace: 1\r\n', `${CONTENT_TYPE}\r\n`, '\r\n', '\r', '\n', ':', ' ', 'Content-Len', 'content-lengt', 'gth: 12\r\n', '{}', '\u0000'), { minLength: 1, maxLength: 8 })
    .map((pieces) => Buffer.from(pieces.join(''), 'latin1'));
  const garbage = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.from(bytes)), headerPieces)
    .filter((bytes) => !/content-length/i.test(bytes.toString('latin1')));
  const part = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }).map((text) => ({ kind: 'good' as const, text })) },
    { weight: 1, arbitrary: garbage.map((bytes) => ({ kind: 'garbage' as const, bytes })) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 30 }), fc.integer({ min: -20, max: 40 }).filter((shift) => shift !== 0)).map(([text, shift]) => ({ kind: 'wrong length' as const, text, shift })) },
  );

  it('gives the library every good message, in order, however it is cut', async () => {
    await fc.assert(fc.asyncProperty(fc.array(part, { maxLength: 12 }), fractions, async (parts, at) => {
      const good: number[] = [];
      const bytes = Buffer.concat(parts.map((each, id) => {
        if (each.kind === 'garbage') return each.bytes;
        if (each.kind === 'good') {
          good.push(id);
          return message(id, each.text);
        }
        return message(id, each.text, (length) => `Content-Length: ${Math.max(0, length + each.shift)}\r\n\r\n`);
      }));
      const { passed } = await throughGuard(cut(bytes, at));
      const { ids } = await readByLibrary(passed);
      expect(ids.filter((id) => good.includes(id as number))).toEqual(good);
      // A length too large by a few blanks still frames valid JSON: that message may be read too, in its place.
      expect(ids.every((id) => typeof id === 'number' && parts[id].kind !== 'garbage')).toBe(true);
      expect(ids).toEqual([...ids].sort((a, b) => (a as number) - (b as number)));
    }), { seed: FUZZ_SEED, numRuns: runs(500) });
  });
});
