// The connection to the language server in vscode.dev and github.dev: the
// browser bundle (server/out/browserServer.js) in a Web Worker, spoken to by
// postMessage. The same server as the desktop's (server/src/languageServer.ts);
// the files load() reads, it asks of this client (workspaceFiles.ts).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { READ_FILE_REQUEST } from '../../server/src/lsp/klProtocol';
import { klClientOptions } from './clientOptions';
import { readWorkspaceFile } from './workspaceFiles';

export { watchServerState } from './clientOptions';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, onHover: () => void): LanguageClient {
  const serverScript = vscode.Uri.joinPath(context.extensionUri, 'server/out/browserServer.js');
  outputChannel.info(`Starting the language server: ${serverScript.toString(true)} in a Web Worker`);
  // The id `kl`, as on the desktop: the trace level is read from `kl.trace.server`.
  // A new worker at every start, so that Restart Server (or a restart after a crash) starts afresh.
  const client = new LanguageClient('kl', 'KL Lens', () => serverTransports(serverScript), klClientOptions(outputChannel, onHover));
  // The server has no file system here: load() reads through this client.
  client.onRequest(READ_FILE_REQUEST, readWorkspaceFile);
  return client;
}

/**
 * The reader and writer of the server's worker, made here: VS Code's worker
 * extension host gives extensions a `Worker` of its own whose objects are not
 * `instanceof Worker`, the test by which the library would make them itself.
 */
async function serverTransports(script: vscode.Uri): Promise<MessageTransports> {
  const worker = await serverWorker(script);
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

/**
 * The server's worker. vscode.dev serves the extension over https, a URL a
 * Worker takes as it is. Where the extension lies on a remote (code-server, a
 * remote's browser workbench: `vscode-remote:`), VS Code's worker extension host
 * refuses `new Worker` on its URI; the script is read through workspace.fs and
 * started from a Blob URL instead.
 */
async function serverWorker(script: vscode.Uri): Promise<Worker> {
  if (script.scheme === 'https' || script.scheme === 'http') return new Worker(script.toString(true));
  const source = await vscode.workspace.fs.readFile(script);
  return new Worker(URL.createObjectURL(new Blob([new Uint8Array(source)], { type: 'text/javascript' })));
}
