// What the tests ask VS Code, and a poll that waits for the server instead of sleeping.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kl-lens.kl-lens';
const REPOSITORY = path.resolve(__dirname, '../../..');

export function repositoryFile(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(REPOSITORY, relative));
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(REPOSITORY, 'test/vscode/workspace', name));
}

export async function show(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls `probe` until `accept` holds; fails with the last value seen after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Thenable<T> | T, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The position of the first occurrence of `needle` on the first line that equals `line` (trimmed). */
export function positionIn(document: vscode.TextDocument, line: string, needle = line): vscode.Position {
  for (let index = 0; index < document.lineCount; index++) {
    const text = document.lineAt(index).text;
    if (text.trim() === line) return new vscode.Position(index, text.indexOf(needle));
  }
  assert.fail(`No line '${line}' in ${document.uri.fsPath}`);
}

export async function lensTitles(document: vscode.TextDocument): Promise<Map<number, vscode.Command>> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100)) ?? [];
  return new Map(lenses.filter((lens) => lens.command).map((lens) => [lens.range.start.line, lens.command!]));
}

export async function lensOn(document: vscode.TextDocument, line: string): Promise<vscode.Command> {
  const at = positionIn(document, line).line;
  return eventually(`a code lens on '${line}'`, async () => (await lensTitles(document)).get(at), (lens) => lens !== undefined) as Promise<vscode.Command>;
}

export async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hovers = await eventually(
    `a hover at ${position.line + 1}:${position.character + 1}`,
    () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
    (found) => found !== undefined && found.length > 0,
  );
  return hovers.flatMap((hover) => hover.contents.filter((content) => content instanceof vscode.MarkdownString));
}

/** Every decimal number written in a text, parsed: to compare a shown value with a reference exactly. */
export function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);
}

export function diagnosticsOn(document: vscode.TextDocument, line: string): vscode.Diagnostic[] {
  const at = positionIn(document, line).line;
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.range.start.line === at);
}
