// The math of a note in the editor, through the built server over stdio:
// the warning on the wrong identity, the hover on a formula, the lenses and
// inlay hints after checked chains, and the quick fix that rewrites a wrong
// hand-rounded value.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Hover, InlayHint, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession, ROOT } from '../lsp/lspSession';

const NOTE = 'file:///examples/notes/cross-entropy.md';
const ROUNDED = 'file:///notes/rounded.md';
const ROUNDED_TEXT = 'The divergence in bits is $-\\log_2 0.75 \\approx 0.51$, or $\\frac{1}{3} \\approx 33.3\\%$ of nothing.\n';

let session: LspSession;

beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start({ settings: { display: 'both' } });
  session.open(NOTE, readFileSync(path.join(ROOT, 'examples/notes/cross-entropy.md'), 'utf8'));
  session.open(ROUNDED, ROUNDED_TEXT);
  // A note's math is checked for as long as the server gives a document on its thread, the rest on the background thread: wait for all of it.
  for (const uri of [NOTE, ROUNDED]) {
    while (!(await session.diagnostics(uri)).some((d) => d.code === 'math-check-failed')) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}, 60_000);
afterAll(() => session.stop());

function lineOf(uri: string, needle: string): number {
  return session.positionOf(uri, needle).line;
}

async function hoverText(uri: string, needle: string, shift = 0): Promise<string> {
  const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: session.positionOf(uri, needle, shift) });
  if (!hover) throw new Error(`no hover at ${needle}`);
  return (hover.contents as MarkupContent).value;
}

describe('examples/notes/cross-entropy.md in the editor', () => {
  it('has one warning, on the wrong identity, from H(P, Q) to the end of its last part', async () => {
    const diagnostics = (await session.diagnostics(NOTE)).filter((d) => d.code === 'math-check-failed');
    expect(diagnostics).toHaveLength(1);
    const [warning] = diagnostics;
    expect(warning.severity).toBe(2);
    expect(warning.range.start).toEqual(session.positionOf(NOTE, 'H(P, Q) = -\\sum_{i \\in \\Omega}p_i\\log(q_i) = -\\log 2'));
    expect(warning.range.end).toEqual(session.positionAfter(NOTE, '\\log_2(D_{KL}(P||Q) + H(P))'));
    expect(warning.message).toContain('the left side is 0.4150374992788438 bits, the right side -1.2686864028144482 bits');
    expect(warning.relatedInformation?.map((info) => info.message)).toEqual(['P is defined here', 'Q is defined here']);
  });

  it('hovering the identity shows every part, the failed relation with both values, and the units used', async () => {
    const text = await hoverText(NOTE, '\\log_2(D_{KL}(P||Q) + H(P))', 3);
    expect(text).toContain('**✗ math: 1 of 1 relation fails**');
    expect(text).toContain('- `H(P, Q)` = 0.41503749927884381 bits');
    expect(text).toContain('- `-\\sum_{i \\in \\Omega}p_i\\log(q_i)`: not computed (this \\\\sum runs over the outcomes, which only a general statement (about distributions no kl block binds) gives)');
    expect(text).toContain('- `\\log_2(D_{KL}(P||Q) + H(P))` = -1.2686864028144482 bits');
    expect(text).toContain('- ✗ `H(P, Q)` = `\\log_2(D_{KL}(P||Q) + H(P))`: 0.4150374992788438 bits vs -1.2686864028144482 bits (relative 1e-12; across 3 parts that could not be computed)');
    expect(text).toContain(`Measures in bits: \`units bits\` on line ${lineOf(NOTE, 'units bits') + 1}.`);
  });

  it("hovering the derivation of KL shows it holds, with \\log_20.75 read as log₂ 0.75", async () => {
    const text = await hoverText(NOTE, '-\\log_20.75');
    expect(text).toContain('**✓ math: 2 relations hold**');
    expect(text).toContain('- `-\\log_20.75` = 0.41503749927884381');
    expect(text).toContain('- ✓ `-\\log_20.75` ≈ `0.415`: 0.4150374992788438 vs 0.415 (±0.0005, from the digits written)');
  });

  it('shows ✓/✗ lenses above the checked formulas and inlay hints after their chains', async () => {
    const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: NOTE } });
    const math = lenses.filter((lens) => lens.command?.title.includes('math:')).map((lens) => [lens.range.start.line, lens.command!.title]);
    // Each lens names what it judges: the relation, a chain's two ends, or the link that fails.
    expect(math).toContainEqual([lineOf(NOTE, '$$\nD_{KL}(\\textbf{y}'), '✓ math: -1\\times \\log_2\\frac{0.75}{1}-0-0 = … ≈ 0.415']);
    expect(math).toContainEqual([lineOf(NOTE, '$$\nH(P, Q) = -\\sum_{i \\in \\Omega}p_i\\log(q_i) = '), '✗ math: H(P, Q) = \\log_2(D_{KL}(P||Q) + H(P))']);
    // Two formulas on one line get two lenses that say which is which.
    const [line] = math.find(([, title]) => title === '✓ math: H(P) = 0') ?? [];
    expect(math.filter(([at]) => at === line).map(([, title]) => title)).toEqual(['✓ math: H(P, Q) = H(P) + D_{KL}(P||Q)', '✓ math: H(P) = 0']);
    const lineCount = session.document(NOTE).lineCount;
    const hints = await session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: NOTE }, range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } } });
    const labels = hints.map((hint) => [hint.position, hint.label]);
    expect(labels).toContainEqual([session.positionAfter(NOTE, '\\approx0.415'), ' ✓']);
    expect(labels).toContainEqual([session.positionAfter(NOTE, '\\log_2(D_{KL}(P||Q) + H(P))'), ' ✗ 0.41504 ≠ -1.2687']);
  });
});

describe('a wrong hand-rounded value', () => {
  it('is fixed by a quick fix that writes the computed value with the same digits, after which the note is clean', async () => {
    const diagnostics = (await session.diagnostics(ROUNDED)).filter((d) => d.code === 'math-check-failed');
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('the left side is 0.4150374992788438, the right side 0.51')]);
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: ROUNDED }, range: diagnostics[0].range, context: { diagnostics } });
    const fix = actions.find((action) => action.title === 'Replace 0.51 with the computed 0.42')!;
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual(diagnostics);
    const edits = fix.edit!.changes![ROUNDED] as TextEdit[];
    session.edit(ROUNDED, edits.map((edit) => ({ range: edit.range, text: edit.newText })));
    expect(session.text(ROUNDED)).toContain('$-\\log_2 0.75 \\approx 0.42$');
    expect((await session.diagnostics(ROUNDED)).filter((d) => d.code === 'math-check-failed')).toEqual([]);
  });
});
