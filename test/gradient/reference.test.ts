// grad(expr, x) against gradients computed independently: central finite
// differences at 60 digits of the spec's definitions re-implemented in mpmath,
// cross-checked with numpy closed forms (test/fixtures/make_gradients.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysisOf, relativeError } from '../engine/evaluate';

interface GradientCase {
  id: string;
  document: string;
  variable: string;
  shape: number[];
  expected: string | string[];
  value: string;
  unit?: string;
  tags: string[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/gradients.json'), 'utf8')) as { cases: GradientCase[] };
const TOLERANCE = 1e-9;
let largest = { error: 0, id: '' };

describe('grad against the mpmath finite-difference references', () => {
  it('has at least 100 cases, over every supported function', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(100);
    const tags = new Set(fixture.cases.flatMap((reference) => reference.tags));
    for (const tag of ['entropy', 'crossEntropy', 'kl', 'js', 'bce', 'perplexity', 'softmax', 'normalize', 'sigmoid', 'logsumexp', 'elementary', 'bernoulli', 'normal', 'batch', 'labelled', 'uniform', 'onehot']) {
      expect(tags, tag).toContain(tag);
    }
  });

  for (const reference of fixture.cases) {
    it(`${reference.id}: ${reference.document.split('\n').at(-1)}`, () => {
      const analysis = analysisOf(reference.document);
      expect(analysis.diagnostics.filter((d) => d.severity === 'error'), reference.id).toEqual([]);
      const value = analysis.statements.at(-1)?.result.value;
      const expected = Array.isArray(reference.expected) ? reference.expected : [reference.expected];
      const kind = reference.shape.length === 0 ? 'number' : reference.shape.length === 1 ? 'vector' : 'matrix';
      expect(value?.kind, reference.id).toBe(kind);
      if (value?.kind !== 'number' && value?.kind !== 'vector' && value?.kind !== 'matrix') return;
      expect(value.unit, reference.id).toBe(reference.unit);
      const entries = value.kind === 'number' ? [value.value] : Array.from(value.data);
      expect(entries.length).toBe(expected.length);
      entries.forEach((actual, k) => {
        const error = relativeError(actual, Number(expected[k]));
        if (error > largest.error) largest = { error, id: `${reference.id}[${k}]` };
        expect(error, `${reference.id}[${k}]: got ${actual}, expected ${expected[k]}`).toBeLessThanOrEqual(TOLERANCE);
      });
      // The expression differentiated is the one the engine evaluates, to the last bit, and the one the reference differentiated.
      const lines = reference.document.split('\n');
      const call = lines.at(-1) as string;
      const expression = call.slice('grad('.length, call.lastIndexOf(`, ${reference.variable})`));
      const plain = analysisOf([...lines.slice(0, -1), expression].join('\n')).statements.at(-1)?.result.value;
      expect(plain?.kind).toBe('number');
      expect(value.gradient?.value, reference.id).toBe(plain?.kind === 'number' ? plain.value : NaN);
      expect(relativeError(value.gradient?.value ?? NaN, Number(reference.value)), reference.id).toBeLessThanOrEqual(1e-12);
    });
  }

  afterAll(() => {
    console.log(`largest relative error of grad against the references: ${largest.error.toExponential(2)} (${largest.id}) over ${fixture.cases.length} cases`);
  });
});
