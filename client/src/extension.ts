// Entry point of the VS Code extension: registers the commands at once and
// starts the language server only when a KL document is open (see klDocuments.ts).
// Kept light: activation must take well under 100 ms.
import * as vscode from 'vscode';
import { registerCopyCommands } from './copyCommands';
import { needsServer } from './klDocuments';
import { KlServer } from './klServer';

/** What `activate` returns, so the VS Code tests can observe the lazy start. */
export interface KlLensApi {
  isServerStarted(): boolean;
}

let server: KlServer | undefined;

export function activate(context: vscode.ExtensionContext): KlLensApi {
  const output = vscode.window.createOutputChannel('KL Lens', { log: true });
  const klServer = new KlServer(context, output);
  server = klServer;
  context.subscriptions.push(
    output,
    registerCopyCommands(),
    vscode.commands.registerCommand('kl.restartServer', () => klServer.restart()),
    vscode.commands.registerCommand('kl.showOutput', () => output.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => klServer.notifyTrustGranted()),
    startWhenNeeded(klServer),
  );
  return { isServerStarted: () => klServer.isStarted };
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}

/** Starts the server now if a KL document is open, or else as soon as one opens or appears. */
function startWhenNeeded(klServer: KlServer): vscode.Disposable {
  const markdownEnabled = (): boolean => vscode.workspace.getConfiguration('kl').get<boolean>('markdown.enabled', true);
  const anyOpenDocumentNeedsServer = (): boolean => vscode.workspace.textDocuments.some((document) => needsServer(document, markdownEnabled()));
  if (anyOpenDocumentNeedsServer()) {
    void klServer.start();
    return new vscode.Disposable(() => undefined);
  }
  const startIf = (needed: boolean): void => {
    if (!needed || klServer.isStarted) return;
    watchers.dispose();
    void klServer.start();
  };
  const watchers = vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((document) => startIf(needsServer(document, markdownEnabled()))),
    // Typing a ```kl fence into a note that had none.
    vscode.workspace.onDidChangeTextDocument(({ document }) => startIf(needsServer(document, markdownEnabled()))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('kl.markdown.enabled')) startIf(anyOpenDocumentNeedsServer());
    }),
  );
  return watchers;
}
