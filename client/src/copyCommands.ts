// The commands behind code lenses (`kl.copyValue`) and hover links
// (`kl.copyAsPython`): the server sends the text, the client puts it on the clipboard.
import * as vscode from 'vscode';
import { COPY_AS_PYTHON_COMMAND, COPY_VALUE_COMMAND } from '../../server/src/lsp/klProtocol';

const STATUS_MESSAGE_MS = 3000;

export function registerCopyCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COPY_VALUE_COMMAND, (value: unknown) => copy(value, COPY_VALUE_COMMAND, vscode.l10n.t('Copied {0}', String(value)))),
    vscode.commands.registerCommand(COPY_AS_PYTHON_COMMAND, (code: unknown) => copy(code, COPY_AS_PYTHON_COMMAND, vscode.l10n.t('Copied Python code'))),
  );
}

async function copy(text: unknown, command: string, message: string): Promise<void> {
  if (typeof text !== 'string') {
    void vscode.window.showErrorMessage(vscode.l10n.t('KL Lens: {0} expects the text to copy, got {1}.', command, typeof text));
    return;
  }
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${message}`, STATUS_MESSAGE_MS);
}
