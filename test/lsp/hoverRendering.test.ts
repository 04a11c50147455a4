// Hovers in a terminal editor: Neovim cannot draw the chart (an SVG data URI)
// or run the Copy as Python links (command: URIs), so its hovers leave them
// out; VS Code keeps them. `kl.hover.charts` overrides the choice either way.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspSession, ROOT, type SessionOptions } from './lspSession';

const EXAMPLE = 'file:///examples/cross-entropy.kl';
const NEOVIM = { name: 'Neovim', version: '0.7.2' };

const sessions: LspSession[] = [];
beforeAll(() => ensureBuilt(), 120_000);
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.stop()));
});

/** The hover of `needle`'s line in the cross-entropy example, for a client. */
async function hoverIn(options: SessionOptions, needle: string, shift = 0): Promise<string> {
  const session = await LspSession.start(options);
  sessions.push(session);
  session.open(EXAMPLE, readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8'));
  await session.diagnostics(EXAMPLE);
  const hover = await session.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: EXAMPLE }, position: session.positionOf(EXAMPLE, needle, shift) });
  if (!hover) throw new Error(`no hover at ${needle}`);
  return hover.contents.value;
}

describe('a hover in Neovim', () => {
  it('has no chart and no command link, and keeps the value, the sum and the libraries\' calls', async () => {
    const text = await hoverIn({ clientInfo: NEOVIM, noConfigurationRequests: true }, 'KL(P || Q)\n');
    expect(text).not.toContain('data:image');
    expect(text).not.toContain('command:');
    expect(text).toContain('`KL(P || Q)` = **0.41503749927884381 bits**');
    expect(text).toContain('`D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = 0.41503749927884381 bits`');
    // The line of each library ends with its value (and Markdown's line break), where VS Code's has ` · [Copy as Python](…)`.
    expect(text).toMatch(/^in scipy: `scipy\.stats\.entropy\(p, q, base=2\)` → 0\.415037499279( {2})?$/m);
    expect(text).not.toMatch(/\n{3}/);
  });

  it('has no chart over a name either (its table of values stays)', async () => {
    const text = await hoverIn({ clientInfo: NEOVIM, noConfigurationRequests: true }, '\nQ = ', 1);
    expect(text).not.toContain('data:image');
    expect(text).toContain('0.75');
  });

  it('shows the chart and the links with kl.hover.charts = true', async () => {
    const text = await hoverIn({ clientInfo: NEOVIM, noConfigurationRequests: true, settings: { hover: { charts: true } } }, 'KL(P || Q)\n');
    expect(text).toContain('](data:image/svg+xml;base64,');
    expect(text).toContain('[Copy as Python](command:kl.copyAsPython?');
  });
});

describe('a hover in VS Code', () => {
  it('has the chart and the Copy as Python links', async () => {
    const text = await hoverIn({}, 'KL(P || Q)\n');
    expect(text).toContain('![P and Q](data:image/svg+xml;base64,');
    expect(text).toMatch(/^in scipy: `scipy\.stats\.entropy\(p, q, base=2\)` → 0\.415037499279 · \[Copy as Python\]\(command:kl\.copyAsPython\?/m);
  });

  it('has neither with kl.hover.charts = false', async () => {
    const text = await hoverIn({ settings: { hover: { charts: false } } }, 'KL(P || Q)\n');
    expect(text).not.toContain('data:image');
    expect(text).not.toContain('command:');
  });
});
