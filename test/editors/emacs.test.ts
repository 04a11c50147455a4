// Emacs 28 + eglot 1.9 (Debian 12) with the configuration of docs/editors.md,
// in batch mode: a .kl file and a Markdown note of one project, opened in both
// orders, each served with its own languageId (diagnostics of the note exactly
// its two errors), text-only hovers, font-lock faces, settings applied live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';
import { commandLines, homeWith, run, snippet, succeeds } from './documentedSetup';

const HAS_EGLOT = succeeds('emacs', ['--batch', '-f', 'package-initialize', '--eval', "(progn (require 'eglot) (require 'markdown-mode))"]);
if (!HAS_EGLOT) console.warn('test/editors/emacs.test.ts: Emacs with eglot not found (apt-get install emacs-nox elpa-eglot elpa-markdown-mode): skipped');

/** What check.el printed about one file: from its `FILE: mode` line to the next file's. */
function reportOf(printed: string, file: string): string {
  const output = `\n${printed}`;
  const start = output.indexOf(`\n${file}: `);
  if (start < 0) return '';
  const next = output.indexOf('\n', start + 1);
  const end = output.slice(next).search(/\n\S+\.(kl|md): /);
  return end < 0 ? output.slice(start) : output.slice(start, next + end);
}

const KL_FILE = 'examples/cross-entropy.kl';
const NOTE = 'test/vscode/workspace/cross-entropy-note.md';

describe.skipIf(!HAS_EGLOT)('Emacs with eglot, as docs/editors.md configures it', () => {
  let setup: ReturnType<typeof homeWith>;
  beforeAll(() => {
    ensureBuilt();
    setup = homeWith({ 'kl-lens.el': snippet('elisp', 'kl-lens.el'), 'check.el': snippet('elisp', 'check.el') });
  }, 120_000);
  afterAll(() => setup.remove());

  const lines = commandLines('emacs');
  const orders = [
    { name: 'the .kl file first', line: lines.find((line) => line.indexOf(KL_FILE) < line.indexOf(NOTE)) },
    { name: 'the note first', line: lines.find((line) => line.indexOf(NOTE) < line.indexOf(KL_FILE)) },
  ];

  it('documents both orders', () => {
    expect(orders.every((order) => order.line)).toBe(true);
  });

  for (const order of orders) {
    it(`serves each file as what it is, with ${order.name}`, () => {
      const { status, output } = run(order.line as string, setup.home);
      expect(output).not.toContain('FAIL');
      expect(status).toBe(0);
      const kl = reportOf(output, KL_FILE);
      expect(kl).toContain('kl-mode, languageId kl');
      expect(kl.match(/^diagnostic /gm)).toHaveLength(1);
      expect(kl).toContain('diagnostic 13: eglot-warning kl [infinite-divergence]');
      expect(kl).toContain('`KL(P || Q)` = **0.41503749927884381 bits**');
      expect(kl).toContain('faces on line 9: KL:font-lock-builtin-face');
      expect(output).toContain(`${KL_FILE} after switching kl.units to bans: 0.41503749927884381 bits`);
      const note = reportOf(output, NOTE);
      expect(note).toContain('markdown-mode, languageId markdown');
      // Read as KL (languageId kl), the note would get syntax errors on its prose.
      expect(note.match(/^diagnostic /gm)).toHaveLength(2);
      expect(note).toContain('diagnostic 9: eglot-error kl [check-failed]');
      expect(note).toContain('diagnostic 16: eglot-error kl [unknown-name]');
      expect(note).toContain('`KL(P || Q)` = **0.2876820724517809 nats**');
      expect(note).toContain('faces on line 15: KL:(font-lock-builtin-face markdown-code-face)');
      expect(output).toContain(`${NOTE} after switching kl.units to bans: 0.12493873660829993 bans`);
    }, 90_000);
  }
});
