// KL, cross-entropy and entropy of two 1,000,000-outcome distributions, in
// this process, beside scipy.stats.entropy on the same .npy files; and how the
// time grows from 10^3 to 10^7 outcomes.
//
// "statement" is what a document pays: `KL(P || Q)` evaluated by `analyze`
// with P and Q loaded above it (the analysis reuses them; the statement's own
// text changes every run, so it is evaluated every run). "kernel" is the
// measure's loop alone. The statement's runs alternate with scipy's, so that
// each ratio compares two runs made within milliseconds of each other: this
// shared 2-core machine changes speed by half within a second.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distribution, random, writeNpy } from './data.mjs';
import { pythonConversation } from './python.mjs';
import { summary, timed } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export function writeDistributions(folder, n, seed) {
  const next = random(seed);
  const files = { p: path.join(folder, `p${n === 1e6 ? '' : `_${n}`}.npy`), q: path.join(folder, `q${n === 1e6 ? '' : `_${n}`}.npy`) };
  writeNpy(files.p, distribution(n, next));
  writeNpy(files.q, distribution(n, next));
  return files;
}

function statementTimer(engine, folder, files, measure) {
  const options = {
    defaultUnits: 'nats',
    limits: { maxElements: 30_000_000 },
    files: { documentPath: path.join(folder, 'bench.kl'), workspaceRoot: folder, trusted: true, maxFileBytes: 1 << 30, fileSystem: engine.nodeFileSystem },
  };
  const head = `P = load("${path.basename(files.p)}")\nQ = load("${path.basename(files.q)}")\n`;
  const base = engine.analyze(head, 'kl', options);
  const errors = base.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the benchmark document has errors: ${errors[0].message}`);
  let run = 0;
  let value;
  const time = () => {
    const analysis = engine.analyze(`${head}${measure} # run ${run++}`, 'kl', options, base);
    value = analysis.statements[2].result.value?.value;
  };
  return { time, value: () => value, p: base.statements[0].result.value.data, q: base.statements[1].result.value.data };
}

const MEASURES = [
  { figure: 'KL(P ‖ Q)', source: 'KL(P || Q)', kernel: (e, p, q) => e.klDivergence(p, q, 'nats').value, scipy: 'pair' },
  { figure: 'H(P, Q) (cross-entropy)', source: 'H(P, Q)', kernel: (e, p, q) => e.crossEntropy(p, q, 'nats').value, scipy: 'pair' },
  { figure: 'H(P)', source: 'H(P)', kernel: (e, p) => e.entropy(p, 'nats').value, scipy: 'H' },
];

export async function measureRows({ engine, folder, python, runs }) {
  const rows = [];
  const files = writeDistributions(folder, 1e6, 1);
  const scipy = python.available ? await scipyTimer(files) : undefined;
  const section = 'Measures of two 1,000,000-outcome distributions (in process)';
  for (const measure of MEASURES) {
    const timer = statementTimer(engine, folder, files, measure.source);
    const scipyCall = measure.scipy === 'H' ? 'entropy(p)' : 'entropy(p, q)';
    const { ours, theirs, ratios } = await alternated(timer.time, scipy && (() => scipy.time(measure.scipy)), runs);
    const kernel = summary(timed(() => measure.kernel(engine, timer.p, timer.q), runs));
    rows.push({ section, figure: `${measure.figure}: statement`, unit: 'ms', stat: summary(ours) });
    rows.push({ section, figure: `${measure.figure}: kernel`, unit: 'ms', stat: kernel });
    if (scipy) {
      rows.push({ section, figure: `${measure.figure}: scipy.stats.${scipyCall}, runs alternating with the statement's`, unit: 'ms', stat: summary(theirs) });
      rows.push({ section, figure: `${measure.figure}: statement / scipy, run by run`, unit: '×', stat: summary(ratios), target: { value: 1 } });
      const scipyValue = measure.scipy === 'H' ? scipy.values.H : measure.source.startsWith('KL') ? scipy.values.KL : undefined;
      if (scipyValue !== undefined && Math.abs(timer.value() - scipyValue) > 1e-9 * Math.abs(scipyValue)) {
        throw new Error(`${measure.figure} = ${timer.value()} but scipy says ${scipyValue}`);
      }
    }
  }
  scipy?.close();
  return rows;
}

/** scipy.stats.entropy on `files`, one timed run per call of `time("H" | "pair")`, in one Python process. */
async function scipyTimer(files) {
  const python = pythonConversation(path.join(here, 'scipy_measures.py'), [files.p, files.q]);
  const values = JSON.parse(await python.next());
  return { values, time: async (kind) => Number(await python.ask(kind)), close: python.close };
}

/**
 * Runs `ours` and, when there is one, `theirs` (async, reporting its own
 * milliseconds) by turns, 2 unmeasured rounds and then `runs`; each ratio is
 * a round's ours / theirs.
 */
async function alternated(ours, theirs, runs) {
  const result = { ours: [], theirs: [], ratios: [] };
  for (let round = -2; round < runs; round++) {
    const reference = theirs ? await theirs() : undefined;
    const [time] = timed(ours, 1, 0);
    if (round < 0) continue;
    result.ours.push(time);
    if (reference === undefined) continue;
    result.theirs.push(reference);
    result.ratios.push(time / reference);
  }
  return result;
}

/** KL(P ‖ Q) from 10^3 to 10^7 outcomes: the statement, and scipy.stats.entropy(p, q) by turns with it. */
export async function scalingRows({ engine, folder, python, runs }) {
  const rows = [];
  const section = 'Scaling with the number of outcomes: KL(P ‖ Q) statement';
  for (const n of [1e3, 1e4, 1e5, 1e6, 1e7]) {
    const files = writeDistributions(folder, n, 2);
    const timer = statementTimer(engine, folder, files, 'KL(P || Q)');
    const scipy = python.available ? await scipyTimer(files) : undefined;
    const { ours, theirs, ratios } = await alternated(timer.time, scipy && (() => scipy.time('pair')), runs);
    scipy?.close();
    const stat = summary(ours);
    const note = scipy ? `scipy ${summary(theirs).median.toFixed(n < 1e5 ? 3 : 1)} ms, ×${summary(ratios).median.toFixed(2)}` : undefined;
    rows.push({ section, figure: `10^${Math.log10(n)} outcomes`, unit: 'ms', stat, ...(note ? { note } : {}) });
  }
  return rows;
}
