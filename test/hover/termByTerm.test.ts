// The sum a measure's hover writes out term by term: the terms it shows stand
// for numbers that add up to the value it shows, for every measure, on short
// and long rows, where JS compares nearly equal distributions and where a
// softmax's q underflowed (written e^(ln q), never log 0).
import { describe, expect, it } from 'vitest';
import { termByTerm, writtenTerms } from '../../server/src/hover/termByTerm';
import type { CategoricalDetail } from '../../server/src/language/measureDetail';
import { compensatedSum } from '../../server/src/language/summation';
import { lastValue, relativeError } from '../engine/evaluate';

function detailOf(text: string): { detail: CategoricalDetail; value: number } {
  const value = lastValue(text);
  if (value?.kind !== 'number' || value.detail?.kind !== 'categorical') throw new Error(`no categorical measure in ${text}`);
  return { detail: value.detail, value: value.value };
}

const long = (n: number, f: (i: number) => number) => `normalize([${Array.from({ length: n }, (_, i) => f(i)).join(', ')}])`;

const DOCUMENTS = [
  'units bits\nKL([1, 0, 0] || [0.75, 0.2, 0.05])',
  'H([0.5, 0.25, 0.25])',
  'perplexity([0.5, 0.25, 0.25])',
  'BCE([1, 0, 0.5], [0.9, 0.2, 0.5])',
  'JS([0.5, 0.5] || [0.500001, 0.499999])',
  'units bans\nJS([0.5, 0.5, 0] || [0.5, 0.25, 0.25])',
  `JS(${long(4096, (i) => 1 + (i % 7))} || ${long(4096, (i) => 1 + (i % 7) + 1e-6 * (i % 3))})`,
  `KL(${long(2000, (i) => 1 + (i % 5))} || ${long(2000, (i) => 2 + (i % 3))})`,
  'KL(onehot(3, 3) || softmax([1000, 999, 0]))',
  'units bits\nCE([0.5, 0.25, 0.25], softmax([1000, 999, 0]))',
  `CE(${long(3000, (i) => 1 + (i % 4))}, softmax([${Array.from({ length: 3000 }, (_, i) => -((i * 37) % 2000)).join(', ')}]))`,
  'KL([[0, 0, 1], [0.5, 0.5, 0]] || softmax([[1000, 999, 0], [1, 2, 3]]))',
  'BCE([0, 1, 0.3, 0.5], sigmoid([40, -800, 30, 1.5]))',
  'units bans\nBCE([[1, 0], [0.3, 1]], sigmoid([[-30, 1e4], [100, 2]]))',
];

describe('the sum a hover writes out', () => {
  it.each(DOCUMENTS)('adds up to the value it shows: %s', (text) => {
    const { detail } = detailOf(text);
    for (const row of detail.rows) {
      const terms = writtenTerms(detail, row);
      const sum = compensatedSum(terms.map((term) => term.value)) / (detail.measure === 'bce' ? row.p.length : 1);
      expect(relativeError(sum, row.value), `${terms.map((term) => `${term.sign}${term.body}`).join(' ')} = ${row.value}`).toBeLessThanOrEqual(1e-13);
    }
  });

  it('writes JS of nearly equal distributions outcome by outcome, as it is summed', () => {
    const { detail, value } = detailOf('JS([0.5, 0.5] || [0.500001, 0.499999])');
    expect(termByTerm(detail, value, { p: 'P', q: 'Q' }).at(-1)).toBe('JS(P‖Q) = ½·(0.5·ln(0.5/0.500001) + 0.500001·ln(0.500001/0.500001)) + ½·(0.5·ln(0.5/0.5) + 0.499999·ln(0.499999/0.5)) = 5.0000000000158347e-13 nats');
  });

  it('writes a q that underflowed as e^(ln q), from the logits, never log 0', () => {
    const { detail, value } = detailOf('KL(onehot(3, 3) || softmax([1000, 999, 0]))');
    expect(termByTerm(detail, value, { p: 'y', q: 'softmax(z)' })).toEqual(['D_KL(y‖softmax(z)) = 0 + 0 + 1·ln(1/e^-1000.31) = 1000.3132616875182 nats']);
    const bits = detailOf('units bits\nCE([0.5, 0.25, 0.25], softmax([1000, 999, 0]))');
    const line = termByTerm(bits.detail, bits.value, { p: 'P', q: 'Q' }).join('\n');
    expect(line).toContain('− 0.25·log2(e^-1000.31) = 361.48637506554616 bits');
    expect(line).not.toMatch(/log2?\(0\)|ln\(0\)/);
  });

  it('writes a sigmoid\'s p or 1 − p whose log the logit changed as e^(ln p), the others as they are', () => {
    const { detail, value } = detailOf('BCE([0, 1, 0.3], sigmoid([40, -800, 1]))');
    // ln(1 − p) = −softplus(40) = −40, ln p = −800; at x = 1 the double p gives the same logs to 12 digits.
    expect(termByTerm(detail, value, { p: 'y', q: 'sigmoid(x)' })).toEqual(['BCE(y, sigmoid(x)) = (1/3)·(−1·ln(e^-40) − 1·ln(e^-800) − (0.3·ln(0.731059) + 0.7·ln(0.268941))) = 280.3377538958394 nats']);
  });
});
