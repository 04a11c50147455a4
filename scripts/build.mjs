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
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
]);
