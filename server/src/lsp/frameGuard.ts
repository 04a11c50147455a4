// Between standard input and vscode-jsonrpc's reader. That reader trusts every
// header: one it cannot read is reported and it goes on at the next byte, so
// the rest of a body is taken for the next header and every later message is
// lost; a Content-Length too large makes it wait, buffering everything, for
// ever. The guard passes on whole messages only, each with a header it has
// checked, drops what cannot be a message (saying so once), and reads on from
// the next `Content-Length:` line.
import { Transform, type TransformCallback } from 'node:stream';
import { CONTENT_LENGTH_NAME_BYTES, cutContentLength, isContentLengthLine, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, nextContentLength, readHeader } from './messageHeader';

/** The message being received: offsets from its first byte. */
interface MessageInProgress {
  headerLength: number;
  contentLength: number;
  /** Where the search for a Content-Length line inside the body goes on. */
  searchFrom: number;
}

export class FrameGuard extends Transform {
  /** Bytes received and neither passed on nor dropped: held[0, heldLength). Replaced, never written over, once a message in it is passed on. */
  private held = Buffer.alloc(0);
  private heldLength = 0;
  private message: MessageInProgress | undefined;
  /** Between a malformation and the next good header: only the first problem of a run is reported. */
  private dropping = false;

  /** `report` is told, in one line, why input was dropped. */
  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const fromHeld = this.heldLength > 0;
    const data = fromHeld ? this.append(chunk) : chunk;
    const { keepFrom, passedOn } = this.pass(data);
    const rest = data.subarray(keepFrom);
    if (fromHeld && !passedOn) {
      this.held.copyWithin(0, keepFrom, data.length);
      this.heldLength = rest.length;
    } else {
      // Messages passed on point into `held`: the rest goes to fresh memory.
      if (fromHeld) this.held = Buffer.alloc(0);
      this.heldLength = 0;
      this.append(rest);
    }
    done();
  }

  /** Passes on every whole message at the start of `data`; `keepFrom`: where the bytes still needed start. */
  private pass(data: Buffer): { keepFrom: number; passedOn: boolean } {
    let passedOn = false;
    for (let at = 0; ; ) {
      if (!this.message) {
        const header = readHeader(data, at);
        if (header.kind === 'incomplete') return { keepFrom: at, passedOn };
        if (header.kind === 'malformed') {
          if (!this.dropping) this.report(header.problem);
          this.dropping = true;
          const next = nextContentLength(data, at + 1, data.length);
          // With no name in sight, keep the last bytes: a name may start there.
          if (next < 0) return { keepFrom: Math.max(at + 1, data.length - CONTENT_LENGTH_NAME_BYTES + 1), passedOn };
          at = next;
          continue;
        }
        this.dropping = false;
        this.message = { headerLength: header.length, contentLength: header.contentLength, searchFrom: header.length };
      }
      const message = this.message;
      const end = at + message.headerLength + message.contentLength;
      const nextHeader = this.contentLengthInBody(data, at, message);
      if (nextHeader === 'wait') return { keepFrom: at, passedOn };
      this.message = undefined;
      if (nextHeader !== undefined) {
        this.report(`a Content-Length of ${message.contentLength} bytes that runs into the next message`);
        at = nextHeader;
        continue;
      }
      this.push(data.subarray(at, end));
      passedOn = true;
      at = end;
    }
  }

  /**
   * Where a Content-Length line starts inside the body of the message at `at`
   * (its length was too large: the next message began before its end), or
   * undefined when there is none and the body is whole; 'wait' for more bytes.
   */
  private contentLengthInBody(data: Buffer, at: number, message: MessageInProgress): number | undefined | 'wait' {
    const end = at + message.headerLength + message.contentLength;
    const before = Math.min(end, data.length);
    for (let found = nextContentLength(data, at + message.searchFrom, before); found >= 0; found = nextContentLength(data, found + 1, before)) {
      const line = isContentLengthLine(data, found);
      if (line) return found;
      if (line === undefined) {
        message.searchFrom = found - at;
        return 'wait';
      }
    }
    // A name cut by the end of the data is searched again with the bytes that complete it.
    const cut = cutContentLength(data, at + message.searchFrom, before);
    if (cut >= 0) {
      message.searchFrom = cut - at;
      return 'wait';
    }
    message.searchFrom = Math.max(message.searchFrom, before - at);
    return data.length < end ? 'wait' : undefined;
  }

  private append(chunk: Buffer): Buffer {
    const length = this.heldLength + chunk.length;
    if (length > this.held.length) {
      // Doubling: a message that comes in many chunks is copied about twice, not once per chunk.
      const grown = Buffer.allocUnsafe(Math.max(length, Math.min(2 * this.held.length, MAX_HEADER_BYTES + MAX_MESSAGE_BYTES)));
      this.held.copy(grown, 0, 0, this.heldLength);
      this.held = grown;
    }
    chunk.copy(this.held, this.heldLength);
    this.heldLength = length;
    return this.held.subarray(0, length);
  }
}
