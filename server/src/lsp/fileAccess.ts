// What `load()` may read in the editor: the workspace folders (a document is
// rooted at the innermost one holding it), and whether the user trusts the
// workspace. VS Code's client says so in initializationOptions.trusted and
// sends `kl/trustChanged` when the user grants trust; a client that has no
// notion of trust (Neovim, Emacs…) says nothing, and its workspace is trusted.
// The files themselves are the environment's (environment.ts): none in a browser.
import type { FileEvent, InitializeParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import type { FileHost } from '../language/load/fileHost';
import { filesLoaded } from '../language/load/loadStamp';
import type { LoadFiles } from './environment';

/** The data files load() reads: a change to one of them re-analyses the documents that load files. */
export const DATA_FILE_GLOB = '**/*.{npy,json,csv,tsv}';

export class FileAccess {
  private folders: string[] = [];
  private trusted = true;

  constructor(private readonly files: LoadFiles | undefined) {}

  initialize(params: InitializeParams): void {
    const options = params.initializationOptions as { trusted?: unknown } | undefined;
    if (typeof options?.trusted === 'boolean') this.trusted = options.trusted;
    this.folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  }

  changeFolders(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => folder.uri));
    this.folders = [...this.folders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
  }

  /** Records the trust the client sent; true when it changed. */
  setTrusted(trusted: unknown): boolean {
    if (typeof trusted !== 'boolean' || trusted === this.trusted) return false;
    this.trusted = trusted;
    return true;
  }

  /** Undefined where the environment has no files: load() says so at its argument. */
  hostFor(documentUri: string, maxFileBytes: number): FileHost | undefined {
    return this.files?.hostFor(documentUri, this.folders, this.trusted, maxFileBytes);
  }

  /** The documents that load one of the changed files: they are analysed again (unchanged statements are reused). */
  documentsLoading(changes: readonly FileEvent[], analyses: Iterable<[string, Analysis]>): string[] {
    const files = this.files;
    if (!files) return [];
    for (const change of changes) files.changed?.(change.uri);
    return this.documentsLoadingPaths(changes.map((change) => files.pathOf(change.uri)).filter((path) => path !== undefined), analyses);
  }

  /** The documents that load one of these files (paths as load() knows them). */
  documentsLoadingPaths(paths: readonly string[], analyses: Iterable<[string, Analysis]>): string[] {
    const changed = new Set(paths);
    const documents: string[] = [];
    for (const [uri, analysis] of analyses) {
      if (filesLoaded(analysis).some((path) => changed.has(path))) documents.push(uri);
    }
    return documents;
  }
}
