// Entry point of the VS Code extension on the desktop (package.json `main`):
// the language server runs as a Node process (languageClient.ts).
import type * as vscode from 'vscode';
import { activateKlLens, deactivateKlLens, type KlLensApi } from './activation';

export type { KlLensApi } from './activation';

export function activate(context: vscode.ExtensionContext): KlLensApi {
  return activateKlLens(context, () => import('./languageClient'));
}

export function deactivate(): Promise<void> | undefined {
  return deactivateKlLens();
}
