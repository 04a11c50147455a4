// Everything the language server needs from where it runs, behind one
// interface, so that one server — every line of the engine and the features —
// runs natively in Node (server.ts) and in a browser's Web Worker
// (browserServer.ts), as Taplo's does. The entries are thin: each builds its
// environment and hands it to languageServer.ts.
import type { Connection } from 'vscode-languageserver';
import type { FileHost } from '../language/load/fileHost';
import type { NotePage } from '../render/noteHtml';
import type { BackgroundOptions } from './analysisStore';

/** What `load()` may read where the server runs. */
export interface LoadFiles {
  /** The host of one document: its folder, the workspace folder it must stay inside, the file system; undefined where it can read nothing. */
  hostFor(documentUri: string, workspaceFolderUris: readonly string[], trusted: boolean, maxFileBytes: number): FileHost | undefined;
  /** The path load() knows a changed file by (didChangeWatchedFiles), or undefined if it reads no such file. */
  pathOf(uri: string): string | undefined;
  /** A watched file changed: what is kept of it is forgotten (files the client reads: lsp/clientFiles.ts). */
  changed?(uri: string): void;
  /** Files that come later than asked for (lsp/clientFiles.ts): the listener hears each one's path when it came. */
  onFileRead?(listener: (path: string) => void): void;
}

export interface ServerEnvironment {
  /** The connection to the client: stdio or IPC in Node, postMessage in a worker. */
  connection: Connection;
  /** Where the server runs, for the first line of the editor's log (e.g. `Node v20.19.0, process 4242`). */
  runtime: string;
  /** Waits for the next turn of the event loop, so that messages are read between the slices of an analysis. */
  nextTurn(): Promise<void>;
  /** Absent where no file can be read: load() then reports so at its argument. */
  files?: LoadFiles;
  /** Absent: slow statements are computed in slices on the server's own thread, not in a worker. */
  background?: BackgroundOptions;
  /** A note as one HTML page (render/noteHtml.ts with the preview's stylesheet); absent where the server cannot make one (the browser: no export there yet). */
  notePage?: (page: Omit<NotePage, 'previewStyles'>) => Promise<string>;
}
