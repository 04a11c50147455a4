// Hostile documents through the engine: how long `analyze` takes on each and
// what it says. Not part of `npm test` (the tests in test/security/ assert the
// diagnostics with a generous time bound); this prints the precise figures.
//
//   node bench/hostile.mjs [--runs N] [case name substring…]
//
// The engine is bundled from source with esbuild into a temporary folder, as
// the server bundles it, and run in this process; every case runs N times
// (default 3) and the table shows the fastest, the median and the slowest,
// with the growth of the heap and of the resident set over the first run.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A document of `bytes` characters made of `lines` repeated (varying the names so that nothing is cached). */
function repeatedLines(bytes, lines) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const line = lines[i % lines.length].replaceAll('#', String(i % 997));
    parts.push(line);
    length += line.length + 1;
  }
  return parts.join('\n');
}

const NOTE_LINES = ['units bits', 'P# = [0.75, 0.2, 0.05]', 'Q# = softmax([2, 1, 0.1])', 'KL(P# || Q#)', 'H(P#) ≈ 1.05', '# a comment about the lines above', ''];

export const CASES = [
  { name: 'uniform(1e12)', text: () => 'uniform(1e12)' },
  { name: 'onehot(1, 1e12)', text: () => 'onehot(1, 1e12)' },
  { name: 'H(uniform(10^7))', text: () => 'H(uniform(10000000))' },
  { name: 'precision 1000, H of 200 outcomes', text: () => 'precision 1000\nH(uniform(200))' },
  { name: 'precision 1000, H of 10^5 outcomes', text: () => 'precision 1000\nH(uniform(100000))' },
  { name: 'precision 16, 36, …, 996, one measure each', text: () => Array.from({ length: 50 }, (_, i) => `precision ${16 + 20 * i}\nH([0.25, 0.75])`).join('\n') },
  { name: '2^2^2^2^2^2', text: () => '2^2^2^2^2^2' },
  { name: '100,000 nested (', text: () => `${'('.repeat(100_000)}1${')'.repeat(100_000)}` },
  { name: '100,000 nested [', text: () => `${'['.repeat(100_000)}1${']'.repeat(100_000)}` },
  { name: '100,000 nested H(', text: () => `${'H('.repeat(100_000)}1${')'.repeat(100_000)}` },
  { name: '100,000 unary minus', text: () => `${'-'.repeat(100_000)}1` },
  { name: '1 + 1 + … (100,000 terms)', text: () => Array(100_000).fill('1').join(' + ') },
  { name: '100,000 lines of (', text: () => `${'(\n'.repeat(100_000)}1` },
  // The recovery of a half-typed statement (docs/language.md): splitting stays linear however the lines are written.
  { name: 'half-typed [ above 10,000 complete lines', text: () => `[\n${'KL([0.5, 0.5] || [0.25, 0.75])\n'.repeat(10_000)}` },
  { name: '[ above 5,000 × (KL(P || and H(P))', text: () => `[\n${'KL([0.5, 0.5] ||\nH([0.5, 0.5])\n'.repeat(5_000)}` },
  { name: '5,000 × (max( and H(P)), all closed at the end', text: () => `${'max(\nH([0.5, 0.5])\n'.repeat(5_000)}${')'.repeat(5_000)}` },
  { name: '50 × (100 × (-max( and 1), one ) too many)', text: () => `${'-max(\n1\n'.repeat(100)}${')'.repeat(101)}\n`.repeat(50) },
  { name: '10 MB line of @', text: () => '@'.repeat(10_000_000) },
  { name: '10 MB line: a vector', text: () => `P = [${'0.1, '.repeat(2_000_000)}0.1]\nH(P)` },
  { name: '10 MB line: one name', text: () => 'a'.repeat(10_000_000) },
  { name: '10 MB comment', text: () => `#${'x'.repeat(10_000_000)}` },
  { name: '99,999-character statement', text: () => `[${'0.1,'.repeat(24_999)}1]` },
  { name: '20 MB note-like document', text: () => repeatedLines(20_000_000, NOTE_LINES) },
  { name: '20 MB of 99,999-char vectors', text: () => `${`[${'0.1,'.repeat(24_999)}1]\n`.repeat(200)}` },
  { name: '20 MB Markdown, 100,000 kl fences', kind: 'markdown', text: () => repeatedLines(20_000_000, ['Some prose about the numbers.', '```kl', 'P# = [0.5, 0.5]', 'H(P#)', '```', '']) },
  { name: '20 MB note of inline math $1 + 1 = 2$', kind: 'markdown', text: () => '$1 + 1 = 2$ '.repeat(1_666_667) },
  { name: '10 MB formula', kind: 'markdown', text: () => `$$${'x '.repeat(5_000_000)}$$` },
  { name: '20 MB of unmatched $', kind: 'markdown', text: () => '$ a '.repeat(5_000_000) },
  { name: '1,000,000 statements', text: () => Array.from({ length: 1_000_000 }, (_, i) => `x${i % 1000} = ${i}`).join('\n') },
  { name: 'uniform(10^7) + … (900 terms)', text: () => Array(900).fill('uniform(10000000)').join(' + ') },
  { name: '[uniform(9·10^6), … 20 rows]', text: () => `[${Array(20).fill('uniform(9000000)').join(', ')}]` },
  { name: '30 × X = uniform(5·10^6)', text: () => Array.from({ length: 30 }, (_, i) => `X${i} = uniform(${5_000_000 - i})`).join('\n') },
  { name: 'softmax nested 199 deep on 10^6', text: () => `${'softmax('.repeat(199)}uniform(1000000)${')'.repeat(199)}` },
];

