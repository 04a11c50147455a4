// The features at a place written into the document itself: `<|>` is where the
// user's cursor is (test/support/markedDocument.ts).
import { describe, expect, it } from 'vitest';
import { completionAt, definitionAt, hoverAt, hoverTextAt, prepareRenameAt, referencesAt, renameAt, unmarked } from '../support/markedDocument';

const PQ = 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\n';

describe('a cursor marker', () => {
  it('is left out of the document, each at its offset', () => {
    expect(unmarked('a<|>bc<|>d')).toEqual({ text: 'abcd', offsets: [1, 3] });
    expect(() => hoverAt('H([1])')).toThrow(/no <\|>/);
  });
});

describe('hover at the cursor', () => {
  it('between the bars of KL, shows the divergence and its sum term by term', () => {
    const text = hoverTextAt(`${PQ}KL(P |<|>| Q)`);
    expect(text).toContain('**0.41503749927884381 bits**');
    expect(text).toContain('`D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = 0.41503749927884381 bits`');
  });

  it('on a measure inside a larger statement, shows that measure, over exactly its call', () => {
    const hover = hoverAt(`${PQ}2 * K<|>L(P || Q)`);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    expect(value).toContain('`D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = 0.41503749927884381 bits`');
    expect(hover?.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 14 } });
  });

  it('in a comment or over a note\'s prose, shows nothing', () => {
    expect(hoverAt('H([0.5, 0.5])  # one <|>bit')).toBeNull();
    expect(hoverAt('Some <|>prose.\n\n```kl\nH([0.5, 0.5])\n```\n', { uri: 'file:///note.md' })).toBeNull();
  });

  it('without charts and links for a client that cannot show them', () => {
    const rich = hoverTextAt(`${PQ}KL(P |<|>| Q)`);
    const plain = hoverTextAt(`${PQ}KL(P |<|>| Q)`, { clientName: 'Neovim' });
    expect(rich).toContain('(command:kl.copyAsPython?');
    expect(rich).toContain('data:image/svg+xml;base64,');
    expect(plain).not.toContain('command:');
    expect(plain).not.toContain('data:image');
  });
});

describe('navigation at the cursor', () => {
  it('goes to the assignment in force, and finds every use', () => {
    expect(definitionAt('P = [1]\nP = [0.5, 0.5]\nH(<|>P)')?.range.start).toEqual({ line: 1, character: 0 });
    expect(referencesAt('P = [1]\nP = [0.5, 0.5]\nH(<|>P)', false).map((location) => location.range.start)).toEqual([{ line: 2, character: 2 }]);
  });

  it('renames the name under the cursor, and refuses a constant', () => {
    const edit = renameAt('P = [0.5, 0.5]\nH(<|>P)', 'prior');
    expect(Object.values(edit?.changes ?? {})[0].map((change) => change.newText)).toEqual(['prior', 'prior']);
    expect(prepareRenameAt('P = [0.5, 0.5]\nH(<|>P)')?.placeholder).toBe('P');
    expect(() => prepareRenameAt('H([p<|>i, 1])')).toThrow(/'pi' is a constant of the language/);
  });

  it('completes the names assigned above and the directives at the start of a statement', () => {
    const labels = (completionAt('P = [1, 0]\n<|>') ?? []).map((item) => item.label);
    expect(labels).toContain('P');
    expect(labels).toEqual(expect.arrayContaining(['units', 'base', 'precision']));
  });
});
