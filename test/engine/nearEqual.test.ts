// KL and JS of nearly equal distributions in doubles, against mpmath
// (test/fixtures/make_near_equal.py): the value keeps its 1e-12 however small
// it is (1e-12 … 1e-32 nats), where the terms p·ln(p/q) cancel to all but
// their last digits.
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
