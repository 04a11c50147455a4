// A throw-away workspace on disk, and documents analysed inside it the way the
// CLI and the server do (a host rooted at the workspace, trusted unless said).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { DEFAULT_MAX_FILE_BYTES, type FileHost, type FileSystem } from '../../server/src/language/load/fileHost';
import { nodeFileSystem } from '../../server/src/language/load/nodeFileHosts';

export interface Workspace {
  root: string;
  write(path: string, content: string | Uint8Array): string;
  host(overrides?: Partial<FileHost>): FileHost;
  analyze(text: string, options?: { host?: Partial<FileHost>; previous?: Analysis; maxElements?: number; timePerStatement?: number }): Analysis;
}

/** A fresh folder under the system's temporary folder, removed after the test file. */
export function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'kl-load-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const host = (overrides: Partial<FileHost> = {}): FileHost => ({
    documentPath: join(root, 'notes.kl'),
    workspaceRoot: root,
    trusted: true,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    fileSystem: nodeFileSystem,
    ...overrides,
  });
  return {
    root,
    write(path, content) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    host,
    analyze: (text, options = {}) => {
      const timeLimit = options.timePerStatement !== undefined ? { timePerStatement: options.timePerStatement } : {};
      return analyze(text, 'kl', { defaultUnits: 'nats', limits: { maxElements: options.maxElements ?? 10_000_000 }, files: host(options.host), ...timeLimit }, options.previous);
    },
  };
}

/** The node file system, counting what it reads. */
export function countingFileSystem(): FileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    realPath: (path) => nodeFileSystem.realPath(path),
    stat: (path) => nodeFileSystem.stat(path),
    isSymbolicLink: (path) => nodeFileSystem.isSymbolicLink(path),
    read: (path, maxBytes, insideFolder) => {
      reads.push(path);
      return nodeFileSystem.read(path, maxBytes, insideFolder);
    },
  };
}

/** The bytes numpy.save writes for a 1-D or 2-D array with this header. */
export function npyBytes(header: string, data: Uint8Array, version = 1): Uint8Array {
  const prefixLength = version === 1 ? 10 : 12;
  let text = header;
  while ((prefixLength + text.length + 1) % 64 !== 0) text += ' ';
  text += '\n';
  const bytes = new Uint8Array(prefixLength + text.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(bytes.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  bytes.set(new TextEncoder().encode(text), prefixLength);
  bytes.set(data, prefixLength + text.length);
  return bytes;
}

export function float64Bytes(values: number[], littleEndian = true): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((x, i) => view.setFloat64(i * 8, x, littleEndian));
  return bytes;
}

/** What the user sees: each diagnostic's code, the text it underlines and its message. */
export function problems(analysis: Analysis): { code: string; at: string; message: string }[] {
  return analysis.diagnostics.map((d) => ({ code: d.code, at: analysis.text.slice(d.span.start, d.span.end), message: d.message }));
}
