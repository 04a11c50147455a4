// `kl-lens eval|check NOTEBOOK.ipynb`: a notebook's Markdown cells are one
// note, reported as `nb.ipynb:cell N:line:col`; code cells are left alone; a
// malformed notebook is one line on stderr, exit 2, and the other files are
// reported all the same.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';

const root = join(__dirname, '../..');
const bin = join(root, 'server/out/cli.js');
const NOTEBOOK = 'examples/notes/cross-entropy.ipynb';
const NOTE = 'examples/notes/cross-entropy.md';
const IDENTITY = 'H(P, Q) = -\\sum_{i \\in \\Omega}p_i\\log(q_i) = -\\log 2';

function klLens(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Cell {
  cell_type: string;
  source: string | string[];
}

function notebook(...cells: [type: string, source: unknown][]): string {
  return JSON.stringify({ cells: cells.map(([type, source]) => ({ cell_type: type, metadata: {}, source })), metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

/** Where `needle` is in the notebook, read from its JSON: 1-based cell (counting every cell), line in the cell, column. */
function placeIn(file: string, needle: string): { cell: number; line: number; column: number } {
  const cells: Cell[] = JSON.parse(readFileSync(join(root, file), 'utf8')).cells;
  for (const [index, cell] of cells.entries()) {
    const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const at = text.indexOf(needle);
    if (cell.cell_type !== 'markdown' || at < 0) continue;
    const before = text.slice(0, at).split('\n');
    return { cell: index + 1, line: before.length, column: before[before.length - 1].length + 1 };
  }
  throw new Error(`'${needle}' is in no Markdown cell of ${file}`);
}

let folder: string;
beforeAll(() => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'kl-lens-notebooks-'));
  writeFileSync(join(folder, 'good.kl'), 'H([0.5, 0.5]) ≈ 0.693147\n');
  writeFileSync(join(folder, 'not-json.ipynb'), '{"cells": [');
  writeFileSync(join(folder, 'no-cells.ipynb'), '{"nbformat": 4}');
  writeFileSync(join(folder, 'array.ipynb'), '[1, 2]');
  writeFileSync(join(folder, 'numbers.ipynb'), notebook(['markdown', ['```kl\n', 7, '```\n']]));
  writeFileSync(join(folder, 'cell-not-object.ipynb'), '{"cells": ["# a title"]}');
}, 120_000);

describe('kl-lens eval examples/notes/cross-entropy.ipynb', () => {
  it('reports the same statements, values and verdicts as the Markdown note, in the same order', () => {
    const fromNotebook = JSON.parse(klLens(['eval', '--json', NOTEBOOK]).stdout).files[0];
    const fromNote = JSON.parse(klLens(['eval', '--json', NOTE]).stdout).files[0];
    const verdicts = (file: { statements: Record<string, unknown>[] }) => file.statements.map(({ kind, value, expected, pass, source }) => ({ kind, value, expected, pass, source }));
    expect(verdicts(fromNotebook)).toEqual(verdicts(fromNote));
    // The code cell's Python comment holds `$D_{KL}(P||Q) = 1$`: read as Markdown, it would be one more (failing) relation.
    expect(fromNotebook.statements.some((record: { source?: string }) => record.source === 'D_{KL}(P||Q) = 1')).toBe(false);
    expect(fromNotebook.diagnostics.map((d: { code: string }) => d.code)).toEqual(fromNote.diagnostics.map((d: { code: string }) => d.code));
  });

  it('places every statement at its cell, line and column, counting the code cell', () => {
    const { stdout } = klLens(['eval', '--json', NOTEBOOK]);
    const [file] = JSON.parse(stdout).files;
    const check = placeIn(NOTEBOOK, 'KL(P || Q) ≈ 0.415');
    expect(file.statements).toContainEqual({ cell: check.cell, line: check.line, kind: 'check', value: 0.4150374992788438, unit: 'bits', expected: 0.415, tolerance: 0.0005, pass: true });
    const identity = placeIn(NOTEBOOK, IDENTITY);
    expect(file.statements.find((record: { pass?: boolean }) => record.pass === false)).toMatchObject({ cell: identity.cell, line: identity.line, column: identity.column, kind: 'math' });
    expect(file.diagnostics).toEqual([expect.objectContaining({ cell: identity.cell, line: identity.line, column: identity.column, code: 'math-check-failed' })]);
    // Every math relation's LaTeX is where the record says, in its cell.
    const cells: Cell[] = JSON.parse(readFileSync(join(root, NOTEBOOK), 'utf8')).cells;
    for (const record of file.statements.filter((entry: { kind: string }) => entry.kind === 'math')) {
      const source = cells[record.cell - 1].source;
      const lines = (Array.isArray(source) ? source.join('') : source).split('\n');
      expect(lines.slice(record.line - 1).join('\n').slice(record.column - 1).startsWith(record.source)).toBe(true);
    }
  });

  it('the text output: `cell N:line` beside each statement, `file:cell N:line:col` for failures and diagnostics', () => {
    const check = placeIn(NOTEBOOK, 'KL(P || Q) ≈ 0.415');
    const identity = placeIn(NOTEBOOK, IDENTITY);
    const evaluated = klLens(['eval', NOTEBOOK]);
    expect(evaluated.status).toBe(1);
    expect(evaluated.stdout).toMatch(new RegExp(`^ +cell ${check.cell}:${check.line} {2}KL\\(P \\|\\| Q\\) ≈ 0\\.415 +✓ 0\\.4150374992788438 bits`, 'm'));
    const checked = klLens(['check', NOTEBOOK]);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(1);
    const lines = checked.stdout.trim().split('\n');
    expect(lines[0].startsWith(`${NOTEBOOK}:cell ${identity.cell}:${identity.line}:${identity.column}: ✗ ${IDENTITY}`)).toBe(true);
    expect(lines[1]).toMatch(new RegExp(`^${NOTEBOOK.replace(/\./g, '\\.')}:cell ${identity.cell}:${identity.line}:${identity.column}: warning: Math check failed`));
    expect(lines.at(-1)).toBe('15 checks passed, 1 failed; 0 errors, 1 warning in 1 file');
  });
});

describe('cells are one scope, and no fence, comment or formula runs into the next cell', () => {
  it('names defined in one cell are read in a later one; an error diagnostic has its cell, line and span', () => {
    const file = join(folder, 'scope.ipynb');
    writeFileSync(file, notebook(['markdown', '```kl\nP = [0.5, 0.5]\n```'], ['code', 'print(1)'], ['markdown', ['Then\n', '```kl\n', 'H(P)\n', '  R\n', '```']]));
    const { status, stdout } = klLens(['eval', '--json', file]);
    expect(status).toBe(1);
    const [report] = JSON.parse(stdout).files;
    expect(report.statements[1]).toEqual({ cell: 3, line: 3, kind: 'expression', value: Math.log(2), unit: 'nats' });
    expect(report.diagnostics).toEqual([expect.objectContaining({ cell: 3, line: 4, column: 3, endLine: 4, endColumn: 4, code: 'unknown-name' })]);
    expect(klLens(['check', file]).stdout).toContain(`${file}:cell 3:4:3: error: Unknown name 'R'`);
  });

  it('an unclosed fence, `$$`, code span or HTML comment ends with its cell; a first cell opening with --- is no front matter', () => {
    const file = join(folder, 'unclosed.ipynb');
    writeFileSync(
      file,
      notebook(
        ['markdown', '---\ntitle: $\\ln 2 \\approx 0.5$\n---'],
        ['markdown', '```kl\nP = [0.5, 0.5]'],
        ['markdown', '$$\nH(P) = 1\n'],
        ['markdown', 'a span `opened'],
        ['markdown', '<!-- a comment left open'],
        ['markdown', '````python\nprint()'],
        ['markdown', 'At last $H(P) \\approx 0.693$.'],
      ),
    );
    const [report] = JSON.parse(klLens(['eval', '--json', file]).stdout).files;
    const places = report.statements.map(({ cell, line, kind, pass }: Record<string, unknown>) => ({ cell, line, kind, pass }));
    expect(places).toEqual([
      { cell: 1, line: 2, kind: 'math', pass: false },
      { cell: 2, line: 2, kind: 'assignment', pass: undefined },
      { cell: 7, line: 1, kind: 'math', pass: true },
    ]);
  });
});

describe('malformed notebooks: one line on stderr, exit 2, and the other files reported', () => {
  const cases: [string, RegExp][] = [
    ['not-json.ipynb', /is not a notebook: not JSON \(/],
    ['no-cells.ipynb', /is not a notebook: no 'cells' list \(nbformat 4\)$/],
    ['array.ipynb', /is not a notebook: not a JSON object$/],
    ['numbers.ipynb', /is not a notebook: the source of cell 1 is neither a string nor a list of strings$/],
    ['cell-not-object.ipynb', /is not a notebook: cell 1 is not an object$/],
  ];
  for (const [name, message] of cases) {
    it(name, () => {
      const bad = join(folder, name);
      const { status, stdout, stderr } = klLens(['check', bad, join(folder, 'good.kl')]);
      expect(status).toBe(2);
      const lines = stderr.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0].startsWith(`kl-lens: '${bad}' is not a notebook: `)).toBe(true);
      expect(lines[0]).toMatch(message);
      expect(stdout.trim()).toBe('1 check passed, 0 failed; 0 errors, 0 warnings in 1 file');
      const json = klLens(['eval', '--json', bad, join(folder, 'good.kl')]);
      expect(json.status).toBe(2);
      expect(JSON.parse(json.stdout).files.map((f: { file: string }) => f.file)).toEqual([join(folder, 'good.kl')]);
    });
  }
});

