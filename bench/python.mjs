// Debian's python3 with numpy and scipy, when the machine has them: the
// benchmark's reference. Without them the comparisons are left out and said so.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

export const PYTHON = '/usr/bin/python3';

/** scipy's and numpy's versions, or why there is no reference. */
export function pythonReference() {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], { encoding: 'utf8' });
  if (probe.error) return { available: false, reason: `${PYTHON} is not there (${probe.error.code})` };
  if (probe.status !== 0) return { available: false, reason: `${PYTHON} has no numpy/scipy (apt install python3-scipy)` };
  const [numpy, scipy] = probe.stdout.trim().split(' ');
  return { available: true, numpy, scipy };
}

/**
 * A Python process that answers one line per line it is sent: `script`'s
 * protocol. `ask(line)` resolves to its answer; `close()` ends it.
 */
export function pythonConversation(script, args) {
  const child = spawn(PYTHON, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await answers.next();
    if (done) throw new Error(`${script} ended early (exit ${child.exitCode})`);
    return value;
  };
  return {
    next,
    ask(line) {
      child.stdin.write(`${line}\n`);
      return next();
    },
    close() {
      child.stdin.end();
    },
  };
}
