// A user edits one line of a long note: only that line is parsed again, and
// only the statements that depend on what changed are evaluated again; the
// rest of the analysis is the previous one's objects, reused.
import { describe, expect, it } from 'vitest';
import { type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';

const NOTE = [
  'units bits',
  'P = [0.5, 0.25, 0.25]',
  'Q = [0.25, 0.5, 0.25]',
  'R = [0.125, 0.125, 0.75]',
  'KL(P || Q)',
  'H(P)',
  'H(R)',
  'JS(Q || R)',
  'S = normalize(P + R)',
  'H(S)',
].join('\n');

/** For each statement of `after`: was its parse, its result, the previous analysis's own object? */
function reuse(before: Analysis, after: Analysis): { text: string; parsed: boolean; result: boolean }[] {
  return after.statements.map((statement) => {
    const old = before.statements.find((candidate) => candidate.source.text === statement.source.text);
    return { text: statement.source.text, parsed: statement.parsed === old?.parsed, result: statement.result === old?.result };
  });
}

describe('an edit to one line of a note', () => {
  const before = analyze(NOTE, 'kl');

  it('changing P re-parses its line, and re-evaluates P and what reads P, directly or through S', () => {
    const after = analyze(NOTE.replace('P = [0.5, 0.25, 0.25]', 'P = [0.5, 0.3, 0.2]'), 'kl', undefined, before);
    const evaluated = after.statements.filter((_, i) => after.statements[i].result !== before.statements[i].result).map((s) => s.source.text);
    expect(evaluated).toEqual(['P = [0.5, 0.3, 0.2]', 'KL(P || Q)', 'H(P)', 'S = normalize(P + R)', 'H(S)']);
    const parsedAgain = after.statements.filter((_, i) => after.statements[i].parsed !== before.statements[i].parsed).map((s) => s.source.text);
    expect(parsedAgain).toEqual(['P = [0.5, 0.3, 0.2]']);
  });

  it('an edit that changes nothing of the value (a comment) re-parses the line and re-evaluates only that line', () => {
    const after = analyze(NOTE.replace('H(R)', 'H(R)  # the reference'), 'kl', undefined, before);
    const evaluated = after.statements.filter((_, i) => after.statements[i].result !== before.statements[i].result).map((s) => s.source.text);
    expect(evaluated).toEqual(['H(R)  # the reference']);
  });

  it('inserting a line above moves every statement but re-evaluates none of the others', () => {
    const after = analyze(`# notes\n${NOTE}`, 'kl', undefined, before);
    expect(reuse(before, after).every((statement) => statement.parsed && statement.result)).toBe(true);
    expect(after.statements.map((s) => s.source.offset)).toEqual(before.statements.map((s) => s.source.offset + '# notes\n'.length));
    expect(after.statements[1].binding?.definition).toEqual({ start: before.statements[1].binding!.definition.start + 8, end: before.statements[1].binding!.definition.end + 8 });
  });

  it('a units directive re-evaluates every statement below it (what is in force there changed)', () => {
    const after = analyze(NOTE.replace('units bits', 'units nats'), 'kl', undefined, before);
    expect(after.statements.every((statement, i) => statement.result !== before.statements[i].result)).toBe(true);
    expect(after.statements.slice(1).every((statement, i) => statement.parsed === before.statements[i + 1].parsed)).toBe(true);
  });

  it('the same document again reuses everything', () => {
    const after = analyze(NOTE, 'kl', undefined, before);
    expect(after.statements.every((statement, i) => statement.result === before.statements[i].result && statement.parsed === before.statements[i].parsed)).toBe(true);
  });
});

describe('a long note', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `P${i} = [0.5, 0.5]` : i % 3 === 1 ? `H(P${i - 1})` : `KL(P${i - 2} || [0.25, 0.75])`));
  const text = lines.join('\n');
  const before = analyze(text, 'kl');

  it('an edit in the middle re-evaluates three statements of 3000', () => {
    const after = analyze(text.replace('P1500 = [0.5, 0.5]', 'P1500 = [0.4, 0.6]'), 'kl', undefined, before);
    const evaluated = after.statements.filter((_, i) => after.statements[i].result !== before.statements[i].result).map((s) => s.source.text);
    expect(evaluated).toEqual(['P1500 = [0.4, 0.6]', 'H(P1500)', 'KL(P1500 || [0.25, 0.75])']);
  });
});

/** The statements of `after` that are not the previous analysis's very objects at the same index. */
function notTheSame(before: Analysis, after: Analysis): string[] {
  return after.statements.filter((statement, i) => statement !== before.statements[i]).map((statement) => statement.source.text);
}

