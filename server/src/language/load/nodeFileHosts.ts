// The file access `load()` gets in Node: a FileSystem over node:fs, and the
// hosts the CLI and the language server build around it.
//
// Opening uses O_NONBLOCK, so that a FIFO put where a data file was expected
// cannot hang the server, and O_NOFOLLOW on the real path, so that the file
// checked is the file read; the opened file is checked again with fstat, and
// where it lies is asked of the descriptor itself (O_NOFOLLOW guards only the
// last part of the path: a folder of it swapped for a link still leads out).
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInside } from './loadPath';
import { DEFAULT_MAX_FILE_BYTES, type FileHost, type FileProblem, type FileStat, type FileSystem } from './fileHost';

export const nodeFileSystem: FileSystem = {
  realPath(path) {
    try {
      return realpathSync.native(path);
    } catch (reason) {
      return problemOf(reason);
    }
  },
  stat(path) {
    try {
      return statOf(statSync(path, { bigint: true }));
    } catch (reason) {
      return problemOf(reason);
    }
  },
  isSymbolicLink(path) {
    try {
      return lstatSync(path).isSymbolicLink();
    } catch {
      return false;
    }
  },
  read(path, maxBytes, insideFolder) {
    let descriptor: number;
    try {
      descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    } catch (reason) {
      return problemOf(reason);
    }
    try {
      const stats = fstatSync(descriptor, { bigint: true });
      const opened = openedPath(descriptor, path, stats);
      if (opened === undefined || !isInside(opened, insideFolder)) return { problem: 'outside' };
      if (!stats.isFile()) return { problem: 'not-a-file' };
      if (stats.size > BigInt(maxBytes)) return { problem: 'too-large' };
      const size = Number(stats.size);
      const bytes = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const count = readSync(descriptor, bytes, filled, size - filled, null);
        if (count === 0) break;
        filled += count;
      }
      if (filled !== size) return { problem: 'unreadable', detail: 'it changed while being read' };
      return { bytes, stat: statOf(stats) };
    } catch (reason) {
      return problemOf(reason);
    } finally {
      closeSync(descriptor);
    }
  },
};

/**
 * Where the opened file lies: as Linux tells of the descriptor
 * (`/proc/self/fd/N`); elsewhere the real path of `path` now, if it is still
 * the same file as the descriptor's; undefined when that cannot be known.
 */
function openedPath(descriptor: number, path: string, stats: BigIntStats): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${descriptor}`);
  } catch {
    try {
      const now = realpathSync.native(path);
      const nowStats = statSync(now, { bigint: true });
      return nowStats.dev === stats.dev && nowStats.ino === stats.ino ? now : undefined;
    } catch {
      return undefined;
    }
  }
}

function statOf(stats: BigIntStats): FileStat {
  return {
    type: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
    size: Number(stats.size),
    modified: String(stats.mtimeNs),
    identity: `${stats.dev}:${stats.ino}`,
  };
}

function problemOf(reason: unknown): FileProblem {
  const code = (reason as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
  if (code === 'EACCES' || code === 'EPERM') return { problem: 'denied' };
  if (code === 'ELOOP') return { problem: 'unreadable', detail: 'too many symbolic links' };
  return { problem: 'unreadable', ...(code ? { detail: code } : {}) };
}

/**
 * The CLI's host: trusted (the user named the files), rooted at the nearest
 * folder above the document that holds `.git` or `package.json` (the project),
 * else at the document's own folder.
 */
export function cliFileHost(documentPath: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): FileHost {
  return { documentPath, workspaceRoot: projectRoot(documentPath), trusted: true, maxFileBytes, fileSystem: nodeFileSystem };
}

export function projectRoot(documentPath: string): string {
  const documentFolder = dirname(documentPath);
  const top = parse(documentFolder).root;
  for (let folder = documentFolder; ; folder = dirname(folder)) {
    for (const marker of ['.git', 'package.json']) {
      if (!('problem' in nodeFileSystem.stat(join(folder, marker)))) return folder;
    }
    if (folder === top) return documentFolder;
  }
}

/**
 * The language server's host for one document: rooted at the workspace folder
 * that contains it (the innermost one), else at the document's folder. An
 * unsaved (non-`file:`) document has no folder, and loads nothing.
 */
export function serverFileHost(documentUri: string, workspaceFolderUris: readonly string[], trusted: boolean, maxFileBytes = DEFAULT_MAX_FILE_BYTES): FileHost {
  const documentPath = filePathOf(documentUri);
  const folders = workspaceFolderUris.map(filePathOf).filter((folder): folder is string => folder !== undefined);
  const containing = documentPath === undefined ? [] : folders.filter((folder) => isInside(documentPath, folder));
  const workspaceRoot = containing.sort((a, b) => b.length - a.length)[0];
  return {
    ...(documentPath !== undefined ? { documentPath } : {}),
    ...(workspaceRoot !== undefined ? { workspaceRoot } : {}),
    trusted,
    maxFileBytes,
    fileSystem: nodeFileSystem,
  };
}

/** The path of a `file:` URI; undefined for any other scheme. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
