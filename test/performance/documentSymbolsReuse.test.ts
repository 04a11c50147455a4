// A user edits one digit of a long note: the outline answered afterwards is
// the previous answer's own symbols except for the assignment the edit changed.
import { describe, expect, it } from 'vitest';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { analyze } from '../../server/src/notes/documentAnalysis';

const NOTE = ['P = [0.5, 0.25, 0.25]', 'Q = [0.25, 0.5, 0.25]', 'kl = KL(P || Q)', 'h = H(P)'].join('\n');

describe('the outline after an edit', () => {
  it('keeps the symbols of the assignments the edit did not change', () => {
    const before = analyze(NOTE, 'kl');
    const first = documentSymbols(before, 5);
    const second = documentSymbols(analyze(NOTE.replace('Q = [0.25, 0.5, 0.25]', 'Q = [0.25, 0.25, 0.5]'), 'kl', undefined, before), 5);
    expect(second.map((symbol) => [symbol.name, symbol.detail])).toEqual([['P', '[0.5, 0.25, 0.25]'], ['Q', '[0.25, 0.25, 0.5]'], ['kl', '0.17329 nats'], ['h', '1.0397 nats']]);
    expect(second.map((symbol, i) => symbol === first[i])).toEqual([true, false, false, true]);
  });

  it('makes them again where the lines moved, or with other significant digits', () => {
    const before = analyze(NOTE, 'kl');
    const first = documentSymbols(before, 5);
    const moved = documentSymbols(analyze(`\n${NOTE}`, 'kl', undefined, before), 5);
    expect(moved.map((symbol) => symbol.range.start.line)).toEqual(first.map((symbol) => symbol.range.start.line + 1));
    expect(documentSymbols(before, 3).map((symbol) => symbol.detail)).toEqual(['[0.5, 0.25, 0.25]', '[0.25, 0.5, 0.25]', '0.173 nats', '1.04 nats']);
  });
});
