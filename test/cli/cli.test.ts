// The built `kl-lens` bin as a user runs it: output, --json shape, exit statuses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';

const root = join(__dirname, '../..');
const bin = join(root, 'server/out/cli.js');

function klLens(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let folder: string;
beforeAll(() => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'kl-lens-cli-'));
  writeFileSync(join(folder, 'failing.kl'), 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q) ≈ 0.5\nR\n');
  writeFileSync(join(folder, 'emptyCheck.kl'), 'x = -0.34\n[] ≈ 0\nx ≈ -0.341\n');
  writeFileSync(join(folder, 'labels.kl'), 'P = {cat: 0.5, __proto__: 0.5}\nP\nnormal(0, 1)\nKL(P || {cat: 1})\n');
  mkdirSync(join(folder, 'empty'));
  writeFileSync(join(folder, 'empty/readme.txt'), 'nothing here');
}, 120_000);

describe('kl-lens eval', () => {
  it('prints every statement of the worked example with its value, unit and ✓, and exits 0', () => {
    const { status, stdout, stderr } = klLens(['eval', 'examples/cross-entropy.kl']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\s+9 {2}KL\(P \|\| Q\)\s+= 0\.4150374992788438 bits$/m);
    expect(stdout).toMatch(/^\s+10 {2}KL\(P \|\| Q\) ≈ 0\.415\s+✓ 0\.4150374992788438 bits {2}\(expected 0\.415 ± 0\.0005\)$/m);
    expect(stdout).toContain('examples/cross-entropy.kl:13:1: warning: KL(Q ‖ P) is infinite');
    expect(stdout.trim().split('\n').at(-1)).toBe('3 checks passed, 0 failed; 0 errors, 1 warning in 1 file');
  });

  it('--json follows the contract: 1-based lines, kinds, values, units, checks, diagnostics', () => {
    const { status, stdout } = klLens(['eval', '--json', join(folder, 'failing.kl')]);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.files).toHaveLength(1);
    const [file] = report.files;
    expect(file.statements).toEqual([
      { line: 1, kind: 'directive', value: 'bits' },
      { line: 2, kind: 'assignment', name: 'P', value: [1, 0, 0] },
      { line: 3, kind: 'assignment', name: 'Q', value: [0.75, 0.2, 0.05] },
      { line: 4, kind: 'check', value: 0.4150374992788438, unit: 'bits', expected: 0.5, tolerance: 0.05, pass: false },
      { line: 5, kind: 'expression', value: null },
    ]);
    expect(file.diagnostics.map((d: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string }) => [d.line, d.column, d.endLine, d.endColumn, d.severity, d.code])).toEqual([
      [4, 1, 4, 17, 'error', 'check-failed'],
      [5, 1, 5, 2, 'error', 'unknown-name'],
    ]);
    expect(file.diagnostics[1].message).toBe("Unknown name 'R'. Define it above this line, e.g. P = [0.5, 0.5].");
  });

  it('--json writes labelled maps as plain objects (even a label __proto__), normals as objects, ∞ as a string', () => {
    const { stdout } = klLens(['eval', '--json', join(folder, 'labels.kl')]);
    const statements = JSON.parse(stdout).files[0].statements;
    expect(Object.keys(statements[1].value)).toEqual(['cat', '__proto__']);
    expect(statements[2].value).toEqual({ distribution: 'normal', mu: 0, sigma: 1 });
    expect(statements[3].value).toBe('Infinity');
  });

  it('--units sets the units before any directive', () => {
    const { stdout } = klLens(['eval', '--json', '--units', 'bits', join(folder, 'labels.kl')]);
    expect(JSON.parse(stdout).files[0].statements[3].unit).toBe('bits');
  });
});

describe('kl-lens check', () => {
  it('prints only failures, diagnostics and the summary; exits 1 on a failed check', () => {
    const { status, stdout } = klLens(['check', join(folder, 'failing.kl')]);
    expect(status).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/failing\.kl:4: ✗ KL\(P \|\| Q\) ≈ 0\.5 {2}\(got 0\.4150374992788438 bits\)$/);
    expect(lines[1]).toMatch(/failing\.kl:4:1: error: Check failed: the left side is 0\.41503749927884381 bits, the right side 0\.5; they differ by 0\.08496250072115619, more than the tolerance ±0\.05\. \[check-failed\]$/);
    expect(lines[2]).toMatch(/failing\.kl:5:1: error: Unknown name 'R'/);
    expect(lines.at(-1)).toBe('0 checks passed, 1 failed; 2 errors, 0 warnings in 1 file');
  });

  it('reports an empty check as a located error and goes on to the next file; a written number is shown as written', () => {
    const { status, stdout, stderr } = klLens(['check', join(folder, 'emptyCheck.kl'), 'examples/cross-entropy.kl']);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toMatch(/emptyCheck\.kl:2:1: error: The left side of this check is empty \(a vector of 0 entries\): there is nothing to compare/);
    expect(stdout).toMatch(/emptyCheck\.kl:3:1: error: Check failed: the left side is -0\.34, the right side -0\.341; they differ by 0\.00100000000000000\d*, more than the tolerance ±0\.0005\. \[check-failed\]$/m);
    expect(stdout.trim().split('\n').at(-1)).toBe('3 checks passed, 2 failed; 2 errors, 1 warning in 2 files');
    // eval writes the empty check as not evaluated, not as a comparison with nothing.
    const evaluated = klLens(['eval', join(folder, 'emptyCheck.kl')]).stdout;
    expect(evaluated).toMatch(/^ +2 {2}\[\] ≈ 0 +✗ not evaluated$/m);
    expect(evaluated).not.toContain('null');
  });

  it('checks a folder of notes and exits 0 when all is well', () => {
    const { status, stdout } = klLens(['check', 'examples/cross-entropy.kl']);
    expect(status).toBe(0);
    expect(stdout).not.toContain('✗');
  });
});

describe('usage and I/O errors: one line on stderr, exit 2, never a stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['eval', 'no/such/file.kl'], /^kl-lens: cannot read 'no\/such\/file\.kl': no such file or folder\n$/],
    ['an unknown option', ['eval', '--frobnicate', 'examples/cross-entropy.kl'], /^kl-lens: unknown option '--frobnicate' \(see --help\)\n$/],
    ['an unknown command', ['frobnicate'], /^kl-lens: unknown command 'frobnicate' \(see --help\)\n$/],
    ['no file', ['eval'], /^kl-lens: 'eval' needs at least one file or folder\n$/],
    ['bad units', ['eval', '--units', 'parsecs', 'examples/cross-entropy.kl'], /^kl-lens: --units takes bits, nats or bans, not 'parsecs'\n$/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const { status, stdout, stderr } = klLens(args);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    });
  }

  it('a folder without .kl, .md or .ipynb files', () => {
    const { status, stderr } = klLens(['eval', join(folder, 'empty')]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/holds no \.kl, \.md or \.ipynb files\n$/);
  });

  it('an unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads everything; the permission cannot be taken away
    const locked = join(folder, 'locked.kl');
    writeFileSync(locked, 'H([1])');
    chmodSync(locked, 0o000);
    const { status, stderr } = klLens(['eval', locked]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^kl-lens: cannot read/);
  });

  it('--help and --version', () => {
    expect(klLens(['--help']).stdout).toContain('kl-lens eval FILE|FOLDER...');
    expect(klLens(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
