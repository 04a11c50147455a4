// The commands the extension adds: copying from lenses and hover links,
// restarting the server, showing its output.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, lensOn, repositoryFile, show } from './editor';

suite('commands', () => {
  test('clicking a lens copies the full-precision value', async () => {
    await vscode.commands.executeCommand('kl.copyValue', '0.41503749927884381');
    assert.equal(await vscode.env.clipboard.readText(), '0.41503749927884381');
  });

  test('Copy as Python puts the code on the clipboard', async () => {
    const code = 'scipy.stats.entropy([1, 0, 0], [0.75, 0.2, 0.05], base=2)';
    await vscode.commands.executeCommand('kl.copyAsPython', code);
    assert.equal(await vscode.env.clipboard.readText(), code);
  });

  test('KL Lens: Restart Server brings the lenses back', async () => {
    const document = await show(repositoryFile('examples/cross-entropy.kl'));
    await vscode.commands.executeCommand('kl.restartServer');
    assert.equal((await lensOn(document, 'KL(P || Q)')).title, 'KL = 0.41504 bits');
  });

  test('Restart Server, Show Output and the walkthrough\'s commands are in the command palette under KL Lens, each registered', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string; category: string; title: string }> } };
    const palette = manifest.contributes.commands.map(({ command, category, title }) => [command, `${category}: ${title}`]);
    assert.deepEqual(Object.fromEntries(palette), {
      'kl.restartServer': 'KL Lens: Restart Server',
      'kl.showOutput': 'KL Lens: Show Output',
      'kl.exportNoteAsHtml': 'KL Lens: Export Note as HTML',
      'kl.walkthrough.openExample': 'KL Lens: Open the Worked Example',
      'kl.walkthrough.openNote': 'KL Lens: Open the Example Note and Its Preview',
    });
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const [command] of palette) assert.ok(registered.has(command), `${command} is registered`);
    await vscode.commands.executeCommand('kl.showOutput');
  });
});
