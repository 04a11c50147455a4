// What load() reads where the server has no file system of its own (a
// browser's Web Worker): the files the client reads for it through
// `workspace.fs` (READ_FILE_REQUEST). The engine reads files synchronously,
// so a file not read yet is answered "being read" at once and asked of the
// client; when its answer comes, the documents that load it are analysed
// again (unchanged statements are reused) and get its value.
//
// Paths are the paths of the URIs, which are POSIX paths; one file system per
// scheme and authority (`vscode-vfs://github`), so a path leads back to its URI.
import type { Connection } from 'vscode-languageserver';
import type { FileProblem, FileStat, FileSystem, FileHost } from '../language/load/fileHost';
import { isInside } from '../language/load/loadPath';
import type { LoadFiles } from './environment';
import { READ_FILE_REQUEST, type ReadFileAnswer } from './klProtocol';

const BEING_READ: FileProblem = { problem: 'unreadable', detail: 'being read through the editor' };

/** A file the client read: its stat, and its bytes until the engine has taken them. */
type Known = { stat: FileStat; bytes?: Uint8Array } | FileProblem;

class ClientFileSystem implements FileSystem {
  private readonly known = new Map<string, Known>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly origin: string,
    private readonly ask: (uri: string, maxBytes: number) => Promise<ReadFileAnswer>,
    private readonly onRead: (path: string) => void,
    private readonly maxBytes: () => number,
  ) {}

  /** workspace.fs resolves no link: the client refuses any on the way instead (`outside`). */
  realPath(path: string): string {
    return path;
  }

  stat(path: string): FileStat | FileProblem {
    const known = this.known.get(path);
    if (known === undefined) return this.startReading(path);
    return 'problem' in known ? known : known.stat;
  }

  isSymbolicLink(): boolean {
    return false;
  }

  read(path: string, maxBytes: number, insideFolder: string): { bytes: Uint8Array; stat: FileStat } | FileProblem {
    if (!isInside(path, insideFolder)) return { problem: 'outside' };
    const known = this.known.get(path);
    if (known === undefined) return this.startReading(path);
    if ('problem' in known) return known;
    if (known.stat.size > maxBytes) return { problem: 'too-large' };
    // The engine keeps what it parsed (keyed by the stat); the bytes are not kept twice. Asked again, they are read again.
    if (!known.bytes) {
      this.known.delete(path);
      return this.startReading(path);
    }
    const bytes = known.bytes;
    known.bytes = undefined;
    return { bytes, stat: known.stat };
  }

  /** The file changed: what was read of it is forgotten, and read again when next needed. */
  forget(path: string): void {
    this.known.delete(path);
  }

  private startReading(path: string): FileProblem {
    if (this.asked.has(path)) return BEING_READ;
    this.asked.add(path);
    const uri = `${this.origin}${path.split('/').map(encodeURIComponent).join('/')}`;
    void this.ask(uri, this.maxBytes())
      .then(
        (answer): Known => ('problem' in answer ? answer : { stat: { type: 'file', size: answer.size, modified: answer.modified, identity: uri }, bytes: bytesOf(answer.base64) }),
        (reason: unknown): Known => ({ problem: 'unreadable', detail: reason instanceof Error ? reason.message : String(reason) }),
      )
      .then((known) => {
        this.asked.delete(path);
        this.known.set(path, known);
        this.onRead(path);
      });
    return BEING_READ;
  }
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A URI as its origin (`scheme://authority`) and its decoded path; undefined for one without `//`. */
function splitUri(uri: string): { origin: string; path: string } | undefined {
  const parts = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?/i.exec(uri);
  if (!parts) return undefined;
  try {
    return { origin: parts[1].toLowerCase(), path: decodeURIComponent(parts[2] ?? '/') };
  } catch {
    return undefined;
  }
}

/** load() through the client: one file system per origin, and who hears that a file's answer came. */
export class ClientFiles implements LoadFiles {
  private readonly systems = new Map<string, ClientFileSystem>();
  private readonly listeners: ((path: string) => void)[] = [];
  /** The setting kl.limits.maxFileBytes (window-wide) as the last host had it: the largest file the client is asked for. */
  private maxFileBytes = 0;

  constructor(private readonly connection: Connection) {}

  hostFor(documentUri: string, workspaceFolderUris: readonly string[], trusted: boolean, maxFileBytes: number): FileHost | undefined {
    this.maxFileBytes = maxFileBytes;
    const document = splitUri(documentUri);
    if (!document) return undefined;
    const roots = workspaceFolderUris
      .map(splitUri)
      .filter((folder) => folder !== undefined && folder.origin === document.origin && isInside(document.path, folder.path))
      .map((folder) => (folder as { path: string }).path);
    const workspaceRoot = roots.sort((a, b) => b.length - a.length)[0];
    return { documentPath: document.path, ...(workspaceRoot !== undefined ? { workspaceRoot } : {}), trusted, maxFileBytes, fileSystem: this.systemOf(document.origin) };
  }

  pathOf(uri: string): string | undefined {
    return splitUri(uri)?.path;
  }

  changed(uri: string): void {
    const file = splitUri(uri);
    if (file) this.systems.get(file.origin)?.forget(file.path);
  }

  onFileRead(listener: (path: string) => void): void {
    this.listeners.push(listener);
  }

  private systemOf(origin: string): ClientFileSystem {
    let system = this.systems.get(origin);
    if (!system) {
      system = new ClientFileSystem(
        origin,
        (uri, maxBytes) => this.connection.sendRequest<ReadFileAnswer>(READ_FILE_REQUEST, { uri, maxBytes }),
        (path) => this.listeners.forEach((listener) => listener(path)),
        () => this.maxFileBytes,
      );
      this.systems.set(origin, system);
    }
    return system;
  }
}
