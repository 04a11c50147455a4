// The language server in a browser's Web Worker (vscode.dev, github.dev): the
// client posts LSP messages to the worker. No file system: load() reads the
// files the client reads for it through workspace.fs (lsp/clientFiles.ts). No
// worker for slow statements: they are computed in slices on this worker's
// thread, each to its end. The server itself is languageServer.ts, shared with Node's.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startLanguageServer } from './languageServer';
import { ClientFiles } from './lsp/clientFiles';

/** The worker's own scope, which receives and posts the client's messages. */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

// A macrotask without setImmediate (which browsers lack) and without setTimeout's 4 ms clamp on nested timers.
const turns = new MessageChannel();
const waiting: (() => void)[] = [];
turns.port1.addEventListener('message', () => waiting.shift()?.());
turns.port1.start();

startLanguageServer({
  connection,
  runtime: `a Web Worker, ${(globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? 'unknown browser'}`,
  nextTurn: () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      turns.port2.postMessage(undefined);
    }),
  files: new ClientFiles(connection),
});
