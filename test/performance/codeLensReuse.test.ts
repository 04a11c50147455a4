// A user edits one digit of a long note: the lenses answered afterwards are
// the previous answer's own objects except where the edit changed a value or
// moved a line, so a 6,666-lens answer does not make 6,666 new lenses.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { CodeLenses } from '../../server/src/features/codeLens';

const NOTE = ['units bits', 'P = [0.5, 0.25, 0.25]', 'Q = [0.25, 0.5, 0.25]', 'KL(P || Q)', 'H(Q)', 'h = H(Q)', 'H(P) ≈ 1.5'].join('\n');
const URI = 'file:///note.kl';

describe('code lenses after an edit', () => {
  it('are the same objects for the statements the edit did not change', () => {
    const lenses = new CodeLenses();
    const before = analyze(NOTE, 'kl');
    const first = lenses.lenses(URI, before, 5);
    const after = analyze(NOTE.replace('P = [0.5, 0.25, 0.25]', 'P = [0.5, 0.3, 0.2]'), 'kl', undefined, before);
    const second = lenses.lenses(URI, after, 5);
    expect(second.map((lens) => lens.command?.title)).toEqual(['KL = 0.21452 bits', 'H = 1.5 bits', 'h = 1.5 bits', '✓ 1.5 (1.4855)']);
    expect(second.map((lens, i) => lens === first[i])).toEqual([false, true, true, false]);
  });

  it('are made again on their new lines when lines are inserted above them', () => {
    const lenses = new CodeLenses();
    const before = analyze(NOTE, 'kl');
    const first = lenses.lenses(URI, before, 5);
    const second = lenses.lenses(URI, analyze(NOTE.replace('KL(P || Q)', 'KL(P || Q)\n'), 'kl', undefined, before), 5);
    expect(second.map((lens) => lens.range.start.line)).toEqual([3, 5, 6, 7]);
    expect(second.map((lens, i) => lens === first[i])).toEqual([true, false, false, false]);
    expect(second.map((lens) => lens.command?.title)).toEqual(first.map((lens) => lens.command?.title));
  });

  it('are made again with other significant digits', () => {
    const lenses = new CodeLenses();
    const analysis = analyze(NOTE.replace('P = [0.5, 0.25, 0.25]', 'P = [0.5, 0.3, 0.2]'), 'kl');
    const five = lenses.lenses(URI, analysis, 5);
    expect(lenses.lenses(URI, analysis, 5)).toBe(five);
    expect(lenses.lenses(URI, analysis, 3).map((lens) => lens.command?.title)).toEqual(['KL = 0.215 bits', 'H = 1.5 bits', 'h = 1.5 bits', '✓ 1.5 (1.49)']);
  });
});
