// The discrete families' kernels (bernoulli, binomial, geometric, poisson and
// their cross pairs) against mpmath (test/fixtures/make_discrete_families.py),
// and the identities KL ≥ 0, KL(D ‖ D) = 0.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bernoulliEntropy, bernoulliEntropyDerivative, bernoulliKl, bernoulliKlGradient, bernoulliPoissonKl, bernoulliPoissonKlGradient,
} from '../../server/src/language/families/kernels/bernoulli';
import { binomialEntropy, binomialEntropyDerivative, binomialKl, binomialKlGradient } from '../../server/src/language/families/kernels/binomial';
import { geometricEntropy, geometricEntropyDerivative, geometricKl, geometricKlGradient } from '../../server/src/language/families/kernels/geometric';
import {
  poissonBernoulliKl, poissonBinomialKl, poissonEntropy, poissonEntropyDerivative, poissonKl, poissonKlGradient,
} from '../../server/src/language/families/kernels/poisson';
import type { DiscreteKl } from '../../server/src/language/families/kernels/supportMismatch';
import { casesOf, errorAgainst, number, WorstErrors, type FamilyCase } from './discreteFamiliesFixture';

const TOLERANCE = 1e-12;
/**
 * A derivative that crosses 0 (dH/dp of a Bernoulli at p = ½, of a binomial
 * at p = ½, ∂KL/∂p at p = q) is a difference of terms of size ~1; its error is
 * measured relative to that size, 1, below it.
 */
const DERIVATIVE_FLOOR = 1;
const worst = new WorstErrors();

function kl(c: FamilyCase): DiscreteKl {
  switch (c.family) {
    case 'bernoulli': return bernoulliKl(number(c.p), number(c.q));
    case 'bernoulli-poisson': return bernoulliPoissonKl(number(c.p), number(c.rate));
    case 'binomial': return binomialKl(c.n as number, number(c.p), c.m as number, number(c.q));
    case 'geometric': return geometricKl(number(c.p), number(c.q));
    case 'poisson': return poissonKl(number(c.rate), number(c.other));
    case 'poisson-bernoulli': return poissonBernoulliKl(number(c.rate), number(c.p));
    case 'poisson-binomial': return poissonBinomialKl(number(c.rate), c.n as number, number(c.p));
  }
  throw new Error(`no KL for ${c.family}`);
}

function entropy(c: FamilyCase): number {
  switch (c.family) {
    case 'bernoulli': return bernoulliEntropy(number(c.p));
    case 'binomial': return binomialEntropy(c.n as number, number(c.p));
    case 'geometric': return geometricEntropy(number(c.p));
    case 'poisson': return poissonEntropy(number(c.rate));
  }
  throw new Error(`no entropy for ${c.family}`);
}

function gradient(c: FamilyCase): number[] {
  if (c.quantity === 'entropy-gradient') {
    switch (c.family) {
      case 'bernoulli': return [bernoulliEntropyDerivative(number(c.p))];
      case 'binomial': return [binomialEntropyDerivative(c.n as number, number(c.p))];
      case 'geometric': return [geometricEntropyDerivative(number(c.p))];
      case 'poisson': return [poissonEntropyDerivative(number(c.rate))];
    }
  }
  switch (c.family) {
    case 'bernoulli': return Object.values(bernoulliKlGradient(number(c.p), number(c.q)));
    case 'bernoulli-poisson': return Object.values(bernoulliPoissonKlGradient(number(c.p), number(c.rate)));
    case 'binomial': return Object.values(binomialKlGradient(c.n as number, number(c.p), number(c.q)));
    case 'geometric': return Object.values(geometricKlGradient(number(c.p), number(c.q)));
    case 'poisson': return Object.values(poissonKlGradient(number(c.rate), number(c.other)));
  }
  throw new Error(`no gradient for ${c.family}`);
}

const FAMILIES = ['bernoulli', 'bernoulli-poisson', 'binomial', 'geometric', 'poisson', 'poisson-bernoulli', 'poisson-binomial'];