describe('an edit to a long note looks only at what it changed', () => {
  const lines = ['Top = [0.5, 0.5]', ...Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `P${i} = [0.5, 0.5]` : i % 3 === 1 ? `H(P${i - 1})` : `KL(P${i - 2} || [0.25, 0.75])`)), 'H(Top)'];
  const text = lines.join('\n');
  const before = analyze(text, 'kl');

  it('changing a digit leaves every other statement, above and below, the very object it was', () => {
    const after = analyze(text.replace('P1500 = [0.5, 0.5]', 'P1500 = [0.4, 0.6]'), 'kl', undefined, before);
    expect(notTheSame(before, after)).toEqual(['P1500 = [0.4, 0.6]', 'H(P1500)', 'KL(P1500 || [0.25, 0.75])']);
  });

  it('changing a name read 3000 lines below re-evaluates that reader there', () => {
    const after = analyze(text.replace('Top = [0.5, 0.5]', 'Top = [0.4, 0.6]'), 'kl', undefined, before);
    expect(notTheSame(before, after)).toEqual(['Top = [0.4, 0.6]', 'H(Top)']);
    expect(after.statements.at(-1)?.result.value).toEqual(analyze('H([0.4, 0.6])', 'kl').statements[0].result.value);
  });

  it('a line added above moves the statements below: the same parses and results, at their new places, reading the bindings there', () => {
    const after = analyze(text.replace('P1500 = [0.5, 0.5]', '# the middle\nP1500 = [0.5, 0.5]'), 'kl', undefined, before);
    const index = before.statements.findIndex((statement) => statement.source.text === 'P1500 = [0.5, 0.5]');
    expect(after.statements.slice(0, index).every((statement, i) => statement === before.statements[i])).toBe(true);
    expect(after.statements.every((statement, i) => statement.parsed === before.statements[i].parsed && statement.result === before.statements[i].result)).toBe(true);
    expect(after.statements.slice(index).every((statement, i) => statement.source.offset === before.statements[index + i].source.offset + '# the middle\n'.length)).toBe(true);
    expect(after.statements[index].binding?.definition.start).toBe(before.statements[index].binding!.definition.start + '# the middle\n'.length);
    expect(after.statements[index + 1].inputs.get('P1500')).toBe(after.statements[index].binding);
    expect(after.statements.at(-1)?.inputs.get('Top')).toBe(after.statements[0].binding);
  });

  it('a line removed takes its statement out; those below move up, as they were', () => {
    const after = analyze(text.replace('\nH(P1500)', ''), 'kl', undefined, before);
    const index = before.statements.findIndex((statement) => statement.source.text === 'H(P1500)');
    expect(after.statements).toHaveLength(before.statements.length - 1);
    expect(after.statements.slice(0, index).every((statement, i) => statement === before.statements[i])).toBe(true);
    expect(after.statements.slice(index).every((statement, i) => statement.result === before.statements[index + 1 + i].result)).toBe(true);
  });

  it('an edit in two places at once re-evaluates both, and what reads them', () => {
    const edited = text.replace('P300 = [0.5, 0.5]', 'P300 = [0.1, 0.9]').replace('KL(P2700 || [0.25, 0.75])', 'KL(P2700 || [0.75, 0.25])');
    const after = analyze(edited, 'kl', undefined, before);
    const evaluated = after.statements.filter((statement, i) => statement.result !== before.statements[i].result).map((statement) => statement.source.text);
    expect(evaluated).toEqual(['P300 = [0.1, 0.9]', 'H(P300)', 'KL(P300 || [0.25, 0.75])', 'KL(P2700 || [0.75, 0.25])']);
  });
});

describe('an edit that changes a binding read below', () => {
  const NAMES = ['P = [0.5, 0.5]', 'H(P)', 'R = [0.25, 0.75]', 'P = [0.9, 0.1]', 'H(P)', 'KL(R || P)'].join('\n');
  const before = analyze(NAMES, 'kl');

  it('re-evaluates the readers of the name down to where it is assigned again', () => {
    const after = analyze(NAMES.replace('P = [0.5, 0.5]', 'P = [0.6, 0.4]'), 'kl', undefined, before);
    expect(notTheSame(before, after)).toEqual(['P = [0.6, 0.4]', 'H(P)']);
  });

  it('a failed assignment unbinds the name: the readers below report it, until it is assigned again', () => {
    const after = analyze(NAMES.replace('P = [0.5, 0.5]', 'P = nope + 1.0'), 'kl', undefined, before);
    expect(after.statements[1].result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['input-error']);
    expect(notTheSame(before, after)).toEqual(['P = nope + 1.0', 'H(P)']);
  });

  it('a units directive re-evaluates down to the next units directive only', () => {
    const units = ['units bits', 'H([0.5, 0.5])', 'H([0.25, 0.75])', 'units nats', 'H([0.5, 0.5])'].join('\n');
    const first = analyze(units, 'kl');
    const after = analyze(units.replace('units bits', 'units bans'), 'kl', undefined, first);
    expect(notTheSame(first, after)).toEqual(['units bans', 'H([0.5, 0.5])', 'H([0.25, 0.75])']);
  });
});

