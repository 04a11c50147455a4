// examples/cross-entropy.kl in the editor: P = [1, 0, 0] is the truth,
// Q = [0.75, 0.2, 0.05] the prediction, in bits. Every expected number is
// computed here independently of the engine.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOn, eventually, hoverAt, lensOn, numbersIn, positionIn, repositoryFile, show } from './editor';

// D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0, and H(P, Q) = −log2 0.75: the same number, as H(P) = 0.
// log2(4/3) to 35 digits (Python's decimal), read as the nearest double; Math.log2(4/3) is 1 ulp below it.
const KL_BITS = Number('0.41503749927884381854626105605218349');

suite('examples/cross-entropy.kl', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await show(repositoryFile('examples/cross-entropy.kl'));
  });

  test('the lens above KL(P || Q) shows the short value and copies the full one', async () => {
    const lens = await lensOn(document, 'KL(P || Q)');
    assert.equal(lens.title, 'KL = 0.41504 bits');
    assert.equal(lens.command, 'kl.copyValue');
    assert.equal(Number(lens.arguments?.[0]), KL_BITS);
  });

  test('the lenses of the checks say they pass', async () => {
    assert.equal((await lensOn(document, 'KL(P || Q) ≈ 0.415')).title, '✓ 0.415 (0.41504)');
    assert.match((await lensOn(document, 'H(P, Q) == H(P) + KL(P || Q)')).title, /^✓ /);
  });

  test('hovering KL(P || Q) shows the value at full precision in bits, and in the other units', async () => {
    const hover = (await hoverAt(document, positionIn(document, 'KL(P || Q)', 'KL'))).map((content) => content.value).join('\n');
    const shown = numbersIn(hover);
    assert.ok(hover.includes('bits'), hover);
    assert.ok(shown.includes(KL_BITS), `no ${KL_BITS} in the hover:\n${hover}`);
    assert.ok(shown.some((value) => Math.abs(value - KL_BITS * Math.LN2) <= 1e-12 * KL_BITS), `no value in nats in the hover:\n${hover}`);
  });

  test('hover links to Copy as Python are trusted for the copy commands only', async () => {
    const contents = await hoverAt(document, positionIn(document, 'KL(P || Q)', 'KL'));
    const withCommands = contents.filter((content) => content.value.includes('command:kl.copyAsPython'));
    assert.ok(withCommands.length > 0, 'the hover has no Copy as Python link');
    for (const content of withCommands) {
      assert.deepEqual(content.isTrusted, { enabledCommands: ['kl.copyAsPython', 'kl.copyValue'] });
    }
  });

  test('KL(Q || P) is infinite: a warning on its line, and no error anywhere', async () => {
    const warnings = await eventually(
      'a warning on KL(Q || P)',
      () => diagnosticsOn(document, 'KL(Q || P)'),
      (found) => found.some((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning),
    );
    assert.ok(warnings.length > 0);
    const errors = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((error) => error.message), []);
  });
});
