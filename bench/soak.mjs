// The soak test: many random edits to a 1,000-line document through the real
// server over stdio, as a user typing for hours would make, with hovers and
// code lenses in between; the server's memory is sampled (after a forced GC)
// to see whether it grows without bound. Not part of `npm test`.
//
//   node bench/soak.mjs [--edits 100000] [--lines 1000] [--seed 7] [--samples 50]
//
// The server is bundled from source into a temporary folder and started as
// `node --expose-gc --require <probe> server.js --stdio`; the probe answers
// SIGUSR2 with `process.memoryUsage()` after a full GC, on stderr. Edits go in
// bursts of 1 to 20 (a typist outruns the analysis; the server cancels stale
// runs); after each burst the client waits for the diagnostics of the current
// version, then asks for a hover and the code lenses.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArguments(argv) {
  const options = { edits: 100_000, lines: 1000, seed: 7, samples: 50 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in options)) throw new Error(`unknown option ${argv[i]}`);
    options[name] = Number(argv[i + 1]);
  }
  return options;
}

/** mulberry32: a small seeded generator, so that a run can be repeated. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One line of a note-like document: distributions of 3–20 outcomes and measures of them, and some mistakes. */
function randomLine(next, index) {
  const name = `P${Math.floor(next() * 60)}`;
  const other = `P${Math.floor(next() * 60)}`;
  const size = 3 + Math.floor(next() * 18);
  const weights = Array.from({ length: size }, () => Math.round(next() * 1000) / 1000 + 0.001);
  const choice = next();
  if (choice < 0.3) return `${name} = normalize([${weights.join(', ')}])`;
  if (choice < 0.5) return `KL(${name} || ${other})`;
  if (choice < 0.6) return `H(${name}) ≈ ${(next() * 3).toFixed(3)}`;
  if (choice < 0.7) return `JS(${name} || ${other})`;
  if (choice < 0.75) return `units ${['bits', 'nats', 'bans'][index % 3]}`;
  if (choice < 0.8) return `# note ${index}`;
  if (choice < 0.85) return `${name} = softmax([${weights.slice(0, 4).join(', ')}])`;
  if (choice < 0.9) return `CE(${name}, ${other})`;
  if (choice < 0.95) return `${name} = [${weights.join(', ')}`;
  return '';
}

const PIECES = ['P1', 'Q', '[', ']', '(', ')', ', ', '0.', '5', '||', '≈', ' = ', 'KL(', 'H(', '#', '"', '^', '-', 'x', ' '];

