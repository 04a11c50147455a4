// Every number the engine computes, against independent references computed
// by mpmath at 50 digits and cross-checked with scipy (test/fixtures/make_reference.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysisOf, relativeError } from './evaluate';

interface ReferenceCase {
  id: string;
  measure: string;
  document: string;
  expected: string | string[];
  unit?: string;
  digits?: number;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/reference.json'), 'utf8')) as { cases: ReferenceCase[] };
const TOLERANCE = 1e-12;
let largest = { error: 0, id: '' };

function expectClose(actual: number, expected: string, id: string): void {
  if (expected === 'Infinity') {
    expect(actual, id).toBe(Infinity);
    return;
  }
  const reference = Number(expected);
  const error = relativeError(actual, reference);
  if (error > largest.error) largest = { error, id };
  expect(error, `${id}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

describe('values against the mpmath/scipy references', () => {
  it('has at least 300 cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(300);
  });

  for (const reference of fixture.cases) {
    it(`${reference.id}: ${reference.document.split('\n').at(-1)}`, () => {
      const analysis = analysisOf(reference.document);
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
      expect(errors, reference.id).toEqual([]);
      const value = analysis.statements.at(-1)?.result.value;
      expect(value, reference.id).toBeDefined();
      if (Array.isArray(reference.expected)) {
        expect(value?.kind).toBe('vector');
        const data = value?.kind === 'vector' ? value.data : new Float64Array();
        expect(data.length).toBe(reference.expected.length);
        reference.expected.forEach((expected, i) => expectClose(data[i], expected, `${reference.id}[${i}]`));
        return;
      }
      expect(value?.kind, reference.id).toBe('number');
      if (value?.kind !== 'number') return;
      expect(value.unit, reference.id).toBe(reference.unit);
      expectClose(value.value, reference.expected, reference.id);
      if (reference.digits) {
        // precision N: the BigNumber value agrees with mpmath to the digits the fixture gives.
        expect(value.precise, reference.id).toBeDefined();
        const precise = value.precise as string;
        const digitsAgreeing = agreeingDigits(precise, reference.expected);
        expect(digitsAgreeing, `${reference.id}: ${precise} vs ${reference.expected}`).toBeGreaterThanOrEqual(reference.digits - 2);
      }
    });
  }

  afterAll(() => {
    console.log(`largest relative error against the references: ${largest.error.toExponential(2)} (${largest.id}) over ${fixture.cases.length} cases`);
  });
});

/** How many leading significant digits two decimal strings share (after rounding noise). */
function agreeingDigits(a: string, b: string): number {
  const digitsOf = (text: string) => text.replace(/^-?0?\.?0*/, '').replace('.', '').replace(/0+$/, '');
  const x = digitsOf(a);
  const y = digitsOf(b);
  if (x === y) return Infinity;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}
