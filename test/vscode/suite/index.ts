// Runs the suites inside the VS Code extension host (the `extensionTestsPath`
// of @vscode/test-electron): mocha with the TDD interface, one suite per file.
import * as path from 'node:path';
import Mocha from 'mocha';

// In order: activation must come first, before any KL document has been opened.
const SUITES = ['activation', 'crossEntropy', 'markdownNote', 'commands'];

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  for (const name of SUITES) mocha.addFile(path.join(__dirname, `${name}.test.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
  });
}
