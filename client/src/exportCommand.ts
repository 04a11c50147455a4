// "KL Lens: Export Note as HTML": the active note as one self-contained page,
// rendered by the server from the analysis the editor shows (the same page as
// `kl-lens render`), saved where the user says.
import * as vscode from 'vscode';
import { PALETTE_COMMANDS } from '../../server/src/lsp/klProtocol';
import type { KlServer } from './klServer';

export function registerExportCommand(server: KlServer): vscode.Disposable {
  return vscode.commands.registerCommand(PALETTE_COMMANDS.exportNoteAsHtml, async () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      void vscode.window.showWarningMessage(vscode.l10n.t('KL Lens: open a Markdown note to export it as HTML.'));
      return;
    }
    const html = await server.exportHtml(document.uri);
    if (html === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('KL Lens could not export this note (see the KL Lens output).'));
      return;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: document.uri.with({ path: `${document.uri.path.replace(/\.(md|markdown)$/i, '')}.html` }),
      filters: { HTML: ['html'] },
      title: vscode.l10n.t('Export Note as HTML'),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    void vscode.window.showInformationMessage(vscode.l10n.t('KL Lens: exported {0}.', vscode.workspace.asRelativePath(target)));
  });
}
