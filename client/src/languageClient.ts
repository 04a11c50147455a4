// The connection to the bundled language server. Loaded with a dynamic import
// by extension.ts so vscode-languageclient is evaluated only when a KL
// document needs it, not when VS Code activates the extension for any Markdown file.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVED_SCHEMES } from './klDocuments';

/** Sent when the user trusts the workspace, so the server can enable `load()`. */
export const TRUST_CHANGED_NOTIFICATION = 'kl/trustChanged';

/** Hover links the server may use; every other `command:` link in a hover stays inert. */
const HOVER_COMMANDS = ['kl.copyAsPython', 'kl.copyValue'];

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = { module: serverModule, transport: TransportKind.ipc };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['kl', 'markdown'].flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ language, scheme }))),
    // Settings changes reach the server as didChangeConfiguration; the server also pulls
    // `kl` through workspace/configuration, so every change applies without a restart.
    synchronize: { configurationSection: 'kl' },
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    markdown: { isTrusted: { enabledCommands: HOVER_COMMANDS }, supportHtml: false },
    outputChannel,
  };
  // The id `kl` makes the client read its trace level from `kl.trace.server`.
  return new LanguageClient('kl', 'KL Lens', serverOptions, clientOptions);
}