describe('discrete families against mpmath', () => {
  it('covers every pair torch registers with a discrete family first, H of each family, and their derivatives', () => {
    const seen = new Set(casesOf(...FAMILIES).map((c) => `${c.family} ${c.quantity}`));
    for (const family of ['bernoulli', 'binomial', 'geometric', 'poisson']) {
      for (const quantity of ['entropy', 'kl', 'entropy-gradient', 'kl-gradient']) expect(seen, `${family} ${quantity}`).toContain(`${family} ${quantity}`);
    }
    for (const pair of ['bernoulli-poisson', 'poisson-bernoulli', 'poisson-binomial']) expect(seen, pair).toContain(`${pair} kl`);
  });

  for (const c of casesOf(...FAMILIES)) {
    it(`${c.id}`, () => {
      if (c.quantity === 'kl') {
        const value = kl(c);
        if (c.expected === 'Infinity') {
          expect(value).toMatchObject({ kind: 'infinite', reason: 'support' });
          return;
        }
        if (c.expected === 'no closed form') {
          expect(value).toMatchObject({ kind: 'no-closed-form' });
          return;
        }
        expect(typeof value, JSON.stringify(value)).toBe('number');
        const error = errorAgainst(value as number, c.expected as string);
        worst.record(c.family, c.id, error);
        expect(error, `${value} vs ${String(c.expected)}`).toBeLessThanOrEqual(TOLERANCE);
      } else if (c.quantity === 'entropy') {
        const value = entropy(c);
        const error = errorAgainst(value, c.expected as string);
        worst.record(c.family, c.id, error);
        expect(error, `${value} vs ${String(c.expected)}`).toBeLessThanOrEqual(TOLERANCE);
      } else {
        const values = gradient(c);
        const expected = c.expected as string[];
        expect(values.length).toBe(expected.length);
        values.forEach((value, i) => {
          const error = errorAgainst(value, expected[i], DERIVATIVE_FLOOR);
          worst.record(`${c.family} (derivatives)`, c.id, error);
          expect(error, `${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(TOLERANCE);
        });
      }
    });
  }

  afterAll(() => console.log(`worst error against mpmath:\n${worst.summary()}`));
});

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const openProbability = fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true });
const rate = fc.double({ min: 0, max: 1e12, noNaN: true });
const count = fc.integer({ min: 0, max: 10_000 });

function finite(value: DiscreteKl): number {
  if (typeof value !== 'number') throw new Error(JSON.stringify(value));
  return value;
}

describe('identities of the discrete kernels', () => {
  it('KL ≥ 0 where finite, and +∞ comes with the supports', () => {
    fc.assert(fc.property(probability, probability, rate, rate, count, (p, q, a, b, n) => {
      for (const value of [bernoulliKl(p, q), bernoulliPoissonKl(p, a), poissonKl(a, b), binomialKl(n, p, n, q), geometricKl(Math.max(p, 1e-300), Math.max(q, 1e-300))]) {
        if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(0);
        else expect(value).toMatchObject({ kind: 'infinite', reason: 'support' });
      }
    }));
  });

  it('KL(D ‖ D) = 0', () => {
    fc.assert(fc.property(probability, openProbability, rate, count, (p, g, a, n) => {
      expect(finite(bernoulliKl(p, p))).toBe(0);
      expect(finite(geometricKl(g, g))).toBe(0);
      expect(finite(poissonKl(a, a))).toBe(0);
      expect(finite(binomialKl(n, p, n, p))).toBe(0);
    }));
  });

  it('H ≥ 0 for every discrete family', () => {
    fc.assert(fc.property(probability, openProbability, fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (p, g, a, n) => {
      for (const h of [bernoulliEntropy(p), geometricEntropy(g), poissonEntropy(a), binomialEntropy(n, p)]) expect(h).toBeGreaterThanOrEqual(0);
    }), { numRuns: 50 });
  });

  it('is 0 between two binomials of no trials, whatever their p (it was 0 · ∞ = NaN for p = 0, q = 1)', () => {
    expect(binomialKl(0, 0, 0, 1)).toBe(0);
    expect(binomialKl(0, 1, 0, 0)).toBe(0);
    expect(binomialKl(0, 0.3, 0, 0.9)).toBe(0);
  });

  it('names both supports when P reaches outside Q', () => {
    expect(poissonBernoulliKl(0.5, 0.3)).toMatchObject({ support: '{0, 1, …}', otherSupport: '{0, 1}' });
    expect(binomialKl(10, 0.3, 5, 0.3)).toMatchObject({ support: '{0..10}', otherSupport: '{0..5}' });
    expect(bernoulliKl(0.3, 1)).toMatchObject({ support: '{0, 1}', otherSupport: '{1}' });
    expect(geometricKl(0.5, 1)).toMatchObject({ support: '{0, 1, …}', otherSupport: '{0}' });
    expect(poissonKl(2, 0)).toMatchObject({ message: 'KL is +∞: poisson(2) takes values in {0, 1, …}, but poisson(0) only in {0}.' });
  });
});
