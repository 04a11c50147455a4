// Which files the CLI reads: the ones named, and the .kl/.md files under a named folder.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { DocumentKind } from '../language/analysis';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', '.vscode-test']);

export function documentKindOf(path: string): DocumentKind | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.kl' ? 'kl' : extension === '.md' || extension === '.markdown' ? 'markdown' : undefined;
}

export class UsageError extends Error {}

/** Expands folders into their .kl and .md files, sorted; a folder without any is a usage error. */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`cannot read '${path}': no such file or folder`);
    }
    if (stats.isDirectory()) {
      const found = walk(path);
      if (found.length === 0) throw new UsageError(`'${path}' holds no .kl or .md files`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return files;
}

function walk(folder: string): string[] {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      else if (entry.isFile() && documentKindOf(path)) found.push(path);
    }
  }
  return found.sort();
}
