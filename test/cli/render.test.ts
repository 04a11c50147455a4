// `kl-lens render`: a note as one self-contained HTML page with the values and
// verdicts the preview shows; safe to open whatever the note holds; the exit
// status of `check`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';

const root = join(__dirname, '../..');
const bin = join(root, 'server/out/cli.js');
let folder: string;

function klLens(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'kl-render-'));
});

const values = (html: string) => [...html.matchAll(/<span class="kl-value [^"]+">([^<]*)<\/span>/g)].map((match) => match[1]);
const verdicts = (html: string) => [...html.matchAll(/class="kl-math[^"]* (kl-pass|kl-fail)" title="([^"]*)"/g)].map((match) => ({ pass: match[1] === 'kl-pass', title: match[2] }));

describe('kl-lens render', () => {
  it('writes the example note with its values, every checked formula marked, the math as MathML, and exits 1 for its wrong identity', () => {
    const out = join(folder, 'note.html');
    const run = klLens(['render', 'examples/notes/cross-entropy.md', '-o', out]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('15 checks passed, 1 failed');
    expect(run.stdout).toContain(`wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    // The code lenses of the note's three kl blocks, as the editor shows them.
    expect(values(html)).toEqual(['✓ 0.415 (0.41504)', '✓ H(P) + KL(P || Q) (0.41504)', '✓ [-0.25, 0.2, 0.05] ([-0.25, 0.2, 0.05])']);
    const marks = verdicts(html);
    expect(marks.filter((mark) => !mark.pass).map((mark) => mark.title.split('\n')[0])).toEqual(['✗ math: H(P, Q) = \\log_2(D_{KL}(P||Q) + H(P))']);
    expect(marks.length).toBeGreaterThanOrEqual(9);
    expect(html).toContain('<math');
    // The front matter as VS Code shows it, and no page text from the note's HTML comment.
    expect(html).toContain('<tr><th>title</th><td>Cross Entropy</td></tr>');
    expect(html).not.toContain('An English rendering of a cross-entropy note');
  });

  it('prints the page on standard output without -o, and exits 0 for a note whose checks pass', () => {
    const note = join(folder, 'good.md');
    writeFileSync(note, '# Coins\n\n```kl\nunits bits\nP = [0.5, 0.5]\nH(P)\n```\n\nSo $H(P) = 1$ bit.\n');
    const run = klLens(['render', note]);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(values(run.stdout)).toEqual(['H = 1 bits']);
    expect(verdicts(run.stdout)).toEqual([{ pass: true, title: expect.stringContaining('✓ math: H(P) = 1') }]);
  });

  it('draws the values in prose after their code spans', () => {
    const note = join(folder, 'prose.md');
    writeFileSync(note, '# Coins\n\n```kl\nunits bits\nP = [0.5, 0.5]\n```\n\nOne coin holds `kl: H(P)` and two `kl: 2 * H(P)`; `kl: nope` is unknown.\n');
    const run = klLens(['render', note]);
    expect(run.status).toBe(0);
    const prose = [...run.stdout.matchAll(/<\/code><span class="kl-value kl-prose ([^"]+)" title="([^"]*)">([^<]*)<\/span>/g)].map((match) => [match[1], match[3]]);
    expect(prose).toEqual([['kl-result', '= 1 bits'], ['kl-result', '= 2 bits'], ['kl-warning', expect.stringMatching(/^⚠ Unknown name &#39;nope&#39;|^⚠ Unknown name 'nope'/)]]);
  });

  it('renders a notebook’s Markdown cells as one note', () => {
    const run = klLens(['render', 'examples/notes/cross-entropy.ipynb']);
    expect(run.status).toBe(1);
    expect(values(run.stdout)).toContain('✓ 0.415 (0.41504)');
    expect(verdicts(run.stdout).filter((mark) => !mark.pass)).toHaveLength(1);
  });

  it('makes a page that runs nothing and shows the note’s HTML and hostile labels as text', () => {
    const note = join(folder, 'hostile.md');
    writeFileSync(note, [
      '<script>alert(1)</script>',
      '',
      'Text <img src=x onerror=alert(2)> and <a href="javascript:alert(3)">a link</a> and [md](javascript:alert(4)).',
      '',
      '```kl',
      'P = {"<script>alert(5)</script>": 0.5, "b": 0.5}',
      'H(P)',
      '```',
      '',
      '$\\href{javascript:alert(6)}{x} = 1$',
      '',
    ].join('\n'));
    const run = klLens(['render', note]);
    const html = run.stdout;
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: https:; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img|<a\s|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('is a usage error (exit 2, one line) for a .kl file, two files, or a page it cannot write', () => {
    for (const args of [['render', 'examples/cross-entropy.kl'], ['render', 'examples/notes/cross-entropy.md', 'examples/notes/cross-entropy.ipynb'], ['render', 'examples/notes/cross-entropy.md', '-o', '/nonexistent/dir/x.html'], ['render', 'examples/notes/cross-entropy.md', '-o']]) {
      const run = klLens(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/^kl-lens: /);
    }
  });
});
