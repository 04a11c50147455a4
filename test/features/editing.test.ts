// Writing and navigating KL: completion, signature help, definitions,
// references, rename, highlights, the outline, semantic tokens, folding and
// formatting, answered in process (test/support/markedDocument.ts);
// test/lsp/smoke.test.ts asks a few of them of the bundled server over stdio.
import { describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/features/semanticTokens';
import { applyEdits } from '../lsp/lspSession';
import { FeatureDocument, type Place } from '../support/markedDocument';

const uri = 'file:///editing/model.kl';
const TEXT = [
  '# region inputs',
  'units bits',
  'P = [0.5, 0.25, 0.25]',
  'Q = [',
  '  0.25,',
  '  0.5,',
  '  0.25',
  ']',
  '# endregion',
  'KL(P || Q)',
  'P = normalize(P * 2 + Q)',
  'H(P, Q)',
  '',
].join('\n');

const model = new FeatureDocument(TEXT, { uri });
const open = (file: string, text: string) => new FeatureDocument(text, { uri: file });

const at = (needle: string, shift = 0, occurrence = 1): Place => ({ needle, shift, occurrence });

describe('completion', () => {
  it('offers the names assigned above the cursor with their values, and the functions with their formula', async () => {
    const items = model.completion(at('KL(P || Q)')) ?? [];
    const names = items.filter((item) => item.kind === 6);
    expect(names.map((item) => [item.label, item.detail])).toEqual([['P', '[0.5, 0.25, 0.25]'], ['Q', '[0.25, 0.5, 0.25]']]);
    const kl = items.find((item) => item.label === 'KL');
    expect(kl?.detail).toBe('KL(P || Q)');
    expect((kl?.documentation as { value: string }).value).toContain('KL(P ‖ Q) = Σ pᵢ log(pᵢ / qᵢ)');
    expect(items.some((item) => item.label === 'entropy' && item.detail?.includes('alias'))).toBe(true);
    expect(items.some((item) => item.label === 'units')).toBe(true);
  });

  it('offers the units after `units `, and nothing inside a comment', async () => {
    const document = open('file:///editing/units.kl', 'units b\nH([1]) # a comm\n');
    const units = document.completion({ line: 0, character: 7 }) ?? [];
    expect(units.map((item) => item.label)).toEqual(['bits', 'nats', 'bans']);
    expect(document.completion({ line: 1, character: 15 })).toBeNull();
  });

  it('completes inside a Markdown note\'s kl block only', async () => {
    const note = 'file:///editing/note.md';
    const document = open(note, 'Prose with P\n\n```kl\nP = [1, 0]\nH(\n```\n');
    const inBlock = document.completion({ line: 4, character: 2 }) ?? [];
    expect(inBlock.some((item) => item.label === 'P')).toBe(true);
    expect(document.completion({ line: 0, character: 5 })).toBeNull();
  });
});

describe('signature help', () => {
  it('shows the parameters of the call being typed, with the active one', async () => {
    const help = open('file:///editing/typing.kl', 'P = [1, 0]\nKL(P || [0.5, \n').signatureHelp({ line: 1, character: 14 });
    if (!help) throw new Error('no signature help');
    expect(help.signatures[0].label).toBe('KL(P || Q)');
    expect(help.activeParameter).toBe(1);
    expect(help.signatures[0].parameters?.[1].label).toEqual([8, 9]);
  });
});

describe('go to definition, references, highlights and rename', () => {
  it('goes to the assignment in force where the name is read', async () => {
    const first = model.definition(at('P || Q'));
    if (!first) throw new Error('no definition');
    expect(first.range.start).toEqual({ line: 2, character: 0 });
    const second = model.definition(at('P, Q)'));
    if (!second) throw new Error('no definition');
    expect(second.range.start).toEqual({ line: 10, character: 0 });
  });

  it('finds every assignment and use of the name', async () => {
    const locations = model.references(at('P || Q'), true);
    expect(locations.map((location) => [location.range.start.line, location.range.start.character])).toEqual([[2, 0], [9, 3], [10, 0], [10, 14], [11, 2]]);
    const uses = model.references(at('P || Q'), false);
    expect(uses).toHaveLength(3);
  });

  it('highlights writes and reads', async () => {
    const highlights = model.highlights(at('Q = ['));
    expect(highlights.map((highlight) => [highlight.range.start.line, highlight.kind])).toEqual([[3, 3], [9, 2], [10, 2], [11, 2]]);
  });

  it('renames a name everywhere, and the document means the same', async () => {
    const prepared = model.prepareRename(at('Q)'));
    if (!prepared) throw new Error('nothing to rename');
    expect(prepared.placeholder).toBe('Q');
    const edit = model.rename(at('Q)'), 'predicted');
    if (!edit) throw new Error('no rename');
    const renamed = applyEdits(TEXT, edit.changes?.[uri] as TextEdit[]);
    expect(renamed).toContain('predicted = [\n');
    expect(renamed).toContain('KL(P || predicted)\nP = normalize(P * 2 + predicted)\nH(P, predicted)');
  });

  it('refuses to rename a builtin, or to a name that is taken or not a name', async () => {
    // F2 on a builtin says why it cannot be renamed, instead of VS Code's bare "The element can't be renamed".
    expect(() => model.prepareRename(at('KL'))).toThrow(/'KL' is a built-in function of KL Lens; only names that this document assigns can be renamed/);
    expect(() => model.prepareRename(at('units'))).toThrow(/'units' is a directive of the language/);
    expect(() => model.rename(at('Q)'), 'P')).toThrow(/already used/);
    expect(() => model.rename(at('Q)'), '2Q')).toThrow(/not a name/);
    expect(() => model.rename(at('Q)'), 'softmax')).toThrow(/built-in/);
  });
});

describe('outline, semantic tokens and folding', () => {
  it('lists the assignments with their values', async () => {
    const symbols = model.documentSymbols();
    expect(symbols.map((symbol) => [symbol.name, symbol.detail, symbol.range.start.line, symbol.range.end.line])).toEqual([
      ['P', '[0.5, 0.25, 0.25]', 2, 2],
      ['Q', '[0.25, 0.5, 0.25]', 3, 7],
      ['P', '[0.41667, 0.33333, 0.25]', 10, 10],
    ]);
  });

  it('marks names, functions, numbers and directives', async () => {
    const result = model.semanticTokens();
    // The legend the server announces in its initialize answer.
    const legend = SEMANTIC_TOKENS_LEGEND;
    const tokens: [number, number, number, string, string[]][] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < result.data.length; i += 5) {
      const [deltaLine, deltaStart, length, type, modifiers] = result.data.slice(i, i + 5);
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      tokens.push([line, character, length, legend?.tokenTypes[type] as string, (legend?.tokenModifiers ?? []).filter((_, bit) => modifiers & (1 << bit))]);
    }
    expect(tokens.filter(([row]) => row === 1 || row === 2 || row === 9)).toEqual([
      [1, 0, 5, 'keyword', []],
      [1, 6, 4, 'enumMember', []],
      [2, 0, 1, 'variable', ['declaration']],
      [2, 5, 3, 'number', []],
      [2, 10, 4, 'number', []],
      [2, 16, 4, 'number', []],
      [9, 0, 2, 'function', ['defaultLibrary']],
      [9, 3, 1, 'variable', []],
      [9, 8, 1, 'variable', []],
    ]);
  });

  it('answers an edit with only the changed stretch of tokens', async () => {
    const file = 'file:///editing/tokens.kl';
    const lines = Array.from({ length: 200 }, (_, i) => `P${i} = [0.5, 0.5]\nH(P${i})`);
    const document = open(file, lines.join('\n'));
    const first = document.semanticTokens() as { resultId: string; data: number[] };
    document.typeAfter('H(P100', ', P101');
    const delta = document.semanticTokensDelta(first.resultId) as { resultId: string; edits: { start: number; deleteCount: number; data: number[] }[] };
    expect(delta.edits).toHaveLength(1);
    expect(delta.edits[0].data.length).toBeLessThan(20);
    const patched = [...first.data];
    patched.splice(delta.edits[0].start, delta.edits[0].deleteCount, ...delta.edits[0].data);
    const fresh = document.semanticTokens();
    expect(patched).toEqual(fresh.data);
    expect(fresh.data.length).toBe(first.data.length + 5); // one more name token
  });

  it('folds regions and statements written over several lines', async () => {
    const ranges = model.foldingRanges();
    expect(ranges.map((range) => [range.startLine, range.endLine, range.kind])).toEqual([[0, 8, 'region'], [3, 7, undefined]]);
  });
});

