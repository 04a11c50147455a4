// The sizes of the web extension's bundles (vscode.dev, github.dev) as the
// package ships them: minified, with scripts/build.mjs's browser options; and
// gzipped, about what the browser downloads. A size, not a timing: one sample.
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BUNDLES = [
  { entry: 'client/src/browserExtension.ts', name: 'client/out/browserExtension.js', format: 'cjs' },
  { entry: 'server/src/browserServer.ts', name: 'server/out/browserServer.js', format: 'iife' },
];

const once = (value) => ({ n: 1, min: value, median: value, p99: value, max: value });

export async function browserBundleRows() {
  const rows = [];
  for (const { entry, name, format } of BUNDLES) {
    const { outputFiles } = await build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      platform: 'browser',
      format,
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      mainFields: ['browser', 'module', 'main'],
      external: ['vscode'],
      alias: { 'node:path': path.join(root, 'server/src/language/load/posixPath.ts') },
      write: false,
      logLevel: 'warning',
    });
    const bytes = outputFiles[0].contents;
    rows.push({ section: 'Browser bundles (vscode.dev, github.dev)', figure: `${name}, minified`, unit: 'KiB', stat: once(bytes.byteLength / 1024) });
    rows.push({ section: 'Browser bundles (vscode.dev, github.dev)', figure: `${name}, minified and gzipped`, unit: 'KiB', stat: once(gzipSync(bytes).byteLength / 1024) });
  }
  return rows;
}
