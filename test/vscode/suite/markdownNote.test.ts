// A Markdown note with two kl blocks sharing one scope, in the default units
// (nats): a failed check and an unknown name are errors where they are written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOn, eventually, hoverAt, lensOn, numbersIn, positionIn, show, workspaceFile } from './editor';

// H(P, Q) = −ln 0.75 for the one-hot P; KL(P‖Q) is the same number since H(P) = 0.
// −ln 0.75 to 35 digits (Python's decimal), read as the nearest double.
const H_NATS = Number('0.28768207245178092743921900599382743');

suite('a Markdown note with kl blocks', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await show(workspaceFile('cross-entropy-note.md'));
  });

  test('the lens of H(P, Q) shows its value in nats', async () => {
    const { title } = await lensOn(document, 'H(P, Q)');
    assert.ok(title.endsWith('= 0.28768 nats'), title);
  });

  test('the second block sees the names of the first', async () => {
    const hover = (await hoverAt(document, positionIn(document, 'KL(P || Q)', 'KL'))).map((content) => content.value).join('\n');
    assert.ok(numbersIn(hover).includes(H_NATS), `no ${H_NATS} in the hover:\n${hover}`);
  });

  test('the failed check is an error on its line that shows both values', async () => {
    const [failure] = await eventually(
      'an error on the failed check',
      () => diagnosticsOn(document, 'H(P, Q) ≈ 0.5').filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error),
      (found) => found.length > 0,
    );
    assert.match(failure.message, /0\.5/);
    assert.match(failure.message, /0\.2876/);
    assert.equal((await lensOn(document, 'H(P, Q) ≈ 0.5')).title, '✗ expected 0.5, got 0.28768');
  });

  test('the unknown name R is an error on R itself', async () => {
    const at = positionIn(document, 'KL(P || R)', 'R');
    const [unknown] = await eventually(
      'an error on R',
      () => diagnosticsOn(document, 'KL(P || R)').filter((diagnostic) => diagnostic.code === 'unknown-name'),
      (found) => found.length > 0,
    );
    assert.deepEqual(unknown.range, new vscode.Range(at, at.translate(0, 1)));
  });

  test('changing kl.units applies at once, without a restart', async () => {
    const settings = vscode.workspace.getConfiguration('kl');
    await settings.update('units', 'bits', vscode.ConfigurationTarget.Global);
    try {
      const lens = await eventually(
        'the lens of H(P, Q) in bits',
        () => lensOn(document, 'H(P, Q)'),
        (found) => found.title.endsWith('bits'),
      );
      assert.ok(lens.title.endsWith('= 0.41504 bits'), lens.title);
    } finally {
      await settings.update('units', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
