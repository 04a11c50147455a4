// The connection to the language server in vscode.dev and github.dev: the
// browser bundle (server/out/browserServer.js) in a Web Worker, spoken to by
// postMessage. The same server as the desktop's (server/src/languageServer.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { klClientOptions } from './clientOptions';

export { watchServerState } from './clientOptions';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, onHover: () => void): LanguageClient {
  const serverScript = vscode.Uri.joinPath(context.extensionUri, 'server/out/browserServer.js');
  outputChannel.info(`Starting the language server: ${serverScript.toString(true)} in a Web Worker`);
  // The id `kl`, as on the desktop: the trace level is read from `kl.trace.server`.
  // A new worker at every start, so that Restart Server (or a restart after a crash) starts afresh.
  return new LanguageClient('kl', 'KL Lens', () => Promise.resolve(new Worker(serverScript.toString(true))), klClientOptions(outputChannel, onHover));
}
