// The status bar item shown while a KL document is the active editor: whether
// the server is starting, ready or stopped, and (in its tooltip) the server's
// version and the document's counts; a click shows the KL Lens output.
import * as vscode from 'vscode';
import { PALETTE_COMMANDS, type DocumentSummary } from '../../server/src/lsp/klProtocol';
import { describeStatus, type ServerStatus } from './statusText';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kl.status', vscode.StatusBarAlignment.Right, 100);
  private status: ServerStatus = { state: 'starting' };
  private summary: DocumentSummary | undefined;

  constructor() {
    this.item.name = 'KL Lens';
    this.item.command = PALETTE_COMMANDS.showOutput;
    this.render();
  }

  setStatus(status: ServerStatus): void {
    this.status = status;
    if (status.state !== 'ready') this.summary = undefined;
    this.render();
  }

  setSummary(summary: DocumentSummary | undefined): void {
    this.summary = summary;
    this.render();
  }

  /** Shown only while the active editor holds a document the server serves. */
  setVisible(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { text, tooltip, error } = describeStatus(this.status, this.summary, vscode.l10n.t);
    this.item.text = text;
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const markdown = new vscode.MarkdownString(tooltip);
    markdown.supportThemeIcons = true;
    this.item.tooltip = markdown;
    this.item.accessibilityInformation = { label: text.replace(/\$\([^)]*\)\s*/g, '') };
  }
}
