// What the framing guard costs well-formed traffic: the guard alone, and
// vscode-jsonrpc's reader with and without it, on 20,000 small requests and on
// one didOpen of several megabytes, written in 64 KiB chunks as a pipe
// delivers them. Not part of `npm test` (test/lsp/frameGuard.test.ts asserts
// what comes out); this prints the figures of docs/security.md.
//
//   node bench/framing.mjs [--runs N]
//
// The guard is bundled from source with esbuild into a temporary folder and run
// in this process; each figure is N runs (default 15) after one unmeasured.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { summary, timedAsync } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHUNK_BYTES = 65_536;

function framed(content) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...content }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

const TRAFFIC = [
  {
    name: '20,000 hover requests',
    messages: 20_000,
    bytes: Buffer.concat(Array.from({ length: 20_000 }, (_, id) => framed({ id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///notes/entropy.kl' }, position: { line: id, character: 3 } } }))),
  },
  {
    name: 'one didOpen',
    messages: 1,
    bytes: framed({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.kl', languageId: 'kl', version: 1, text: 'P = [0.25, 0.75] # ü€😀 a comment\n'.repeat(200_000) } } }),
  },
];

function chunksOf(bytes) {
  return Array.from({ length: Math.ceil(bytes.length / CHUNK_BYTES) }, (_, i) => bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
}

/** Writes the traffic through a guard, discarding what it passes on. */
function guardAlone(FrameGuard, bytes) {
  const guard = new FrameGuard(() => undefined);
  guard.on('data', () => undefined);
  const ended = new Promise((resolve) => guard.on('end', resolve));
  for (const chunk of chunksOf(bytes)) guard.write(chunk);
  guard.end();
  return ended;
}

/** Writes the traffic to vscode-jsonrpc's reader, through a guard or not; resolves when the reader has read every message. */
function throughReader(FrameGuard, { bytes, messages }) {
  const input = new PassThrough();
  const reader = new StreamMessageReader(FrameGuard ? input.pipe(new FrameGuard(() => undefined)) : input);
  let read = 0;
  const done = new Promise((resolve) => reader.listen(() => ++read === messages && resolve()));
  for (const chunk of chunksOf(bytes)) input.write(chunk);
  return done.then(() => reader.dispose());
}

async function main() {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 15;
  const folder = mkdtempSync(path.join(tmpdir(), 'kl-lens-framing-'));
  try {
    const outfile = path.join(folder, 'frameGuard.mjs');
    await build({ entryPoints: [path.join(root, 'server/src/lsp/frameGuard.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
    const { FrameGuard } = await import(pathToFileURL(outfile).href);
    const median = async (f) => summary(await timedAsync(f, runs)).median.toFixed(1);
    console.log('| traffic | MB | guard alone, ms | reader alone, ms | guard and reader, ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const traffic of TRAFFIC) {
      const alone = await median(() => guardAlone(FrameGuard, traffic.bytes));
      const plain = await median(() => throughReader(undefined, traffic));
      const guarded = await median(() => throughReader(FrameGuard, traffic));
      console.log(`| ${traffic.name} | ${(traffic.bytes.length / 1e6).toFixed(1)} | ${alone} | ${plain} | ${guarded} |`);
    }
    console.log(`\nNode ${process.version}, median of ${runs} runs, ${CHUNK_BYTES}-byte chunks.`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