function parseArguments(argv) {
  let runs = 3;
  const filters = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else filters.push(argv[i]);
  }
  return { runs, filters };
}

async function loadEngine() {
  const folder = mkdtempSync(path.join(tmpdir(), 'kl-lens-hostile-'));
  const outfile = path.join(folder, 'engine.mjs');
  await build({ entryPoints: [path.join(root, 'server/src/notes/documentAnalysis.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  const engine = await import(pathToFileURL(outfile).href);
  rmSync(folder, { recursive: true, force: true });
  return engine;
}

function describeOutcome(analysis) {
  const first = analysis.diagnostics[0];
  const said = first ? `${first.code}: ${first.message}` : 'no diagnostic';
  return { statements: analysis.statements.length, diagnostics: analysis.diagnostics.length, said: said.length > 110 ? `${said.slice(0, 109)}…` : said };
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;

async function main() {
  const { runs, filters } = parseArguments(process.argv.slice(2));
  const { analyze } = await loadEngine();
  analyze('P = [0.5, 0.5]\nH(P)', 'kl');
  const rows = [];
  for (const hostile of CASES.filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)))) {
    const text = hostile.text();
    const times = [];
    let outcome;
    let heap = 0;
    let rss = 0;
    for (let run = 0; run < runs; run++) {
      globalThis.gc?.();
      const before = process.memoryUsage();
      const start = performance.now();
      const analysis = analyze(text, hostile.kind ?? 'kl');
      times.push(performance.now() - start);
      if (run === 0) {
        const after = process.memoryUsage();
        heap = after.heapUsed - before.heapUsed;
        rss = after.rss - before.rss;
        outcome = describeOutcome(analysis);
      }
    }
    times.sort((a, b) => a - b);
    rows.push({ name: hostile.name, size: text.length, min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1), heap, rss, ...outcome });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.log(`| case | characters | min ms | median ms | max ms | heap Δ | RSS Δ | statements | diagnostics | first diagnostic |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.size.toLocaleString('en-US')} | ${row.min.toFixed(0)} | ${row.median.toFixed(0)} | ${row.max.toFixed(0)} | ${megabytes(row.heap)} | ${megabytes(row.rss)} | ${row.statements.toLocaleString('en-US')} | ${row.diagnostics.toLocaleString('en-US')} | ${row.said.replaceAll('|', '\\|')} |`);
  }
  console.log(`\nNode ${process.version}, ${runs} run(s) per case; heap and RSS growth over the first run (run with --expose-gc for cleaner figures).`);
}

await main();
