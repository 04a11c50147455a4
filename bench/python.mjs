// Debian's python3 with numpy and scipy, when the machine has them: the
// benchmark's reference. Without them the comparisons are left out and said so.
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** scipy's and numpy's versions, or why there is no reference. */
export function pythonReference() {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], { encoding: 'utf8' });
  if (probe.error) return { available: false, reason: `${PYTHON} is not there (${probe.error.code})` };
  if (probe.status !== 0) return { available: false, reason: `${PYTHON} has no numpy/scipy (apt install python3-scipy)` };
  const [numpy, scipy] = probe.stdout.trim().split(' ');
  return { available: true, numpy, scipy };
}

export function runPython(args) {
  const result = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`python ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}
