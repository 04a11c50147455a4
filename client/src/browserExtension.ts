// Entry point of the web extension (package.json `browser`: vscode.dev,
// github.dev): the same extension, its language server in a Web Worker
// (browserLanguageClient.ts).
import type * as vscode from 'vscode';
import { activateKlLens, deactivateKlLens, type KlLensApi } from './activation';

export function activate(context: vscode.ExtensionContext): KlLensApi {
  return activateKlLens(context, () => import('./browserLanguageClient'));
}

export function deactivate(): Promise<void> | undefined {
  return deactivateKlLens();
}
