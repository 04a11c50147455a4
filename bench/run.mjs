// `npm run bench`: every figure of issue 7, measured on this machine, with
// scipy beside KL Lens in the same run when /usr/bin/python3 has it.
//
//   node bench/run.mjs [--quick] [--only measures,general,eval,server,launches,activation,responsive,hostile,scaling] [--case=NAME] [--no-server-flags]
//
// Prints a table (min, median, max over repeated runs; a target is judged on
// the median unless it says p99) and writes it to bench/out/results.md and
// bench/out/results.json. Expects `npm run build` to have run (npm run bench
// does it). Not part of npm test: it takes minutes and depends on the machine.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activationRows } from './activation.mjs';
import { browserBundleRows } from './browserBundles.mjs';
import { evalProcessRows } from './evalProcess.mjs';
import { generalStatementRows } from './generalStatements.mjs';
import { measureRows, scalingRows } from './measures.mjs';
import { pythonReference } from './python.mjs';
import { hostileDocumentRows } from './hostileDocuments.mjs';
import { launchRows } from './launches.mjs';
import { responsivenessRows } from './responsive.mjs';
import { coldStartRows, documentRows } from './server.mjs';
import { markdownTable, meets, table, textTable } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench/out');
const data = path.join(out, 'data');
mkdirSync(data, { recursive: true });

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArgument = argv.find((a) => a.startsWith('--only'));
const only = onlyArgument ? new Set((onlyArgument.includes('=') ? onlyArgument.split('=')[1] : argv[argv.indexOf(onlyArgument) + 1]).split(',')) : undefined;
const wanted = (name) => !only || only.has(name);
const runs = (full, fast) => (quick ? fast : full);

const engineBundle = path.join(out, 'engine.cjs');
await build({ entryPoints: [path.join(root, 'bench/engine.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile: engineBundle, logLevel: 'warning' });
const engine = createRequire(import.meta.url)(engineBundle);
const python = pythonReference();
// The server as the extension ships it (`npm run package`): minified. Unminified, the bundle keeps
// comments with characters beyond Latin-1, and V8 holds its 1 MB of source as 2 MB of two-byte text.
const serverPath = path.join(out, 'server.js');
// With its worker thread's bundle beside it (lsp/backgroundAnalysis.ts), as in the package.
// And, as there, the note's HTML page (markdown-it, KaTeX) a bundle of its own that the first export requires (scripts/build.mjs).
const serverBundle = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', mainFields: ['module', 'main'], logLevel: 'warning' };
await build({ ...serverBundle, entryPoints: [path.join(root, 'server/src/server.ts'), path.join(root, 'server/src/analysisWorker.ts')], outdir: out, external: ['./render/noteHtml'], supported: { 'dynamic-import': false } });
await build({ ...serverBundle, entryPoints: [path.join(root, 'server/src/render/noteHtml.ts')], outfile: path.join(out, 'render/noteHtml.js') });
// The server runs with the Node flags every launcher gives it (server/src/nodeFlags.ts),
// or with Node's defaults under --no-server-flags, to compare.
const nodeFlags = argv.includes('--no-server-flags') ? [] : engine.SERVER_NODE_FLAGS;
// And in the environment they give it.
const serverEnvironment = { ...process.env, ...engine.SERVER_ENVIRONMENT };
const cli = path.join(root, 'server/out/cli.js');

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
  server: `${Object.entries(engine.SERVER_ENVIRONMENT).map(([name, value]) => (value === undefined ? `-u ${name}` : `${name}=${value}`)).join(' ')} node ${[...nodeFlags, 'bench/out/server.js --stdio'].join(' ')} (minified, as packaged)`,
  python: python.available ? `numpy ${python.numpy}, scipy ${python.scipy} (/usr/bin/python3)` : `no scipy reference: ${python.reason}`,
};
console.log(Object.entries(environment).map(([k, v]) => `${k}: ${v}`).join('\n'));

const rows = [];
const section = async (name, f) => {
  if (!wanted(name)) return;
  const started = performance.now();
  process.stdout.write(`\n${name}…`);
  rows.push(...(await f()));
  process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(0)} s`);
};

await section('measures', () => measureRows({ engine, folder: data, python, runs: runs(21, 7) }));
await section('general', () => generalStatementRows({ engine, runs: runs(21, 7) }));
await section('eval', () => evalProcessRows({ folder: data, python, runs: runs(10, 3), cli }));
await section('server', async () => [
  ...(await coldStartRows({ serverPath, nodeFlags, serverEnvironment, folder: data, runs: runs(10, 3) })),
  ...(await documentRows({ serverPath, nodeFlags, serverEnvironment, folder: data, lines: 10_000, opens: runs(5, 2), hovers: runs(1000, 200), edits: runs(40, 10), targets: true, section: 'Language server (stdio), 10,000-line document' })),
]);
await section('launches', () => launchRows({ root, nodeFlags, serverEnvironment, folder: data, opens: runs(3, 2), edits: runs(10, 5) }));
await section('activation', () => activationRows({ runs: runs(20, 5) }));
await section('browser', () => browserBundleRows());
await section('responsive', () => responsivenessRows({ serverPath, nodeFlags, serverEnvironment, folder: data, runs: runs(3, 1) }));
await section('hostile', () => hostileDocumentRows({ serverPath, nodeFlags, serverEnvironment, folder: data, runs: runs(2, 1), only: argv.find((a) => a.startsWith('--case='))?.slice('--case='.length) }));
await section('scaling', async () => [
  ...(await scalingRows({ engine, folder: data, python, runs: runs(7, 3) })),
  ...(await documentRows({ serverPath, nodeFlags, serverEnvironment, folder: data, lines: 1_000, opens: runs(3, 1), hovers: 100, edits: runs(20, 5), section: 'Scaling with the document: 1,000 lines' })),
  ...(await documentRows({ serverPath, nodeFlags, serverEnvironment, folder: data, lines: 10_000, opens: runs(3, 1), hovers: 100, edits: runs(20, 5), section: 'Scaling with the document: 10,000 lines' })),
  ...(await documentRows({ serverPath, nodeFlags, serverEnvironment, folder: data, lines: 100_000, opens: 1, hovers: 100, edits: runs(10, 3), section: 'Scaling with the document: 100,000 lines' })),
]);

const lines = table(rows);
console.log(`\n\n${textTable(lines)}`);
const missed = rows.filter((row) => row.target && row.stat && !meets(row));
console.log(missed.length === 0 ? '\nEvery target met.' : `\nTargets not met: ${missed.map((row) => `${row.section}: ${row.figure}`).join('; ')}`);
writeFileSync(path.join(out, 'results.json'), `${JSON.stringify({ environment, rows }, null, 2)}\n`);
writeFileSync(path.join(out, 'results.md'), `${Object.entries(environment).map(([k, v]) => `- ${k}: ${v}`).join('\n')}\n\n${markdownTable(lines)}\n`);
