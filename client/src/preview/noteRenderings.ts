// The renderings the preview plugin draws from, one per open note: asked of
// the server when the preview renders a version it does not have, and the
// preview refreshed when the answer comes (markdown-it cannot wait for it).
// While values are still computing, asked again a little later.
import * as vscode from 'vscode';
import type { NoteRendering } from '../../../server/src/lsp/klProtocol';
import type { KlServer } from '../klServer';
import type { RenderingSource } from '../../../server/src/render/notePreview';

const PENDING_RETRY_MS = 400;

export class NoteRenderings implements RenderingSource, vscode.Disposable {
  private readonly byUri = new Map<string, NoteRendering>();
  /** The version being asked for, per document: one question at a time. */
  private readonly asking = new Map<string, number>();
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly server: KlServer) {
    this.closing = vscode.workspace.onDidCloseTextDocument((document) => this.byUri.delete(document.uri.toString()));
  }

  rendering(uri: string): NoteRendering | undefined {
    const document = this.documentOf(uri);
    if (!document) return undefined;
    const cached = this.byUri.get(uri);
    const current = cached?.version === document.version ? cached : undefined;
    if (!current || current.pending) this.ask(document, current !== undefined);
    // Another version's lines would not be this one's: nothing rather than values beside the wrong lines.
    return current;
  }

  lineText(uri: string, line: number): string | undefined {
    const document = this.documentOf(uri);
    return document && line < document.lineCount ? document.lineAt(line).text : undefined;
  }

  dispose(): void {
    this.closing.dispose();
    for (const retry of this.retries) clearTimeout(retry);
  }

  private documentOf(uri: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
  }

  private ask(document: vscode.TextDocument, later: boolean): void {
    const uri = document.uri.toString();
    if (!this.server.isStarted || this.asking.get(uri) === document.version) return;
    this.asking.set(uri, document.version);
    const question = async (): Promise<void> => {
      const answer = await this.server.noteRendering(document.uri);
      if (this.asking.get(uri) === document.version) this.asking.delete(uri);
      if (!answer) return;
      const before = this.byUri.get(uri);
      this.byUri.set(uri, answer);
      if (!before || JSON.stringify(before) !== JSON.stringify(answer)) await vscode.commands.executeCommand('markdown.preview.refresh');
    };
    if (!later) {
      void question();
      return;
    }
    const retry = setTimeout(() => {
      this.retries.delete(retry);
      void question();
    }, PENDING_RETRY_MS);
    this.retries.add(retry);
  }
}
