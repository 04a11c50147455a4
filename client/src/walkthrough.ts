// The "Get started with KL Lens" walkthrough (package.json `walkthroughs`):
// its commands open the worked example and the example note, and its
// completion events are context keys set here when the user has hovered a
// value and has fixed the example's failed check.
import * as vscode from 'vscode';
import { PALETTE_COMMANDS } from '../../server/src/lsp/klProtocol';

const HOVERED = 'kl.walkthrough.hovered';
const CHECK_FIXED = 'kl.walkthrough.checkFixed';

export class Walkthrough implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  /** The worked example the walkthrough opened, and whether it has shown its failed check yet. */
  private example: { uri: string; failedSeen: boolean } | undefined;
  private hovered = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables = [
      vscode.commands.registerCommand(PALETTE_COMMANDS.openExample, () => this.openExample()),
      vscode.commands.registerCommand(PALETTE_COMMANDS.openNote, () => this.openNote()),
      vscode.languages.onDidChangeDiagnostics(({ uris }) => this.followExample(uris)),
    ];
  }

  /** Called for every hover the server answered with content in a KL document. */
  noteHover(): void {
    if (this.hovered) return;
    this.hovered = true;
    void vscode.commands.executeCommand('setContext', HOVERED, true);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** An untitled copy, so that the user can edit it without touching the installed extension. */
  private async openExample(): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'kl', content: await this.read('walkthrough/worked-example.kl') });
    this.example = { uri: document.uri.toString(), failedSeen: false };
    await vscode.window.showTextDocument(document);
  }

  private async openNote(): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: await this.read('examples/notes/cross-entropy.md') });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('markdown.showPreviewToSide');
  }

  private followExample(uris: readonly vscode.Uri[]): void {
    const example = this.example;
    if (!example) return;
    const uri = uris.find((each) => each.toString() === example.uri);
    if (!uri) return;
    const failing = vscode.languages.getDiagnostics(uri).some((diagnostic) => codeOf(diagnostic) === 'check-failed');
    if (failing) example.failedSeen = true;
    else if (example.failedSeen) void vscode.commands.executeCommand('setContext', CHECK_FIXED, true);
  }

  private async read(file: string): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, file)));
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}
