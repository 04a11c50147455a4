// Neovim 0.7 (Debian 12) with the configuration of docs/editors.md, headless:
// the settings reach the server (lenses at the configured 3 digits), completion
// with <C-x><C-o>, formatting with <leader>f, hovers without chart or command
// links, and highlighting from editors/vim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/lspSession';
import { commandLines, homeWith, run, snippet, succeeds } from './documentedSetup';

const HAS_NEOVIM = succeeds('nvim', ['--version']);
if (!HAS_NEOVIM) console.warn('test/editors/neovim.test.ts: Neovim not found (apt-get install neovim): skipped');

describe.skipIf(!HAS_NEOVIM)('Neovim, as docs/editors.md configures it', () => {
  let setup: ReturnType<typeof homeWith>;
  beforeAll(() => {
    ensureBuilt();
    setup = homeWith({ 'kl-lens.lua': snippet('lua', 'kl-lens.lua'), 'check.lua': snippet('lua', 'check.lua') });
  }, 120_000);
  afterAll(() => setup.remove());

  const [klFile, note] = commandLines('nvim');

  it('checks examples/cross-entropy.kl: diagnostics, hover, lenses at 3 digits, units, formatting, completion, syntax', () => {
    const { status, output } = run(klFile, setup.home);
    expect(output).not.toContain('FAIL');
    expect(status).toBe(0);
    expect(output).toContain('filetype kl, omnifunc v:lua.vim.lsp.omnifunc');
    expect(output).toContain('diagnostic 13:1 WARN [infinite-divergence]');
    expect(output).toContain('syntax of line 9: KL:klMeasure ||:klOperator');
    expect(output).toContain('`KL(P || Q)` = **0.41503749927884381 bits**');
    expect(output).toMatch(/^in scipy: `scipy\.stats\.entropy\(p, q, base=2\)` → 0\.415037499279 *$/m);
    // significantDigits = 3 in the settings: 0.415, not the default 5 digits' 0.41504.
    expect(output).toContain('lens 9: KL = 0.415 bits\n');
    expect(output).toContain('lens 22: JS = 0.138 bits\n');
    expect(output).toContain('copied by the lens on line 9: 0.41503749927884381');
    expect(output).toContain('after :KlUnits bans, lens 9: KL = 0.415 bits');
    expect(output).toContain('formatted: coin = [0.5, 0.5]');
    expect(output).toMatch(/completion of entr: .*\bentropy\b/);
  }, 90_000);

  it('checks a Markdown note: its kl blocks, the units switched live', () => {
    const { status, output } = run(note, setup.home);
    expect(output).not.toContain('FAIL');
    expect(status).toBe(0);
    expect(output).toContain('filetype markdown, omnifunc v:lua.vim.lsp.omnifunc');
    expect(output).toContain('diagnostic 9:1 ERROR [check-failed]');
    expect(output).toContain('diagnostic 16:9 ERROR [unknown-name]');
    expect(output).toMatch(/syntax of line 15: KL:klMeasure .*\|\|:klOperator/);
    expect(output).toContain('`KL(P || Q)` = **0.2876820724517809 nats**');
    expect(output).toContain('lens 15: KL = 0.288 nats\n');
    expect(output).toContain('after :KlUnits bans, lens 15: KL = 0.125 bans');
    expect(output).toContain('formatted: coin = [0.5, 0.5]');
    expect(output).toMatch(/completion of entr: .*\bentropy\b/);
  }, 90_000);
});