describe('an edit that opens a bracket', () => {
  const BLOCKS = ['P = [0.5, 0.5]', 'H(P)', 'KL(P || [0.25, 0.75])', '', 'Q = [1, 0]', 'H(Q)'].join('\n');
  const before = analyze(BLOCKS, 'kl');

  it('cuts the half-typed line off before the next line that parses on its own; the statements after it are as they were', () => {
    const open = analyze(BLOCKS.replace('H(P)', 'H(P('), 'kl', undefined, before);
    expect(open.statements.map((statement) => statement.source.text)).toEqual(['P = [0.5, 0.5]', 'H(P(', 'KL(P || [0.25, 0.75])', 'Q = [1, 0]', 'H(Q)']);
    expect(open.statements[2].result).toBe(before.statements[2].result);
    expect(open.statements[3]).toBe(before.statements[3]);
    expect(open.statements[4]).toBe(before.statements[4]);
  });

  it('typing below a half-typed line, inside what it would continue over, splits again from the half-typed line', () => {
    const open = analyze(BLOCKS.replace('H(P)', 'KL(P ||'), 'kl', undefined, before);
    expect(open.statements.map((statement) => statement.source.text)).toEqual(['P = [0.5, 0.5]', 'KL(P ||', 'KL(P || [0.25, 0.75])', 'Q = [1, 0]', 'H(Q)']);
    // Two lines down, the blank line that ended it becomes `)`: the three lines are one statement that parses.
    const closed = analyze(open.text.replace('\n\n', '\n)\n'), 'kl', undefined, open);
    const fresh = analyze(closed.text, 'kl');
    expect(closed.statements.map((statement) => statement.source.text)).toEqual(['P = [0.5, 0.5]', 'KL(P ||\nKL(P || [0.25, 0.75])\n)', 'Q = [1, 0]', 'H(Q)']);
    expect(closed.diagnostics).toEqual(fresh.diagnostics);
  });

  it('closing it again gives the lines back their statements, and their values', () => {
    const open = analyze(BLOCKS.replace('H(P)', 'H(P('), 'kl', undefined, before);
    const closed = analyze(BLOCKS, 'kl', undefined, open);
    expect(closed.statements.map((statement) => statement.source.text)).toEqual(before.statements.map((statement) => statement.source.text));
    expect(closed.statements.map((statement) => statement.result.value)).toEqual(before.statements.map((statement) => statement.result.value));
    expect(closed.statements[3]).toBe(open.statements[3]);
  });
});

describe('an edit to a Markdown note', () => {
  const NOTE = ['# Notes', '', '```kl', 'P = [0.5, 0.5]', 'H(P)', '```', '', 'Some prose.', '', '```kl', 'KL(P || [0.25, 0.75])', '```', ''].join('\n');
  const before = analyze(NOTE, 'markdown');

  it('in the prose parses and evaluates nothing again; the blocks below move with the text', () => {
    const after = analyze(NOTE.replace('Some prose.', 'Some more prose.'), 'markdown', undefined, before);
    expect(after.statements.every((statement, i) => statement.parsed === before.statements[i].parsed && statement.result === before.statements[i].result)).toBe(true);
    expect(after.statements[2].source.offset).toBe(before.statements[2].source.offset + ' more'.length);
    expect(after.statements[2].inputs.get('P')).toBe(after.statements[0].binding);
  });

  it('inside a block re-evaluates the statement and its readers in the blocks below', () => {
    const after = analyze(NOTE.replace('P = [0.5, 0.5]', 'P = [0.5, 0.25, 0.25]'), 'markdown', undefined, before);
    expect(notTheSame(before, after)).toEqual(['P = [0.5, 0.25, 0.25]', 'H(P)', 'KL(P || [0.25, 0.75])']);
  });

  it('on a fence says what a fresh analysis says', () => {
    const edited = NOTE.replace('```kl\nKL', '```python\nKL');
    const after = analyze(edited, 'markdown', undefined, before);
    expect(after.statements.map((statement) => statement.source.text)).toEqual(['P = [0.5, 0.5]', 'H(P)']);
    expect(after.diagnostics).toEqual(analyze(edited, 'markdown').diagnostics);
  });
});
