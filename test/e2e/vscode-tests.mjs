// The @vscode/test-electron suite (test/vscode, `npm run test:vscode`) run
// unchanged, with VSCODE_EXECUTABLE_PATH pointing at vscode-in-code-server.mjs:
// its extension-host tests run inside code-server's VS Code.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_DIR } from './harness.mjs';

const ROOT = path.resolve(E2E_DIR, '../..');

export function vscodeTestsScenario() {
  const available = fs.existsSync(path.join(ROOT, 'test', 'vscode', 'run.mjs'));
  return {
    name: 'vscode tests: the @vscode/test-electron suite (test/vscode) passes in code-server',
    skip: available ? undefined : 'test/vscode/run.mjs does not exist',
    async run() {
      const r = spawnSync('npm', ['run', 'test:vscode'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, VSCODE_EXECUTABLE_PATH: path.join(E2E_DIR, 'vscode-in-code-server.mjs') },
      });
      const out = `${r.stdout}${r.stderr}`;
      const indented = out.trimEnd().split('\n').map((l) => `    | ${l}`).join('\n');
      if (r.status !== 0) throw new Error(`npm run test:vscode exited ${r.status}:\n${indented}`);
      if (/skipped/i.test(out) && !/passing/.test(out)) throw new Error(`test:vscode did not run in code-server:\n${indented}`);
      const passing = /(\d+) passing/.exec(out);
      console.log(`    test:vscode in code-server: ${passing ? passing[1] : '?'} passing`);
    },
  };
}
