// `npm run test:e2e`: builds the extension and packages the .vsix (the root's
// `npm run package`, or else build + vsce), runs setup.sh, then runs every
// scenario in its own fresh code-server through Chromium, and last the
// @vscode/test-electron suite inside code-server's VS Code.
// Exits non-zero if anything fails. Closes with `e2e: N passed, N failed`.
//
// Options:
//   --skip-build          use client/out and server/out as they are
//   --vsix <file>         use this .vsix (implies --skip-build)
//   --skip-setup          do not run setup.sh
//   --only <text>         run only the scenarios whose name contains <text>
//   --update-screenshots  copy the screenshots taken into images/screenshots/
//   --no-vscode-tests     do not run the @vscode/test-electron suite (test/vscode) in code-server

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// harness.mjs needs playwright-core, which setup.sh installs: imported after it
const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(E2E_DIR, '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const t0 = Date.now();
function step(title, cmd, cmdArgs, opts = {}) {
  const t = Date.now();
  console.log(`\n▶ ${title}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed (exit ${r.status ?? r.signal})`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`  ${title} took ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

let vsix = option('--vsix') && path.resolve(option('--vsix'));
if (!vsix) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-vsix-'));
  vsix = path.join(outDir, 'kl-lens.vsix');
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  if (scripts.package && !flag('--skip-build')) {
    // the release packaging itself (production build + vsce), into our own file
    step('build and package', 'npm', ['run', 'package', '--', '-o', vsix]);
  } else {
    if (!flag('--skip-build')) step('build', 'npm', ['run', 'build']);
    const local = path.join(ROOT, 'node_modules', '.bin', 'vsce');
    const [cmd, pre] = fs.existsSync(local) ? [local, []] : ['npx', ['--yes', '@vscode/vsce']];
    step('package', cmd, [...pre, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', vsix]);
  }
}
if (!fs.existsSync(vsix)) {
  console.error(`no .vsix at ${vsix}`);
  process.exit(1);
}
if (!flag('--skip-setup')) step('setup', 'bash', [path.join(E2E_DIR, 'setup.sh')]);

const { ARTIFACTS_DIR, runScenarios } = await import('./harness.mjs');
const { scenarios, SCREENSHOTS_DIR } = await import('./scenarios.mjs');
fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
let list = scenarios(vsix);
if (!flag('--no-vscode-tests')) {
  const { vscodeTestsScenario } = await import('./vscode-tests.mjs');
  list.push(vscodeTestsScenario());
}
const only = option('--only');
if (only) list = list.filter((s) => s.name.includes(only));
console.log(`\n▶ scenarios (${list.length}) with ${path.relative(ROOT, vsix) || vsix}`);
const failed = await runScenarios(list);

if (flag('--update-screenshots') && fs.existsSync(SCREENSHOTS_DIR)) {
  const dest = path.join(ROOT, 'images', 'screenshots');
  fs.mkdirSync(dest, { recursive: true });
  for (const f of fs.readdirSync(SCREENSHOTS_DIR)) fs.copyFileSync(path.join(SCREENSHOTS_DIR, f), path.join(dest, f));
  console.log(`screenshots copied to images/screenshots/: ${fs.readdirSync(SCREENSHOTS_DIR).join(', ')}`);
}
console.log(`test:e2e took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
