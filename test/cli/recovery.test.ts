// The built `kl-lens` bin on a half-typed line and on statements whose inputs
// are in error: where the error is, which statements keep their values, and
// that a statement not evaluated for an input's error says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const bin = join(root, 'server/out/cli.js');

function klLens(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let folder: string;
beforeAll(() => {
  spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  folder = mkdtempSync(join(tmpdir(), 'kl-lens-recovery-'));
  writeFileSync(join(folder, 'half.kl'), 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P ||\nH(P)\nH(Q)\nKL(P || Q) ≈ 0.415\n');
  writeFileSync(join(folder, 'input.kl'), 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2,\nKL(P || Q)\nKL(P || Q) ≈ 0.415\nH(P)\n');
}, 120_000);

describe('kl-lens eval on a half-typed line', () => {
  it('--json: the only error on the half-typed line, every statement below with its value', () => {
    const { status, stdout } = klLens(['eval', '--json', join(folder, 'half.kl')]);
    expect(status).toBe(1);
    const [file] = JSON.parse(stdout).files;
    expect(file.diagnostics).toEqual([{ line: 4, column: 8, endLine: 4, endColumn: 8, severity: 'error', code: 'syntax', message: 'Expected a value (a number, a name, a call or a vector) but found the end of the line.' }]);
    expect(file.statements.slice(3).map((s: { line: number; value: unknown; pass?: boolean }) => [s.line, s.value, s.pass])).toEqual([
      [4, null, undefined],
      [5, 0, undefined],
      [6, 0.9917601481809735, undefined],
      [7, 0.4150374992788438, true],
    ]);
  });
});

describe('kl-lens eval on statements whose input has an error', () => {
  it('says which input kept each statement from being evaluated, in the text and in --json', () => {
    const { status, stdout } = klLens(['eval', join(folder, 'input.kl')]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^\s+4 {2}KL\(P \|\| Q\)\s+⚠ not evaluated: Q has an error$/m);
    expect(stdout).toMatch(/^\s+5 {2}KL\(P \|\| Q\) ≈ 0\.415\s+✗ not evaluated: Q has an error$/m);
    expect(stdout).toMatch(/^\s+6 {2}H\(P\)\s+= 0 bits$/m);
    expect(stdout).toContain(`${join(folder, 'input.kl')}:4:9: warning: Q has an error where it is assigned, so this statement is not evaluated. [input-error]`);
    expect(stdout.trim().split('\n').at(-1)).toBe('0 checks passed, 1 failed; 1 error, 2 warnings in 1 file');
    const [file] = JSON.parse(klLens(['eval', '--json', join(folder, 'input.kl')]).stdout).files;
    expect(file.statements.slice(3, 5)).toEqual([
      { line: 4, kind: 'expression', value: null, inputsInError: ['Q'] },
      { line: 5, kind: 'check', value: null, pass: false, inputsInError: ['Q'] },
    ]);
  });
});
