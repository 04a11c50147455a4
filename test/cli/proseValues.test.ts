// `kl-lens eval|check` on a note with values in prose: each `` `kl: …` `` span
// is reported as an expression with `"prose": true`, its column and its source
// (values against the mpmath fixture); a span with an error is a located
// warning and `value: null`, and does not fail the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';

const root = join(__dirname, '../..');
const bin = join(root, 'server/out/cli.js');
const reference = (JSON.parse(readFileSync(join(root, 'test/fixtures/prose-values.json'), 'utf8')) as { cases: { note: string; expected: { value: string; unit: string }[] }[] }).cases[0];
let folder: string;

function klLens(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'kl-prose-'));
});

interface Record {
  line: number;
  column?: number;
  kind: string;
  prose?: boolean;
  value: unknown;
  unit?: string;
  source?: string;
}

describe('values in prose in the CLI', () => {
  it('eval --json reports each as an expression with its place and source', () => {
    const note = join(folder, 'note.md');
    writeFileSync(note, reference.note);
    const run = klLens(['eval', '--json', note]);
    expect(run.status).toBe(0);
    const records = (JSON.parse(run.stdout) as { files: { statements: Record[] }[] }).files[0].statements.filter((record) => record.prose);
    const line = reference.note.split('\n').findIndex((text) => text.includes('`kl:'));
    const text = reference.note.split('\n')[line];
    expect(records.map(({ value: _value, ...rest }) => rest)).toEqual([
      { line: line + 1, column: text.indexOf('`kl: KL') + 1, kind: 'expression', prose: true, source: 'KL(P || Q)', unit: 'bits' },
      { line: line + 1, column: text.indexOf('`kl: H') + 1, kind: 'expression', prose: true, source: 'H(P)', unit: 'bits' },
    ]);
    records.forEach((record, i) => {
      const expected = Number(reference.expected[i].value);
      expect(Math.abs((record.value as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
    });
  });

  it('a span with an error is a located warning, value null, and check still passes', () => {
    const note = join(folder, 'broken.md');
    writeFileSync(note, '```kl\nP = [0.5, 0.5]\n```\n\nFine `kl: H(P)`, unknown `kl: nope`, broken `kl: H(P`.\n');
    const check = klLens(['check', note]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain(`${note}:5:31: warning: Unknown name 'nope'`);
    const json = JSON.parse(klLens(['eval', '--json', note]).stdout) as { files: { statements: Record[]; diagnostics: { line: number; severity: string }[] }[] };
    expect(json.files[0].statements.filter((record) => record.prose).map((record) => record.value === null)).toEqual([false, true, true]);
    expect(json.files[0].diagnostics.map((d) => [d.line, d.severity])).toEqual([[5, 'warning'], [5, 'warning']]);
    expect(klLens(['eval', note]).stdout).toMatch(/5 {2}H\(P\) += 0\.6931471805599453 nats/);
  });
});
