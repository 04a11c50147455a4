// Proves the harness without the extension: opens a workspace holding a plain
// text file in code-server, opens the file, checks its text is shown, and
// saves a screenshot to test/e2e/artifacts/smoke.png.
// Run: bash test/e2e/setup.sh && node test/e2e/smoke.mjs

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS_DIR, openFile, runScenarios, withWorkbench } from './harness.mjs';

export const smokeScenario = {
  name: 'harness: code-server opens a plain text file',
  async run() {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-smoke-ws-'));
    const text = 'Hello from the KL Lens e2e harness.';
    fs.writeFileSync(path.join(folder, 'hello.txt'), `${text}\nSecond line.\n`);
    try {
      await withWorkbench('smoke', { folder }, async ({ page }) => {
        await openFile(page, 'hello.txt');
        await page.locator('.editor-group-container.active .view-lines', { hasText: text }).waitFor({ timeout: 10_000 });
        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'smoke.png') });
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = (await runScenarios([smokeScenario])) ? 1 : 0;
}
