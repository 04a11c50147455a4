// The extension's activation: requiring client/out/extension.js and calling
// activate() in a fresh Node process with a stand-in for the `vscode` module
// (every API a no-op). It measures the extension's own code, which is what
// the extension controls; VS Code's own work around it is not included.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summary } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PROBE = `
const Module = require('node:module');
const path = require('node:path');
function standIn(name) {
  const f = function () {};
  return new Proxy(f, {
    get(_, key) {
      if (key === 'then') return undefined;
      if (key === 'textDocuments' || key === 'workspaceFolders' || key === 'visibleTextEditors') return [];
      if (key === 'isTrusted') return true;
      return standIn(name + '.' + String(key));
    },
    // The status item's fields are assigned (item.text = …): taken and forgotten.
    set() { return true; },
    apply() { return standIn(name + '()'); },
    construct() { return standIn('new ' + name); },
  });
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
const api = {};
for (const name of ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'Disposable', 'Uri', 'EventEmitter', 'Range', 'Position', 'StatusBarAlignment', 'ConfigurationTarget', 'MarkdownString', 'ThemeColor']) api[name] = standIn(name);
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };
const root = process.argv[1];
const context = { subscriptions: [], extensionPath: root, asAbsolutePath: (p) => path.join(root, p), globalState: standIn('globalState'), workspaceState: standIn('workspaceState') };
const start = performance.now();
const extension = require(path.join(root, 'client/out/extension.js'));
extension.activate(context);
process.stdout.write(String(performance.now() - start));
`;

export function activationRows({ runs }) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-e', PROBE, root], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`activation probe failed: ${result.stderr}`);
    times.push(Number(result.stdout));
  }
  return [{ section: 'Extension', figure: 'activation: require + activate() (vscode API stubbed)', unit: 'ms', stat: summary(times), target: { value: 100, kind: '<' } }];
}
