// The connection to the bundled language server. Its own bundle, loaded by
// klServer.ts on the first start, so vscode-languageclient is evaluated only when a KL
// document needs it, not when VS Code activates the extension for any Markdown file.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { HOVER_LINK_COMMANDS } from '../../server/src/lsp/klProtocol';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import { SERVED_SCHEMES } from './klDocuments';
import type { ServerStatus } from './statusText';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, onHover: () => void): LanguageClient {
  const serverModule = context.asAbsolutePath('server/out/server.js');
  outputChannel.info(`Starting the language server: ${serverModule} over IPC, Node flags ${SERVER_NODE_FLAGS.join(' ') || '(none)'}`);
  const serverOptions: ServerOptions = { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env: SERVER_ENVIRONMENT } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['kl', 'markdown'].flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ language, scheme }))),
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    // Hover links may run our copy commands; every other `command:` link in a hover stays inert.
    markdown: { isTrusted: { enabledCommands: [...HOVER_LINK_COMMANDS] }, supportHtml: false },
    outputChannel,
    // The walkthrough's "hover a value" step is done once a hover has shown something.
    middleware: {
      provideHover: async (document, position, token, next) => {
        const answer = await next(document, position, token);
        if (answer) onHover();
        return answer;
      },
    },
  };
  // The id `kl` makes the client read its trace level from `kl.trace.server`. No
  // `synchronize` option: the server pulls the `kl` section (workspace/configuration)
  // and registers for its changes itself, so settings apply live without a restart.
  return new LanguageClient('kl', 'KL Lens', serverOptions, clientOptions);
}

/** Reports the client's state changes as the status item's states; `ready` once initialize has answered. */
export function watchServerState(client: LanguageClient, report: (status: ServerStatus) => void): void {
  client.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) report({ state: 'starting' });
    else if (newState === State.Running) report({ state: 'ready', version: client.initializeResult?.serverInfo?.version ?? 'unknown version' });
    else report({ state: 'stopped', reason: 'see the output for why' });
  });
}
