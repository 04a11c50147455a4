// The messages KL Lens adds to LSP, named once for the server and the VS Code
// client (which imports this file; it must stay free of engine imports).

/** Client → server, `{ trusted: boolean }`: the workspace's trust changed, so load() may read files. */
export const TRUST_CHANGED_NOTIFICATION = 'kl/trustChanged';

/** Client → server, `{ uri }` → `DocumentSummary | null`: what the status bar item shows. */
export const DOCUMENT_SUMMARY_REQUEST = 'kl/documentSummary';

/** The counts of one document's analysis, as the status bar item's tooltip shows them. */
export interface DocumentSummary {
  /** Statements that are not blank: assignments, expressions, checks, directives. */
  statements: number;
  /** Checks of `kl` code and checked LaTeX relations of a note. */
  checksPassed: number;
  checksFailed: number;
  errors: number;
  warnings: number;
  /** Statements still being computed in the background. */
  pending: number;
}

/**
 * Server → client, `{ uri, maxBytes }` → `ReadFileAnswer`: a file `load()` needs,
 * read by the client through `workspace.fs` where the server has no file system
 * (vscode.dev, github.dev). The client reads only inside a workspace folder, no
 * symbolic link on the way, at most `maxBytes`.
 */
export const READ_FILE_REQUEST = 'kl/readFile';

/** The file's bytes in base64 and its version, or why there are none (a FileProblemKind of language/load/fileHost.ts). */
export type ReadFileAnswer = { base64: string; size: number; modified: string } | { problem: 'missing' | 'denied' | 'not-a-file' | 'too-large' | 'unreadable' | 'outside'; detail?: string };
