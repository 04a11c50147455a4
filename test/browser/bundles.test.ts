// The web extension's bundles (scripts/build.mjs) run where there is no Node:
// none of them may import a Node built-in, either as an import esbuild left
// outside the bundle or as a module bundled from a polyfill of one.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../lsp/lspSession';

const BROWSER_BUNDLES = ['client/out/browserExtension.js', 'server/out/browserServer.js'];
const NODE_BUILT_INS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

interface Metafile {
  inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

/** Every import of a Node built-in in the bundle's metafile: `importer → module`. */
function nodeBuiltInImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [file, { imports }] of [...Object.entries(metafile.inputs), ...Object.entries(metafile.outputs)]) {
    for (const imported of imports) if (NODE_BUILT_INS.has(imported.path)) found.push(`${file} → ${imported.path}`);
  }
  // A polyfill bundled in place of a built-in (`path-browserify`, `buffer`, …) shows as its package among the inputs.
  for (const file of Object.keys(metafile.inputs)) {
    const folder = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    if (folder && NODE_BUILT_INS.has(folder.replace(/-browserify$/, ''))) found.push(`${file} (a polyfill of ${folder})`);
  }
  return found;
}

describe('the browser bundles', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it.each(BROWSER_BUNDLES)('%s imports no Node built-in', (bundle) => {
    const metafile = JSON.parse(readFileSync(path.join(ROOT, `${bundle}.meta.json`), 'utf8')) as Metafile;
    expect(Object.keys(metafile.inputs).length).toBeGreaterThan(0);
    expect(nodeBuiltInImports(metafile)).toEqual([]);
    // And nothing is required at run time: a browser's worker has no `require` (esbuild's own __require shim aside).
    const text = readFileSync(path.join(ROOT, bundle), 'utf8');
    const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required.filter((name) => name !== 'vscode')).toEqual([]);
  });

  it('finds the built-ins of the Node server, bundled the same way for Node', async () => {
    // The check run on a bundle that does import them, so that it cannot pass for want of looking.
    const { metafile } = await build({ entryPoints: [path.join(ROOT, 'server/src/server.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, logLevel: 'silent' });
    expect(nodeBuiltInImports(metafile)).toEqual(expect.arrayContaining([expect.stringMatching(/server\.ts → node:path$/), expect.stringMatching(/nodeFileHosts\.ts → node:fs$/), expect.stringMatching(/backgroundAnalysis\.ts → node:worker_threads$/)]));
  });
});
