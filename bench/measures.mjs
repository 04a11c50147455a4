// KL, cross-entropy and entropy of two 1,000,000-outcome distributions, in
// this process, beside scipy.stats.entropy on the same .npy files; and how the
// time grows from 10^3 to 10^7 outcomes.
//
// "statement" is what a document pays: `KL(P || Q)` evaluated by `analyze`
// with P and Q loaded above it (the analysis reuses them; the statement's own
// text changes every run, so it is evaluated every run). "kernel" is the
// measure's loop alone.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distribution, random, writeNpy } from './data.mjs';
import { runPython } from './python.mjs';
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

export function measureRows({ engine, folder, python, runs }) {
  const rows = [];
  const files = writeDistributions(folder, 1e6, 1);
  const reference = python.available ? JSON.parse(runPython([path.join(here, 'scipy_measures.py'), String(runs), files.p, files.q])) : undefined;
  const section = 'Measures of two 1,000,000-outcome distributions (in process)';
  if (reference) rows.push({ section, figure: 'scipy.stats.entropy(p)', unit: 'ms', stat: summary(reference.H) }, { section, figure: 'scipy.stats.entropy(p, q)', unit: 'ms', stat: summary(reference.pair) });
  for (const measure of MEASURES) {
    const timer = statementTimer(engine, folder, files, measure.source);
    const statement = summary(timed(timer.time, runs));
    const kernel = summary(timed(() => measure.kernel(engine, timer.p, timer.q), runs));
    rows.push({ section, figure: `${measure.figure}: statement`, unit: 'ms', stat: statement });
    rows.push({ section, figure: `${measure.figure}: kernel`, unit: 'ms', stat: kernel });
    if (reference) {
      const scipyMedian = summary(reference[measure.scipy]).median;
      rows.push({ section, figure: `${measure.figure}: statement / scipy`, unit: '×', stat: ratio(statement, scipyMedian), target: { value: 1 } });
    }
    const scipyValue = measure.scipy === 'H' ? reference?.values.H : measure.source.startsWith('KL') ? reference?.values.KL : undefined;
    if (scipyValue !== undefined && Math.abs(timer.value() - scipyValue) > 1e-9 * Math.abs(scipyValue)) {
      throw new Error(`${measure.figure} = ${timer.value()} but scipy says ${scipyValue}`);
    }
  }
  return rows;
}

/** Each statistic over the same reference median. */
function ratio(stat, reference) {
  return { min: stat.min / reference, median: stat.median / reference, max: stat.max / reference };
}

/** KL(P ‖ Q) from 10^3 to 10^7 outcomes: the statement, and scipy.stats.entropy(p, q). */
export function scalingRows({ engine, folder, python, runs }) {
  const rows = [];
  const section = 'Scaling with the number of outcomes: KL(P ‖ Q) statement';
  for (const n of [1e3, 1e4, 1e5, 1e6, 1e7]) {
    const files = writeDistributions(folder, n, 2);
    const timer = statementTimer(engine, folder, files, 'KL(P || Q)');
    const stat = summary(timed(timer.time, runs));
    const label = `10^${Math.log10(n)}`;
    let note;
    if (python.available) {
      const reference = summary(JSON.parse(runPython([path.join(here, 'scipy_measures.py'), String(runs), files.p, files.q])).pair);
      note = `scipy ${reference.median.toFixed(n < 1e5 ? 3 : 1)} ms, ×${(stat.median / reference.median).toFixed(2)}`;
    }
    rows.push({ section, figure: `${label} outcomes`, unit: 'ms', stat, ...(note ? { note } : {}) });
  }
  return rows;
}