describe('formatting', () => {
  const messy = 'units   bits\nP=[0.5,0.25 ,0.25]   # prior\nQ = { cat:0.5,dog :0.5 }\nKL( P||normalize( [1,2,1] ) )\n-2^ -1+3*(1-2)/4\nKL(P ‖ normalize([1,1,2]))~=0.1\nR = [\n    0.5,0.5\n]\n';
  const tidy = 'units bits\nP = [0.5, 0.25, 0.25]   # prior\nQ = {cat: 0.5, dog: 0.5}\nKL(P || normalize([1, 2, 1]))\n-2^-1 + 3 * (1 - 2) / 4\nKL(P ‖ normalize([1, 1, 2])) ~= 0.1\nR = [\n    0.5, 0.5\n]\n';

  it('spaces operators, bars and commas, keeps spellings, comments and line breaks', async () => {
    const file = 'file:///editing/messy.kl';
    const edits = open(file, messy).formatting();
    expect(applyEdits(messy, edits)).toBe(tidy);
  });

  it('gives the same values after formatting, and leaves a broken statement alone', async () => {
    const before = 'file:///editing/before.kl';
    const after = 'file:///editing/after.kl';
    const lensTitles = (file: string, text: string) => open(file, text).lensTitles();
    expect(lensTitles(after, tidy)).toEqual(lensTitles(before, messy));
    const broken = 'file:///editing/broken.kl';
    const edits: TextEdit[] = open(broken, 'KL(P||Q\n\nH( [1] )\n').formatting();
    expect(applyEdits('KL(P||Q\n\nH( [1] )\n', edits)).toBe('KL(P||Q\n\nH([1])\n');
  });
});
