// Diagnostics as the user edits: codes, places, related definitions, versions,
// and incremental edits that give the same results as typing the whole text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspSession } from './lspSession';

let session: LspSession;
beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start();
}, 60_000);
afterAll(() => session.stop());

interface Hover {
  contents: { value: string };
}

describe('diagnostics', () => {
  it('reports each problem with its code, place and the definitions involved, for the version it is about', async () => {
    const uri = 'file:///diagnostics/problems.kl';
    session.open(uri, ['units bits', 'P = [0.5, 0.6]', 'Q = [0.5, 0.5]', 'KL(P || Q)', 'H(R)', 'KL(P || [1, 0, 0])', 'H(P) ≈ 3'].join('\n'));
    const diagnostics = await session.diagnostics(uri);
    const summary = diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.severity]);
    expect(summary).toEqual([
      ['not-normalized', 3, 3, 2],
      ['unknown-name', 4, 2, 1],
      ['not-normalized', 5, 3, 2],
      ['length-mismatch', 5, 8, 1],
      ['not-normalized', 6, 2, 2],
      ['check-failed', 6, 0, 1],
    ]);
    const notNormalized = diagnostics[0];
    expect(notNormalized.message).toContain('sums to 1.1');
    expect(notNormalized.relatedInformation?.map((related) => [related.location.uri, related.location.range.start.line, related.message])).toEqual([
      [uri, 1, 'P is defined here'],
      [uri, 2, 'Q is defined here'],
    ]);
    expect(session.published.at(-1)?.version).toBe(1);
  });

  it('puts the diagnostics of a Markdown note on the note\'s own lines, and none on the prose', async () => {
    const uri = 'file:///diagnostics/note.md';
    session.open(uri, '# A note with KL(P || Q) in prose\n\n```kl\nP = [0.5, 0.5]\n```\n\nMore prose.\n\n```kl\nH(P) ≈ 2\n```\n');
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line])).toEqual([['check-failed', 9]]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///diagnostics/closed.kl';
    session.open(uri, 'H(R)\n');
    expect(await session.diagnostics(uri)).toHaveLength(1);
    session.close(uri);
    await expect.poll(() => session.published.filter((each) => each.uri === uri).at(-1)?.diagnostics).toEqual([]);
  });
});

describe('incremental edits', () => {
  const uri = 'file:///diagnostics/incremental.kl';

  it('re-evaluates what an edit changes, with ranges, as if the whole text were typed', async () => {
    session.open(uri, 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q) ≈ 0.415\n');
    expect(await session.diagnostics(uri)).toEqual([]);
    // Change 0.75 to 0.5 and 0.2 to 0.45: the check now fails.
    session.edit(uri, [
      { range: { start: session.positionOf(uri, '0.2'), end: session.positionAfter(uri, '0.2') }, text: '0.45' },
      { range: { start: session.positionOf(uri, '0.75'), end: session.positionAfter(uri, '0.75') }, text: '0.5' },
    ]);
    expect(session.text(uri)).toContain('Q = [0.5, 0.45, 0.05]');
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['check-failed']);
    expect(diagnostics[0].message).toContain('the left side is 1 bits');
    expect(session.published.at(-1)?.version).toBe(session.document(uri).version);
  });

  it('answers hovers on the latest version after a burst of one-character edits', async () => {
    let typed = 'KL(P || Q) ≈ 0.415';
    for (const digit of '12345') {
      session.typeAfter(uri, typed, digit);
      typed += digit;
    }
    const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: session.positionOf(uri, 'KL(P || Q) ≈') });
    expect(hover.contents.value).toContain('differs from `0.41512345`');
    expect(await session.diagnostics(uri)).toHaveLength(1);
  });

  it('handles inserting and deleting whole lines, and multi-line statements', async () => {
    session.edit(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'R = [\n  0.25,\n  0.75\n]\nH(R) ≈ 0.811\n' }]);
    expect(await session.diagnostics(uri)).toHaveLength(1);
    const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: session.positionOf(uri, 'H(R)') });
    // −(¼·log2 ¼ + ¾·log2 ¾) = 0.81127812445913283… (mpmath)
    expect(hover.contents.value).toContain('0.81127812445913283 bits');
    session.edit(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 6, character: 0 } }, text: '' }]);
    expect(session.text(uri).startsWith('units bits\nP = [1, 0, 0]\n')).toBe(true);
    expect((await session.diagnostics(uri)).map((diagnostic) => diagnostic.code)).toEqual(['check-failed']);
  });
});
