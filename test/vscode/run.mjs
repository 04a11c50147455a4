// npm run test:vscode: compiles the suites in suite/ and runs them inside a
// real VS Code (extension host + mocha) with @vscode/test-electron.
// VS Code comes from VSCODE_EXECUTABLE_PATH, or else is downloaded (cached in
// .vscode-test/). When neither works, as on machines without internet, the
// run is skipped with exit status 0 and says so. On Linux without a display,
// run it under `xvfb-run -a`.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outdir = path.join(here, 'out');
// A download that has not succeeded by then will not: skip instead of hanging.
const DOWNLOAD_DEADLINE_MS = 30_000;

await build({
  entryPoints: readdirSync(path.join(here, 'suite')).filter((file) => file.endsWith('.ts')).map((file) => path.join(here, 'suite', file)),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const executable = await findVSCode();
if (!executable) {
  console.log('test:vscode skipped: no VS Code available (set VSCODE_EXECUTABLE_PATH)');
  process.exit(0);
}
// A fresh profile each run: editors restored from a previous run would activate the
// extension before the activation suite looks.
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'kl-lens-vscode-'));
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outdir, 'index.js'),
    launchArgs: [
      path.join(here, 'workspace'),
      `--user-data-dir=${userDataDir}`,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}

async function findVSCode() {
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve(new Error(`no download after ${DOWNLOAD_DEADLINE_MS / 1000} s`)), DOWNLOAD_DEADLINE_MS);
  });
  const download = downloadAndUnzipVSCode({ cachePath: path.join(root, '.vscode-test'), extensionDevelopmentPath: root, timeout: 10_000 }).catch((error) => error);
  const outcome = await Promise.race([download, deadline]);
  clearTimeout(timer);
  if (typeof outcome === 'string') return outcome;
  console.log(`Could not download VS Code: ${outcome.message}`);
  return undefined;
}
