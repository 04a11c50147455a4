// How the files a statement loads (the string literals it gives to `load()`,
// collected with its names by the analysis) look now. The analysis puts the
// stamp into a loading statement's cache key, so an unchanged file costs one
// `stat` per analysis and a changed one re-evaluates the statement (and,
// through the new binding, everything that depends on it).
import { isFileProblem, type FileHost } from './fileHost';
import { isRefusal, resolveLoadPath } from './loadPath';

/** Changes whenever what `load()` would return for these paths may have changed. */
export function loadStamp(paths: readonly string[], host: FileHost | undefined): string {
  if (!host) return 'no files';
  const stamps = paths.map((written) => {
    const resolved = resolveLoadPath(written, host);
    if (isRefusal(resolved)) return resolved.code;
    const stat = host.fileSystem.stat(resolved.path);
    return isFileProblem(stat) ? `${resolved.path}:${stat.problem}` : `${resolved.path}:${stat.modified}:${stat.size}:${stat.identity}`;
  });
  return `${host.trusted}:${host.maxFileBytes}|${stamps.join('|')}`;
}

/** What `filesLoaded` reads of an analysis (the analysis imports this module: no import back). */
interface LoadingAnalysis {
  options: { files?: FileHost };
  statements: readonly { parsed: { loads: readonly string[] } }[];
}

/**
 * The files an analysis loads (absolute paths, symbolic links not resolved).
 * A server watching files re-analyses the documents that load a changed one;
 * unchanged statements are reused, so re-analysing is cheap.
 */
export function filesLoaded(analysis: LoadingAnalysis): string[] {
  const host = analysis.options.files;
  if (!host) return [];
  const files = new Set<string>();
  for (const { parsed } of analysis.statements) {
    for (const written of parsed.loads) {
      const resolved = resolveLoadPath(written, host);
      if (!isRefusal(resolved)) files.add(resolved.path);
    }
  }
  return [...files];
}