/** A random edit: replace a line, type or delete a few characters, or insert/remove a line (keeping about `lines` lines). */
function randomEdit(next, document, lines) {
  const lineCount = document.lineCount;
  const line = Math.floor(next() * lineCount);
  const lineText = document.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } }).replace(/\r?\n$/, '');
  const choice = next();
  if (choice < 0.4) return { range: { start: { line, character: 0 }, end: { line, character: lineText.length } }, text: randomLine(next, line) };
  if (choice < 0.7) {
    const at = Math.floor(next() * (lineText.length + 1));
    return { range: { start: { line, character: at }, end: { line, character: at } }, text: PIECES[Math.floor(next() * PIECES.length)] };
  }
  if (choice < 0.9) {
    const at = Math.floor(next() * (lineText.length + 1));
    const end = Math.min(lineText.length, at + 1 + Math.floor(next() * 5));
    return { range: { start: { line, character: at }, end: { line, character: end } }, text: '' };
  }
  if (lineCount > lines) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${randomLine(next, line)}\n` };
}

async function startServer(folder) {
  const bundle = path.join(folder, 'server.js');
  await build({ entryPoints: [path.join(root, 'server/src/server.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error' });
  const probe = path.join(folder, 'memoryProbe.cjs');
  writeFileSync(probe, "process.on('SIGUSR2', () => { global.gc(); global.gc(); process.stderr.write('MEMORY ' + JSON.stringify(process.memoryUsage()) + '\\n'); });\n");
  const child = spawn(process.execPath, ['--expose-gc', '--require', probe, bundle, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  const waiting = [];
  child.stderr.on('data', (data) => {
    stderr += data.toString('utf8');
    let newline;
    while ((newline = stderr.indexOf('\n')) >= 0) {
      const line = stderr.slice(0, newline);
      stderr = stderr.slice(newline + 1);
      if (line.startsWith('MEMORY ')) waiting.shift()?.(JSON.parse(line.slice(7)));
    }
  });
  const memory = () => new Promise((resolve) => {
    waiting.push(resolve);
    child.kill('SIGUSR2');
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  const versionWaiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params);
    for (const wake of versionWaiters.splice(0)) wake();
  });
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
  connection.sendNotification('initialized', {});
  const diagnosticsFor = async (uri, version) => {
    while (published.get(uri)?.version !== version) await new Promise((resolve) => versionWaiters.push(resolve));
    return published.get(uri).diagnostics;
  };
  return { child, connection, memory, diagnosticsFor };
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const next = random(options.seed);
  const folder = mkdtempSync(path.join(tmpdir(), 'kl-lens-soak-'));
  const server = await startServer(folder);
  const uri = 'file:///soak/document.kl';
  let document = TextDocument.create(uri, 'kl', 1, Array.from({ length: options.lines }, (_, i) => randomLine(next, i)).join('\n'));
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kl', version: 1, text: document.getText() } });
  await server.diagnosticsFor(uri, 1);

  const samples = [];
  const sample = async (edits, started) => {
    const memory = await server.memory();
    samples.push({ edits, seconds: (performance.now() - started) / 1000, heap: memory.heapUsed, rss: memory.rss, external: memory.external + memory.arrayBuffers, lines: document.lineCount });
    const last = samples.at(-1);
    process.stderr.write(`${String(edits).padStart(7)} edits  ${last.seconds.toFixed(0).padStart(5)} s  heap ${mb(last.heap).padStart(6)} MB  rss ${mb(last.rss).padStart(6)} MB  external ${mb(last.external).padStart(6)} MB  ${last.lines} lines\n`);
  };

  const started = performance.now();
  await sample(0, started);
  const every = Math.max(1, Math.floor(options.edits / options.samples));
  const hoverLatencies = [];
  let edits = 0;
  let nextSample = every;
  while (edits < options.edits) {
    const burst = Math.min(options.edits - edits, 1 + Math.floor(next() * 20));
    for (let i = 0; i < burst; i++) {
      const change = randomEdit(next, document, options.lines);
      document = TextDocument.update(document, [change], document.version + 1);
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [change] });
    }
    edits += burst;
    await server.diagnosticsFor(uri, document.version);
    const hoverStarted = performance.now();
    await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: Math.floor(next() * document.lineCount), character: 1 } });
    hoverLatencies.push(performance.now() - hoverStarted);
    await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    if (edits >= nextSample) {
      await sample(edits, started);
      nextSample += every;
    }
  }

  const alive = server.child.exitCode === null;
  server.connection.dispose();
  server.child.kill();
  rmSync(folder, { recursive: true, force: true });

  hoverLatencies.sort((a, b) => a - b);
  const half = samples.filter((s) => s.edits >= options.edits / 2);
  const slope = (key) => {
    // Least squares over the second half: MB per 10,000 edits.
    const n = half.length;
    const mx = half.reduce((t, s) => t + s.edits, 0) / n;
    const my = half.reduce((t, s) => t + s[key], 0) / n;
    const sxy = half.reduce((t, s) => t + (s.edits - mx) * (s[key] - my), 0);
    const sxx = half.reduce((t, s) => t + (s.edits - mx) ** 2, 0);
    return (sxy / sxx) * 10_000;
  };
  const max = (key, list) => Math.max(...list.map((s) => s[key]));
  console.log(`\n| figure | value |\n| --- | --- |`);
  console.log(`| edits | ${edits.toLocaleString('en-US')} on a ${options.lines}-line document (seed ${options.seed}), in ${(samples.at(-1).seconds / 60).toFixed(1)} min |`);
  console.log(`| server alive at the end | ${alive ? 'yes' : 'no'} |`);
  console.log(`| heap after GC: start, end, max | ${mb(samples[0].heap)} MB, ${mb(samples.at(-1).heap)} MB, ${mb(max('heap', samples))} MB |`);
  console.log(`| RSS: start, end, max | ${mb(samples[0].rss)} MB, ${mb(samples.at(-1).rss)} MB, ${mb(max('rss', samples))} MB |`);
  console.log(`| heap growth over the second half | ${mb(slope('heap'))} MB per 10,000 edits |`);
  console.log(`| RSS growth over the second half | ${mb(slope('rss'))} MB per 10,000 edits |`);
  console.log(`| hover after a burst: p50, p99, max | ${hoverLatencies[Math.floor(hoverLatencies.length / 2)].toFixed(1)} ms, ${hoverLatencies[Math.floor(hoverLatencies.length * 0.99)].toFixed(1)} ms, ${hoverLatencies.at(-1).toFixed(1)} ms |`);
}

await main();