describe('folders', () => {
  it('kl-lens check FOLDER picks up .ipynb files beside .kl and .md files', () => {
    const project = join(folder, 'project');
    mkdirSync(join(project, 'notebooks'), { recursive: true });
    writeFileSync(join(project, 'a.kl'), 'H([1]) == 0\n');
    writeFileSync(join(project, 'notebooks/b.ipynb'), notebook(['markdown', '```kl\nH([0.5, 0.5]) ≈ 0.5\n```']));
    const { status, stdout } = klLens(['check', project]);
    expect(status).toBe(1);
    expect(stdout).toContain(`${join(project, 'notebooks/b.ipynb')}:cell 1:2: ✗ H([0.5, 0.5]) ≈ 0.5`);
    expect(stdout.trim().split('\n').at(-1)).toBe('1 check passed, 1 failed; 1 error, 0 warnings in 2 files');
  });
});

describe('hostile notebooks', () => {
  it('10,000 cells: every one is read, and the last is placed as cell 10000', () => {
    const file = join(folder, 'many.ipynb');
    const cells: [string, unknown][] = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? ['markdown', `Cell ${i + 1} $x$\n\`\`\`kl\nx${i} = ${i}\n`] : ['code', `x = ${i}`]));
    cells.push(['markdown', ['```kl\n', 'x9998 + x0\n', '```']]);
    writeFileSync(file, notebook(...cells));
    const { status, stdout } = klLens(['eval', '--json', file]);
    expect(status).toBe(0);
    const [report] = JSON.parse(stdout).files;
    expect(report.statements).toHaveLength(5_001);
    expect(report.statements[4_999]).toEqual({ cell: 9_999, line: 3, kind: 'assignment', name: 'x9998', value: 9_998 });
    expect(report.statements[5_000]).toEqual({ cell: 10_001, line: 2, kind: 'expression', value: 9_998 });
  });

  it('a 10 MB cell, then a cell of KL', () => {
    const file = join(folder, 'large.ipynb');
    writeFileSync(file, notebook(['markdown', `${'prose $ and $5 '.repeat(700_000)}\n`], ['markdown', '```kl\nKL([1, 0] || [0.5, 0.5]) ≈ 0.693147\n```']));
    const { status, stdout } = klLens(['check', '--json', file]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).files[0].statements).toEqual([expect.objectContaining({ cell: 2, line: 2, kind: 'check', pass: true })]);
  });
});
