// `kl-lens check` on notes as their authors wrote them, with no kl block: the
// reference note's wrong link (H(P,Q) = … = \log_2(D_{KL}(P||Q) + H(P))) is
// reported alone, with a readable counterexample and the right identity; its
// definitions, its correct links and its worked example pass.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';

const root = join(__dirname, '../..');
const VIETNAMESE = 'test/fixtures/general/cross-entropy-note.vi.md';
/** examples/notes/cross-entropy.md with its kl blocks taken out. */
const ENGLISH = 'test/fixtures/general/cross-entropy-without-kl.md';

function klLens(args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'server/out/cli.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface MathRecord {
  line: number;
  column: number;
  kind: string;
  pass: boolean;
  source: string;
  value: unknown;
  expected: unknown;
  general?: { distributions: string[]; samples: number };
  counterexample?: Record<string, number[]>;
  identity?: string;
}

beforeAll(() => ensureBuilt(), 120_000);

describe.each([
  [VIETNAMESE, 34, '8 checks passed, 1 failed'],
  [ENGLISH, 61, '13 checks passed, 1 failed'],
])('kl-lens check %s', (note, line, summary) => {
  it('exits 1 and reports exactly the wrong link, with a counterexample', () => {
    const { status, stdout, stderr } = klLens(['check', note]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const failures = stdout.split('\n').filter((l) => l.includes('✗'));
    expect(failures).toEqual([
      `${note}:${line}:77: ✗ -\\log 2 (\\sum p_i\\log_2(\\frac{q_i}{p_i}) + \\sum p_i\\log_2 p_i) = \\log_2(D_{KL}(P||Q) + H(P))  (for P = [0.5, 0.5], Q = [0.9, 0.1]: left 1.203972804325936 nats, right 0.26780280446702626 nats)`,
    ]);
    expect(stdout).toContain('The right statement: H(P, Q) = H(P) + D_{KL}(P||Q).');
    expect(stdout).toContain(summary);
  });

  it('--json gives the verdict of each general relation, and the counterexample of the wrong one', () => {
    const { stdout } = klLens(['check', '--json', note]);
    const records = (JSON.parse(stdout) as { files: { statements: MathRecord[] }[] }).files[0].statements.filter((s) => s.kind === 'math');
    const general = records.filter((r) => r.general);
    const failed = general.filter((r) => !r.pass);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ line, column: 77, counterexample: { P: [0.5, 0.5], Q: [0.9, 0.1] }, identity: 'H(P, Q) = H(P) + D_{KL}(P||Q)', general: { distributions: ['P', 'Q'] } });
    // The definitions and the correct links hold, checked on every sample; a relation that holds shows no sides.
    const definitions = general.filter((r) => r.pass && r.source.startsWith('D_{KL}(P||Q) = -\\sum') || r.source.startsWith('H(P, Q) = -\\sum'));
    expect(definitions.length).toBeGreaterThanOrEqual(2);
    for (const record of definitions) expect(record).toMatchObject({ pass: true, value: null, expected: null });
    for (const record of general.filter((r) => r.pass && !r.source.includes('\\ne'))) expect(record.general!.samples).toBeGreaterThan(100);
    // The worked example, −1×log₂(0.75/1) − 0 − 0 = −log₂ 0.75 ≈ 0.415, still passes.
    expect(records.filter((r) => !r.general).map((r) => r.pass)).toContain(true);
    expect(records.filter((r) => !r.general && !r.pass)).toEqual([]);
  });
});
