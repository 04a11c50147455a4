// The header of an LSP message (base protocol: `Name: value` lines ended by
// CRLF, a blank line, then Content-Length bytes of body), read strictly enough
// that every header passed here is read the same way by vscode-jsonrpc, and the
// Content-Length lines a framing guard resynchronises on.

/**
 * The largest body accepted, in bytes: room for the largest document VS Code
 * synchronises with extensions (50 M characters) as UTF-8 and JSON-escaped,
 * and half of V8's longest string (2^29 characters), into which vscode-jsonrpc
 * decodes a body.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** The longest header, blank line included; real ones are under 100 bytes. */
export const MAX_HEADER_BYTES = 4096;

export type HeaderReading =
  /** `length`: the bytes of the header, its blank line included. */
  | { kind: 'header'; length: number; contentLength: number }
  /** What has arrived could still become a header. */
  | { kind: 'incomplete' }
  | { kind: 'malformed'; problem: string };

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

// RFC 9110 field names (tokens); values of visible ASCII, spaces and tabs.
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):([\x20-\x7e\t]*)$/;
const HEADER_LINE_START = /^(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?::[\x20-\x7e\t]*)?)?\r?$/;

/** Reads the header that starts at `start` in `data`. */
export function readHeader(data: Buffer, start: number): HeaderReading {
  const searchEnd = Math.min(data.length, start + MAX_HEADER_BYTES);
  let contentLength: number | undefined;
  for (let at = start; ; ) {
    const lineEnd = data.subarray(0, searchEnd).indexOf(CRLF, at);
    if (lineEnd < 0) {
      if (!HEADER_LINE_START.test(data.toString('latin1', at, searchEnd))) return malformed(at === start ? 'bytes that are not a header' : 'a header line that is not "Name: value"');
      return searchEnd - start < MAX_HEADER_BYTES ? { kind: 'incomplete' } : malformed(`a header longer than ${MAX_HEADER_BYTES} bytes`);
    }
    if (lineEnd === at) {
      if (at === start) return malformed('an empty line where a header should start');
      if (contentLength === undefined) return malformed('a header without Content-Length');
      return { kind: 'header', length: at + CRLF.length - start, contentLength };
    }
    const line = HEADER_LINE.exec(data.toString('latin1', at, lineEnd));
    if (!line) return malformed(at === start ? 'bytes that are not a header' : 'a header line that is not "Name: value"');
    if (line[1].toLowerCase() === 'content-length') {
      const value = line[2].trim();
      if (!/^[0-9]+$/.test(value)) return malformed(`a Content-Length that is not a number of bytes: ${JSON.stringify(value.slice(0, 40))}`);
      const length = Number(value);
      if (contentLength !== undefined && length !== contentLength) return malformed(`two Content-Lengths, ${contentLength} and ${length}`);
      if (length > MAX_MESSAGE_BYTES) return malformed(`a Content-Length of ${value.length > 20 ? `${value.slice(0, 20)}…` : value} bytes, over the limit of ${MAX_MESSAGE_BYTES}`);
      contentLength = length;
    }
    at = lineEnd + CRLF.length;
  }
}

function malformed(problem: string): HeaderReading {
  return { kind: 'malformed', problem };
}

// The spellings searched for: the specification's and the all-lower-case one.
// A header read at a message boundary may spell the name in any case.
const CONTENT_LENGTH_NAMES = [Buffer.from('Content-Length:'), Buffer.from('content-length:')];
/** Every spelling has this many bytes. */
export const CONTENT_LENGTH_NAME_BYTES = CONTENT_LENGTH_NAMES[0].length;

/** Where the first `Content-Length:` starting in [from, before) is, whole in `data`; -1 if there is none. */
export function nextContentLength(data: Buffer, from: number, before: number): number {
  const searched = data.subarray(0, Math.min(data.length, before + CONTENT_LENGTH_NAME_BYTES - 1));
  let first = -1;
  for (const name of CONTENT_LENGTH_NAMES) {
    const at = searched.indexOf(name, from);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

/** Where the first `Content-Length:` starting in [from, before) is cut short by the end of `data`; -1 if there is none. */
export function cutContentLength(data: Buffer, from: number, before: number): number {
  for (let at = Math.max(from, data.length - CONTENT_LENGTH_NAME_BYTES + 1); at < Math.min(before, data.length); at++) {
    if (CONTENT_LENGTH_NAMES.some((name) => name.subarray(0, data.length - at).equals(data.subarray(at)))) return at;
  }
  return -1;
}

/**
 * Whether a whole `Content-Length: <digits>` line, CRLF included, starts at
 * `at` (where nextContentLength found the name); undefined while `data` ends
 * before it can tell. Such a line never occurs inside a JSON body: its letters
 * could only be in a string, and a JSON string holds no raw CR.
 */
export function isContentLengthLine(data: Buffer, at: number): boolean | undefined {
  let index = at + CONTENT_LENGTH_NAME_BYTES;
  const end = Math.min(data.length, at + MAX_HEADER_BYTES);
  const skipBlanks = () => {
    while (index < end && (data[index] === 0x20 || data[index] === 0x09)) index++;
  };
  skipBlanks();
  const digitsStart = index;
  while (index < end && data[index] >= 0x30 && data[index] <= 0x39) index++;
  if (index < end && index === digitsStart) return false;
  skipBlanks();
  if (index < end && data[index] !== CR) return false;
  if (index + 1 < end) return data[index + 1] === LF;
  return end === data.length ? undefined : false;
}
