// What `load()` may know about the world: the document's place, the folder it
// must stay inside, whether the user trusts that folder, and a small file
// system. The engine never imports `node:fs`; the CLI and the server hand it a
// host (see nodeFileHosts.ts), and without one `load()` reports that files
// cannot be read here.

/** A file as `stat` sees it (symbolic links followed). */
export interface FileStat {
  type: 'file' | 'directory' | 'other';
  size: number;
  /** Modification time, as precise as the file system keeps it. */
  modified: string;
  /** Device and inode: a file replaced by another under the same name has another identity. */
  identity: string;
}

export type FileProblemKind = 'missing' | 'denied' | 'not-a-file' | 'too-large' | 'unreadable' | 'outside';

export interface FileProblem {
  problem: FileProblemKind;
  /** What the operating system said, for the message (e.g. `EACCES`). */
  detail?: string;
}

export interface FileSystem {
  /** The canonical absolute path, symbolic links resolved. */
  realPath(path: string): string | FileProblem;
  stat(path: string): FileStat | FileProblem;
  /** Whether `path` itself is a symbolic link (not followed); false when there is nothing there. */
  isSymbolicLink(path: string): boolean;
  /**
   * The bytes of a regular file of at most `maxBytes`, with the stat of the
   * opened file. Must not block on a FIFO or a device, and must refuse them.
   * The file opened, whatever path led to it, must lie inside the real folder
   * `insideFolder` (`outside` otherwise): a folder of the path swapped for a
   * link after the checks must not lead the read out.
   */
  read(path: string, maxBytes: number, insideFolder: string): { bytes: Uint8Array; stat: FileStat } | FileProblem;
}

export interface FileHost {
  /** The document's absolute path; relative paths start from its folder. Absent for an unsaved document. */
  documentPath?: string;
  /** The folder every loaded file must be inside; absent: the document's folder. */
  workspaceRoot?: string;
  /** Whether the user trusts the workspace: `load()` reads nothing in an untrusted one. */
  trusted: boolean;
  /** Files larger than this are refused (setting `kl.limits.maxFileBytes`). */
  maxFileBytes: number;
  fileSystem: FileSystem;
}

export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

export function isFileProblem(value: unknown): value is FileProblem {
  return typeof value === 'object' && value !== null && 'problem' in value;
}
