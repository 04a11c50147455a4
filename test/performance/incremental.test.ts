// A user edits one line of a long note: only that line is parsed again, and
// only the statements that depend on what changed are evaluated again; the
// rest of the analysis is the previous one's objects, reused.
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../server/src/language/analysis';

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
