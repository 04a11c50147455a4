// KL and JS of nearly equal distributions in doubles, against mpmath
// (test/fixtures/make_near_equal.py): the value keeps its 1e-12 however small
// it is (1e-12 … 1e-32 nats), where the terms p·ln(p/q) cancel to all but
// their last digits; and so does KL written as H(P, Q) − H(P).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysisOf, relativeError } from './evaluate';

interface DoublesCase {
  id: string;
  document: string;
  expected: string;
  unit: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/near-equal.json'), 'utf8')) as { doubles: DoublesCase[]; };
let largest = { error: 0, id: '' };

function lastResult(document: string) {
  const analysis = analysisOf(document);
  expect(analysis.diagnostics).toEqual([]);
  return analysis.statements.at(-1)?.result.value;
}

describe('KL and JS of nearly equal distributions in doubles', () => {
  it('reach down to KL = 1e-32', () => {
    expect(Math.min(...fixture.doubles.map((c) => Math.abs(Number(c.expected))))).toBeLessThan(1e-32);
  });

  for (const reference of fixture.doubles) {
    it(`${reference.id} = ${reference.expected}`, () => {
      const value = lastResult(reference.document);
      expect(value?.kind).toBe('number');
      const actual = value?.kind === 'number' ? value.value : NaN;
      const error = relativeError(actual, Number(reference.expected));
      if (error > largest.error) largest = { error, id: reference.id };
      expect(error, `got ${actual}`).toBeLessThanOrEqual(1e-12);
    });
  }

  afterAll(() => console.log(`near-equal doubles: largest relative error ${largest.error.toExponential(2)} (${largest.id})`));
});

describe('KL written as a difference, H(P, Q) − H(P), of nearly equal distributions', () => {
  const klCases = fixture.doubles.filter((reference) => reference.document.endsWith('KL(P || Q)'));

  it('covers every KL case of the fixture', () => {
    expect(klCases.length).toBeGreaterThanOrEqual(80);
  });

  for (const reference of klCases) {
    it(`${reference.id}: H(P, Q) - H(P) = ${reference.expected}`, () => {
      const value = lastResult(reference.document.replace(/KL\(P \|\| Q\)$/, 'H(P, Q) - H(P)'));
      const actual = value?.kind === 'number' ? value.value : NaN;
      expect(relativeError(actual, Number(reference.expected)), `got ${actual}`).toBeLessThanOrEqual(1e-12);
    });
  }

  it('is the same for a batch, row by row, and in bits', () => {
    const document = 'units bits\nP = [[0.5, 0.5], [0.3, 0.7]]\nQ = [[0.5000001, 0.4999999], [0.3000002, 0.6999998]]\n';
    const kl = lastResult(`${document}KL(P || Q)`);
    const difference = lastResult(`${document}H(P, Q) - H(P)`);
    expect(difference).toMatchObject({ kind: 'number', unit: 'bits' });
    expect(difference?.kind === 'number' && kl?.kind === 'number' && difference.value === kl.value).toBe(true);
  });

  it('stays the plain difference where the entropy is of another distribution, or in another unit', () => {
    const document = 'P = [0.5, 0.5]\nQ = [0.6, 0.4]\nR = [0.5000001, 0.4999999]\n';
    const ce = lastResult(`${document}H(P, Q)`);
    const hr = lastResult(`${document}H(R)`);
    const other = lastResult(`${document}H(P, Q) - H(R)`);
    expect(other?.kind === 'number' && ce?.kind === 'number' && hr?.kind === 'number' && other.value === ce.value - hr.value).toBe(true);
    const kl = lastResult(`${document}KL(P || Q)`);
    const sum = lastResult(`${document}H(P, Q) + H(P)`);
    expect(sum?.kind === 'number' && kl?.kind === 'number' && sum.value !== kl.value).toBe(true);
  });
});
