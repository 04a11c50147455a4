// The extension activates for any Markdown file (VS Code has no content-based
// activation event), so it must do so quickly and start the server only once
// a KL document is open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KlLensApi } from '../../../client/src/extension';
import { EXTENSION_ID, eventually, show, workspaceFile } from './editor';

suite('Activation', () => {
  let api: KlLensApi;

  // How long activation takes is measured by `npm run bench` (bench/activation.mjs), not here:
  // a wall-clock bound in a test fails on a busy machine without anything being wrong.
  test('activates and starts no server while no KL document is open', async () => {
    const extension = vscode.extensions.getExtension<KlLensApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test instance`);
    assert.equal(extension.isActive, false, 'nothing should have activated the extension yet');
    api = await extension.activate();
    assert.equal(api.isServerStarted(), false);
  });

  test('a Markdown note without a kl fence does not start the server', async () => {
    await show(workspaceFile('plain-note.md'));
    assert.equal(api.isServerStarted(), false);
  });

  test('typing a kl fence into a note starts the server, which then evaluates the block', async () => {
    const note = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Scratch\n\n' });
    const editor = await vscode.window.showTextDocument(note);
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), '```kl\nH([0.5, 0.5])\n```\n'));
    await eventually('the server to start', () => api.isServerStarted(), (started) => started);
    const lenses = await eventually(
      'a lens on H([0.5, 0.5])',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', note.uri, 10),
      (found) => found?.some((lens) => lens.range.start.line === 3 && lens.command) ?? false,
    );
    const lens = lenses.find((found) => found.range.start.line === 3)!;
    // ln 2 = 0.693147…: a fair coin's entropy in the default units, nats, at 5 significant digits.
    assert.equal(lens.command!.title, 'H = 0.69315 nats');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
