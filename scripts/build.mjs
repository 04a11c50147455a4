// Bundles the three entry points with esbuild: one CommonJS file each, `vscode` left external.
// Type-checking is `tsc -b`'s job; this only bundles, so it stays fast enough for `prepare`.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};

await Promise.all([
  // A note's HTML page (markdown-it, KaTeX: 1 MB) is a bundle of its own, required on the first export only.
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', external: ['./render/noteHtml'], supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: ['server/src/render/noteHtml.ts'], outfile: 'server/out/render/noteHtml.js' }),
  // Slow statements are computed on a worker thread, which runs this bundle (lsp/backgroundAnalysis.ts).
  build({ ...common, entryPoints: ['server/src/analysisWorker.ts'], outfile: 'server/out/analysisWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The language client is its own bundle, required only when a KL document is open, so
  // activating for a Markdown note without a kl fence parses a few kilobytes, not 400.
  // `import()` becomes `require()`: the extension host provides `vscode` to CommonJS only.
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode', './languageClient'], supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'client/out/languageClient.js', external: ['vscode'] }),
]);
