// hellinger(P, Q), the trial measure of docs/architecture.md's recipe: against
// mpmath (test/fixtures/make_hellinger.py), nearly equal pairs and zeros
// included, and its identities over random distributions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hellingerDistance } from '../../server/src/language/measures/hellinger';
import { analysisOf, relativeError } from './evaluate';

interface DoubleCase { id: string; document: string; expected: string }
interface PrecisionCase { id: string; document: string; digits: number; rounded: string }

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/hellinger.json'), 'utf8')) as { doubles: DoubleCase[]; precision: PrecisionCase[] };

function lastResult(text: string, units: 'bits' | 'nats' | 'bans' = 'nats') {
  const analysis = analysisOf(text, 'kl', units);
  return { analysis, value: analysis.statements.at(-1)?.result.value };
}

describe('hellinger(P, Q) against mpmath', () => {
  for (const reference of fixture.doubles) {
    it(`${reference.id}: within 1e-12 relative`, () => {
      const { analysis, value } = lastResult(reference.document);
      expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(value?.kind).toBe('number');
      const actual = value?.kind === 'number' ? value.value : NaN;
      const expected = Number(reference.expected);
      if (expected === 0) expect(actual).toBe(0);
      else expect(relativeError(actual, expected), `${actual} vs ${reference.expected}`).toBeLessThanOrEqual(1e-12);
    });
  }

  for (const reference of fixture.precision) {
    it(`${reference.id}: correctly rounded to ${reference.digits} digits`, () => {
      const { analysis, value } = lastResult(reference.document);
      expect(analysis.diagnostics).toEqual([]);
      const precise = value?.kind === 'number' ? value.precise : undefined;
      expect(precise).toBeDefined();
      expect(significant(precise as string)).toBe(significant(reference.rounded));
    });
  }
});

describe('hellinger(P, Q) has no unit', () => {
  it('is the same number, without a unit, under bits, nats and bans', () => {
    const text = 'hellinger([0.1, 0.2, 0.7], [0.3, 0.3, 0.4])';
    const values = (['bits', 'nats', 'bans'] as const).map((units) => lastResult(text, units).value);
    for (const value of values) {
      expect(value?.kind === 'number' && value.unit).toBe(undefined);
      expect(value?.kind === 'number' && value.value).toBe(values[0]?.kind === 'number' && values[0].value);
    }
  });

  it('refuses a normal distribution with a located error', () => {
    const { analysis } = lastResult('hellinger(normal(0, 1), normal(1, 1))');
    expect(analysis.diagnostics.map((d) => d.severity)).toContain('error');
  });
});

/** A distribution of n outcomes (normalised weights; some exactly 0 when `zeros`). */
const distribution = (n: number, zeros = true) =>
  fc.array(zeros ? fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })) : fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n })
    .filter((weights) => weights.some((w) => w > 0))
    .map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return Float64Array.from(weights, (w) => w / total);
    });
const pair = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(distribution(n), distribution(n)));
const params = { seed: 20261208, numRuns: 300 };

describe('hellinger(P, Q): its identities over random distributions', () => {
  it('is symmetric, to the last bit', () => {
    fc.assert(fc.property(pair, ([p, q]) => hellingerDistance(p, q).value === hellingerDistance(q, p).value), params);
  });

  // Normalised weights sum to 1 within a few ulps, so the value may exceed 1 by as much: 1 + 4e-16.
  it('is between 0 and 1', () => {
    fc.assert(fc.property(pair, ([p, q]) => {
      const { value } = hellingerDistance(p, q);
      return value >= 0 && value <= 1 + 4e-16;
    }), params);
  });

  it('is 0 for P = P', () => {
    fc.assert(fc.property(pair, ([p]) => hellingerDistance(p, p).value === 0), params);
  });
});

/** A decimal string's significant digits and exponent, for comparing `0.1` with `1e-1`. */
function significant(text: string): string {
  const match = /^(-?)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!match) return text;
  const [, sign, whole, fraction, power] = match;
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  return `${sign}${all.slice(leading).replace(/0+$/, '')}e${whole.length - leading - 1 + Number(power ?? 0)}`;
}

describe('grad of hellinger(P, Q)', () => {
  const gradient = (text: string) => {
    const { analysis, value } = lastResult(text);
    return { analysis, data: value?.kind === 'vector' ? Array.from(value.data) : undefined };
  };

  it('is ∂H/∂pᵢ = (1 − √(qᵢ/pᵢ))/(4H), as a central difference says', () => {
    const [p, q] = [[0.2, 0.3, 0.5], [0.4, 0.4, 0.2]];
    const { analysis, data } = gradient(`P = [${p}]\nQ = [${q}]\ngrad(hellinger(P, Q), P)`);
    expect(analysis.diagnostics).toEqual([]);
    const h = hellingerDistance(Float64Array.from(p), Float64Array.from(q)).value;
    p.forEach((pi, i) => {
      const step = 1e-6;
      const moved = (delta: number) => hellingerDistance(Float64Array.from(p, (x, j) => (j === i ? x + delta : x)), Float64Array.from(q)).value;
      expect(relativeError(data?.[i] as number, (moved(step) - moved(-step)) / (2 * step))).toBeLessThan(1e-8);
      expect(relativeError(data?.[i] as number, (1 - Math.sqrt(q[i] / pi)) / (4 * h))).toBeLessThan(1e-14);
    });
  });

  it('has none at P = Q, where the distance has a corner, and says so', () => {
    const { analysis } = gradient('P = [0.2, 0.8]\ngrad(hellinger(P, P), P)');
    expect(analysis.diagnostics.map((d) => d.message).join('\n')).toMatch(/hellinger has no derivative/);
  });
});
