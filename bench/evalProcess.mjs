// `kl-lens eval` as a whole process on a document that loads two
// 1,000,000-outcome .npy files and computes KL, H and JS, beside a Python
// process doing the same with numpy and scipy. Runs alternate.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './python.mjs';
import { summary } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function wallTime(command, args) {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const milliseconds = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(-500)}`);
  return milliseconds;
}

export function evalProcessRows({ folder, python, runs, cli }) {
  const document = path.join(folder, 'eval.kl');
  writeFileSync(document, 'P = load("p.npy")\nQ = load("q.npy")\nKL(P || Q)\nH(P)\nJS(P || Q)\n');
  const ours = [];
  const theirs = [];
  for (let i = 0; i < runs; i++) {
    ours.push(wallTime(process.execPath, [cli, 'eval', '--no-color', document]));
    if (python.available) theirs.push(wallTime(PYTHON, [path.join(here, 'python_eval.py'), folder]));
  }
  const section = 'kl-lens eval as a process (load two 10^6 .npy, KL, H, JS)';
  const rows = [{ section, figure: 'node server/out/cli.js eval', unit: 'ms', stat: summary(ours) }];
  if (python.available) {
    const reference = summary(theirs);
    rows.push({ section, figure: 'python3 + numpy + scipy', unit: 'ms', stat: reference });
    rows.push({ section, figure: 'kl-lens eval / python', unit: '×', stat: { min: summary(ours).min / reference.median, median: summary(ours).median / reference.median, max: summary(ours).max / reference.median }, target: { value: 1, kind: '<' } });
  }
  return rows;
}
