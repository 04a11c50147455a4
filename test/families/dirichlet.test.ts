// The Dirichlet kernel against mpmath (alpha 1e-3 … 2e4, near-equal pairs,
// K = 2 … 10), and the identities KL ≥ 0, KL(D ‖ D) = 0.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  dirichletEntropy, dirichletEntropyGradient, dirichletKl, dirichletKlGradient,
} from '../../server/src/language/families/kernels/dirichlet';
import { casesOf, errorAgainst, numbers, WorstErrors } from './discreteFamiliesFixture';

const TOLERANCE = 1e-12;
/** H is a differential entropy and crosses 0 (H(Dir(1, 1)) = 0): below 1, the error is absolute. */
const ENTROPY_FLOOR = 1;
/**
 * The reference of a derivative that is exactly 0 (KL(D ‖ D)) is mpmath's rounding,
 * ~1e-61: below 1e-40 of nothing, a vector is compared absolutely.
 */
const ZERO_GRADIENT = 1e-40;
const worst = new WorstErrors();

/** Derivatives are compared relative to their largest entry (a vector's entries can cross 0). */
function vectorError(actual: Float64Array, expected: string[]): number {
  const scale = Math.max(ZERO_GRADIENT, ...expected.map((x) => Math.abs(Number(x))));
  return Math.max(...expected.map((x, i) => errorAgainst(actual[i], x, scale)));
}

describe('dirichlet against mpmath', () => {
  for (const c of casesOf('dirichlet')) {
    it(`${c.id}`, () => {
      const alpha = numbers(c.alpha);
      if (c.quantity === 'entropy') {
        const error = errorAgainst(dirichletEntropy(alpha), c.expected as string, ENTROPY_FLOOR);
        worst.record('dirichlet entropy', c.id, error);
        expect(error).toBeLessThanOrEqual(TOLERANCE);
      } else if (c.quantity === 'entropy-gradient') {
        const error = vectorError(dirichletEntropyGradient(alpha), c.expected as string[]);
        worst.record('dirichlet derivatives', c.id, error);
        expect(error).toBeLessThanOrEqual(TOLERANCE);
      } else if (c.quantity === 'kl') {
        const value = dirichletKl(alpha, numbers(c.beta));
        const error = errorAgainst(value as number, c.expected as string);
        worst.record(c.tags.includes('near-equal') ? 'dirichlet KL (near-equal)' : 'dirichlet KL', c.id, error);
        expect(error, `${String(value)} vs ${String(c.expected)}`).toBeLessThanOrEqual(TOLERANCE);
      } else {
        const gradient = dirichletKlGradient(alpha, numbers(c.beta));
        if ('kind' in gradient) throw new Error(gradient.message);
        const [dAlpha, dBeta] = c.expected as string[][];
        for (const [actual, expected] of [[gradient.alpha, dAlpha], [gradient.beta, dBeta]] as const) {
          const error = vectorError(actual, expected);
          worst.record('dirichlet derivatives', c.id, error);
          expect(error).toBeLessThanOrEqual(TOLERANCE);
        }
      }
    });
  }

  it('says that KL needs one length', () => {
    expect(dirichletKl(Float64Array.of(1, 2), Float64Array.of(1, 2, 3))).toMatchObject({ kind: 'length-mismatch' });
  });

  afterAll(() => console.log(`worst error against mpmath:\n${worst.summary()}`));
});

const concentrations = (k: number) => fc.array(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), { minLength: k, maxLength: k }).map((a) => Float64Array.from(a));
const pairs = fc.integer({ min: 2, max: 8 }).chain((k) => fc.tuple(concentrations(k), concentrations(k)));

describe('identities of the dirichlet kernel', () => {
  it('KL ≥ 0 and KL(D ‖ D) = 0', () => {
    fc.assert(fc.property(pairs, ([alpha, beta]) => {
      expect(dirichletKl(alpha, beta) as number).toBeGreaterThanOrEqual(0);
      expect(dirichletKl(alpha, alpha)).toBe(0);
    }));
  });
});
