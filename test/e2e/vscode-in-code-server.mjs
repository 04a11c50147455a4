#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron launches
// (VSCODE_EXECUTABLE_PATH): it runs the extension tests in code-server's
// VS Code instead. It reads the arguments runTests passes
// (--extensionDevelopmentPath=, --extensionTestsPath=, the workspace folder),
// starts the VS Code server bundled in code-server (lib/vscode/out/server-main.js)
// with --enable-smoke-test-driver, and opens the workbench in Chromium with the
// development and tests paths in the `payload` URL parameter, as vscode-remote
// URIs, so the remote extension host loads the extension from source and runs
// the mocha suite. (A built workbench honours those payload entries only with
// the smoke-test driver enabled, and code-server's own CLI rejects that flag:
// hence the bundled VS Code server, not the code-server CLI.) The workbench
// calls window.codeAutomationExit(code) when the extension host has run the
// tests; that code is this process's exit status. The extension host's console
// (mocha's report) is printed here.
//
// Used by vscode-tests.mjs: VSCODE_EXECUTABLE_PATH=test/e2e/vscode-in-code-server.mjs npm run test:vscode

import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { openWorkbench, saveArtifacts, startCodeServer, waitUntil } from './harness.mjs';

const TIMEOUT_MS = Number(process.env.KL_E2E_VSCODE_TESTS_TIMEOUT_MS ?? 10 * 60_000);

const argv = process.argv.slice(2);
const value = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const devPaths = argv.filter((a) => a.startsWith('--extensionDevelopmentPath=')).map((a) => a.slice('--extensionDevelopmentPath='.length));
const testsPath = value('extensionTestsPath');
// the workspace: the one positional argument (options with a value use `=`)
const folder = argv.find((a) => !a.startsWith('-'));
if (!devPaths.length || !testsPath || !folder) {
  console.error(`vscode-in-code-server: need --extensionDevelopmentPath=, --extensionTestsPath= and a folder; got ${JSON.stringify(argv)}`);
  process.exit(2);
}

const server = await startCodeServer({ name: 'vscode-tests', vscodeServer: true });
const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
const payload = [
  ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
  ['extensionTestsPath', remote(testsPath)],
  ['skipWelcome', 'true'],
];
let exitCode;
let wb;
try {
  wb = await openWorkbench(server, path.resolve(folder), {
    query: { payload: JSON.stringify(payload) },
    async beforeLoad(page) {
      await page.exposeFunction('codeAutomationExit', (code) => {
        exitCode = code;
      });
      // the extension host's console (mocha's report), as the workbench forwards it in tests
      // (the workbench's own errors, which name its bundle, are left out: only noise here)
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (line.includes('/static/out/vs/') || /Service Worker|ECONNREFUSED 127\.0\.0\.1:9\b/.test(line)) return;
        if (type === 'error') console.error(line);
        else console.log(line);
      });
    },
  });
  await waitUntil(() => exitCode !== undefined, { timeout: TIMEOUT_MS, interval: 250, what: 'the extension tests to finish (codeAutomationExit)' });
} catch (e) {
  console.error(`vscode-in-code-server: ${e.message}`);
  exitCode = 1;
}
if (exitCode !== 0) {
  const dir = await saveArtifacts('vscode-tests', { server, page: wb?.page, consoleLines: wb?.consoleLines });
  console.error(`vscode-in-code-server: tests exited ${exitCode}; artifacts in ${dir}`);
}
await wb?.browser.close().catch(() => {});
await server.stop();
if (!process.env.KL_E2E_KEEP) fs.rmSync(server.root, { recursive: true, force: true });
process.exit(exitCode);
