// The CLI on what a shell glob can bring in CI: a `.kl` that is a link to
// /dev/zero or a FIFO, a file the engine fails on, values too large to write
// out. Each costs one line or one diagnostic; nothing hangs, nothing is lost.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';
import { DEFAULT_OPTIONS, type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { MAX_NUMBERS_IN_FULL, MAX_NUMBERS_IN_FULL_PER_FILE } from '../../server/src/cli/jsonValue';
import { fileReport, jsonReport, jsonReportChunks, reportOf } from '../../server/src/cli/report';
import { diagnosticLines, statementLines, styleFor } from '../../server/src/cli/textReport';

const root = join(__dirname, '../..');
const bin = join(root, 'server/out/cli.js');
const folder = mkdtempSync(join(tmpdir(), 'kl-cli-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The CLI, stopped after 20 s: a run that hangs comes back with no status. */
function klLens(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: folder, encoding: 'utf8', timeout: 20_000, maxBuffer: 2 ** 30, env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  writeFileSync(join(folder, 'package.json'), '{}');
  writeFileSync(join(folder, 'good.kl'), 'H([0.5, 0.5])\n');
  symlinkSync('/dev/zero', join(folder, 'zero.kl'));
  execFileSync('mkfifo', [join(folder, 'x.kl')]);
  mkdirSync(join(folder, 'notes'));
  writeFileSync(join(folder, 'notes/good.kl'), 'H([0.5, 0.5])\n');
  symlinkSync('/dev/zero', join(folder, 'notes/zero.kl'));
  execFileSync('mkfifo', [join(folder, 'notes/x.kl')]);
}, 120_000);

describe('files that are not regular files', () => {
  it.each([['zero.kl', 'a link to /dev/zero'], ['x.kl', 'a FIFO']])('%s (%s) named with another file: one line, status 2, no hang', (name) => {
    const { status, stdout, stderr } = klLens(['eval', 'good.kl', name]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`kl-lens: '${name}' is not a regular file (a device, FIFO or socket): only files are read\n`);
  });

  it('in a folder, they are not documents: only the regular file is read', () => {
    const { status, stdout } = klLens(['check', 'notes']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe('0 checks passed, 0 failed; 0 errors, 0 warnings in 1 file');
  });
});

describe('an internal error in one file', () => {
  const good = () => analyze('H([0.5, 0.5])\n', 'kl', DEFAULT_OPTIONS);
  const failing = (): Analysis => {
    throw new RangeError('Invalid array length\n    at someFunction (engine.ts:1:1)');
  };
  const reports = [fileReport('a.kl', good), fileReport('b.kl', failing), fileReport('c.kl', good)];

  it('becomes that file\'s one error diagnostic, without its stack', () => {
    expect(reports[1]).toEqual({
      file: 'b.kl',
      statements: [],
      diagnostics: [{ line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'internal-error', message: 'KL Lens failed on this file (internal error: RangeError: Invalid array length); nothing in it was reported. This is a bug in KL Lens, not in the file.' }],
    });
  });

  it('and the other files are reported in full, in the text and in --json', () => {
    const style = styleFor(false);
    const text = reports.flatMap((report) => [...statementLines(report, style), ...diagnosticLines(report, style)]);
    expect(text.filter((line) => line.includes('H([0.5, 0.5])'))).toHaveLength(2);
    expect(text).toContain('b.kl:1:1: error: KL Lens failed on this file (internal error: RangeError: Invalid array length); nothing in it was reported. This is a bug in KL Lens, not in the file. [internal-error]');
    const json = JSON.parse(jsonReport(reports)) as { files: { file: string; statements: unknown[]; diagnostics: { code: string }[] }[] };
    expect(json.files.map((file) => [file.file, file.statements.length, file.diagnostics.map((d) => d.code)])).toEqual([['a.kl', 1, []], ['b.kl', 0, ['internal-error']], ['c.kl', 1, []]]);
  });
});

describe('--json of large values', () => {
  it('a vector over 100,000 numbers is a summary: its length and first 8 entries', () => {
    writeFileSync(join(folder, 'big.kl'), `P = uniform(${MAX_NUMBERS_IN_FULL + 1})\nP\nQ = uniform(${MAX_NUMBERS_IN_FULL})\n`);
    const { status, stdout } = klLens(['eval', '--json', 'big.kl']);
    expect(status).toBe(0);
    const values = (JSON.parse(stdout) as { files: { statements: { value: unknown }[] }[] }).files[0].statements.map((s) => s.value);
    const head = Array(8).fill(1 / (MAX_NUMBERS_IN_FULL + 1));
    expect(values[0]).toEqual({ summary: 'vector', length: MAX_NUMBERS_IN_FULL + 1, head });
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toHaveLength(MAX_NUMBERS_IN_FULL);
  });

  it('once a file has written 1,000,000 numbers in full, the rest are summaries', () => {
    const lines = MAX_NUMBERS_IN_FULL_PER_FILE / MAX_NUMBERS_IN_FULL + 1;
    const analysis = analyze(`P = uniform(${MAX_NUMBERS_IN_FULL})\n${'P\n'.repeat(lines - 1)}`, 'kl', DEFAULT_OPTIONS);
    const values = reportOf('many.kl', analysis).statements.map((s) => s.value);
    expect(values.slice(0, -1).every((value) => Array.isArray(value) && value.length === MAX_NUMBERS_IN_FULL)).toBe(true);
    expect(values.at(-1)).toMatchObject({ summary: 'vector', length: MAX_NUMBERS_IN_FULL });
  });

  it('a matrix has a summary of its own shape: rows, columns, the first 8 entries of its first 8 rows', () => {
    const rows = analyze(`P = uniform(${MAX_NUMBERS_IN_FULL / 2 + 1})\nM = [P, P]`, 'kl', DEFAULT_OPTIONS);
    const [, matrix] = reportOf('m.kl', rows).statements.map((s) => s.value);
    expect(matrix).toMatchObject({ summary: 'matrix', rows: 2, columns: MAX_NUMBERS_IN_FULL / 2 + 1 });
    expect((matrix as { head: number[][] }).head.map((row) => row.length)).toEqual([8, 8]);
  });

  it('the report written in pieces is the JSON.stringify of the whole, indented by 2', () => {
    const analysis = analyze('units bits\nP = {a: 0.5, b: 0.5}\nH(P) ≈ 1\nnormal(0, 1)\nR\n[[1, 2], [3, 4]]', 'kl', DEFAULT_OPTIONS);
    const reports = [reportOf('a.kl', analysis), reportOf('empty.kl', analyze('', 'kl', DEFAULT_OPTIONS))];
    const whole = { files: reports.map((r) => ({ file: r.file, statements: r.statements.map(({ source: _source, ...rest }) => rest), diagnostics: r.diagnostics })) };
    expect([...jsonReportChunks(reports)].join('')).toBe(JSON.stringify(whole, null, 2));
    expect(jsonReport([])).toBe(JSON.stringify({ files: [] }, null, 2));
  });
});
