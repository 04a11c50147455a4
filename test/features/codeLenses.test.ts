// Code lenses and inlay hints as the user types, answered in process
// (test/support/markedDocument.ts); test/lsp/lenses.test.ts keeps the settings
// that change them live, over stdio.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureDocument, type FeatureOptions } from '../support/markedDocument';

const EXAMPLE = 'file:///examples/cross-entropy.kl';
const exampleText = () => readFileSync(path.resolve(__dirname, '../../examples/cross-entropy.kl'), 'utf8');

let session: FeatureDocument;
const open = (uri: string, text: string, options: FeatureOptions = {}) => {
  session = new FeatureDocument(text, { uri, ...options });
};

const lenses = () => session.codeLenses();
const titles = () => session.lensTitles();
const hints = () => session.inlayHints();

describe('code lenses on examples/cross-entropy.kl', () => {
  it('shows the short value above every expression and pass or fail above every check', () => {
    open(EXAMPLE, exampleText());
    expect(titles()).toEqual([
      'KL = 0.41504 bits',
      '✓ 0.415 (0.41504)',
      'KL = ∞ bits',
      'H = 0 bits',
      'CE = 0.41504 bits',
      '✓ H(P) + KL(P || Q) (0.41504)',
      'JS = 0.13793 bits',
      '✓ JS(Q || P) (0.13793)',
    ]);
  });

  it('sits on the statement\'s line and copies the full-precision value when clicked', () => {
    open(EXAMPLE, exampleText());
    const [first] = lenses();
    expect(first.range.start.line).toBe(session.positionOf('KL(P || Q)\n').line);
    expect(first.command?.command).toBe('kl.copyValue');
    expect(first.command?.arguments).toEqual(['0.41503749927884381']);
  });

  it('says what was expected and what came out when a check fails', () => {
    open('file:///lens/fail.kl', 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q) ≈ 0.5\nkl = KL(P || Q)\n');
    expect(titles()).toEqual(['✗ expected 0.5, got 0.41504', 'kl = 0.41504 bits']);
  });

  it('uses the significant digits of the setting', () => {
    open(EXAMPLE, exampleText(), { settings: { significantDigits: 3 } });
    expect(titles()[0]).toBe('KL = 0.415 bits');
  });
});

describe('lenses stay put while the user types', () => {
  const uri = 'file:///lens/typing.kl';
  const text = 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\nH(Q)\n';

  it('says Q has an error above the statements that read it, while its line is half-typed, instead of their values from before', () => {
    open(uri, text);
    expect(titles()).toEqual(['KL = 0.41504 bits', 'H = 0.99176 bits']);
    // The user retypes Q's vector: the line is half-finished and Q is undefined for a moment.
    const start = session.positionOf('0.75');
    const end = session.positionAfter('0.05]');
    session.edit([{ range: { start, end }, text: '0.5, 0.' }]);
    expect(titles()).toEqual(['⚠ not evaluated: Q has an error', '⚠ not evaluated: Q has an error']);
    session.typeAfter('0.5, 0.', '25, 0.25]');
    expect(titles()).toEqual(['KL = 1 bits', 'H = 1.5 bits']);
  });

  it('keeps the lens of the line being edited until it evaluates again', () => {
    open(uri, text);
    titles();
    const start = session.positionOf('KL(P || Q)');
    session.edit([{ range: { start, end: session.positionAfter('KL(P || Q)') }, text: 'JS(P ||' }]);
    const [lens] = lenses();
    expect(lens.command?.title).toBe('KL = 0.41504 bits (before the edit)');
    expect(lens.range.start.line).toBe(3);
    session.typeAfter('JS(P ||', ' Q)');
    expect(titles()[0]).toBe('JS = 0.13793 bits');
  });

  it('gives no lens to a statement that evaluates but shows none (an assignment of a vector), after a line is inserted above it', () => {
    const note = 'file:///lens/insert.kl';
    open(note, 'units bits\nH([0.5, 0.5])\nP = [0.5, 0.5]\n');
    expect(titles()).toEqual(['H = 1 bits']);
    // A new line above: P's assignment moves to line 3; the lens of line 2 used to be H's, and line lookups found it.
    session.edit([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Q = [0.25, 0.75]\n' }]);
    const after = lenses();
    expect(after.map((lens) => [lens.range.start.line, lens.command?.title])).toEqual([[2, 'H = 1 bits']]);
  });
});

describe('inlay hints and the kl.display setting', () => {
  it('shows `= value` at the end of each line instead of lenses with display: inlay', () => {
    open('file:///inlay/a.kl', 'units bits\nP = [0.5, 0.5]\nH(P)  # one bit\nH(P) ≈ 2\n', { settings: { display: 'inlay' } });
    expect(lenses()).toEqual([]);
    const found = hints();
    expect(found.map((hint) => [hint.position, hint.label])).toEqual([
      [{ line: 2, character: 4 }, '= 1 bits'],
      [{ line: 3, character: 8 }, '= 1 bits ✗'],
    ]);
  });
});
