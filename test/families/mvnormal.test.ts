// The multivariate normal kernel against mpmath (d = 1, 2, 3, 10, 50; near-equal
// pairs; covariances of 1e-7 and 1e7 at d = 50), its parameter errors, and the
// identities KL ≥ 0, KL(D ‖ D) = 0.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isMvNormalProblem, mvNormal, mvNormalEntropy, mvNormalEntropyGradient, mvNormalKl, mvNormalKlGradient, type MvNormal,
} from '../../server/src/language/families/kernels/mvnormal';
import { casesOf, errorAgainst, numbers, WorstErrors } from './discreteFamiliesFixture';

const TOLERANCE = 1e-12;
/** H is a differential entropy and crosses 0: below 1, the error is absolute. */
const ENTROPY_FLOOR = 1;
const worst = new WorstErrors();

function matrix(rows: unknown): { data: Float64Array; size: number } {
  const list = rows as string[][];
  return { data: Float64Array.from(list.flat().map(Number)), size: list.length };
}

function distribution(mu: unknown, sigma: unknown): MvNormal {
  const { data, size } = matrix(sigma);
  const result = mvNormal(numbers(mu), data, size, size);
  if (isMvNormalProblem(result)) throw new Error(result.message);
  return result;
}

/**
 * A gradient is a matrix product (Σp⁻¹ Δ Σq⁻¹, …): backward-stable solves
 * bound its error relative to its largest entry, not entry by entry, so each
 * entry is compared relative to max |entry| of its matrix.
 */
function gradientError(actual: Float64Array, expected: string[]): number {
  const reference = expected.map(Number);
  // An exactly zero gradient (equal pairs) has mpmath's rounding as its reference.
  const scale = Math.max(1e-40, ...reference.map(Math.abs));
  return Math.max(...reference.map((r, i) => errorAgainst(actual[i], String(r), scale)));
}

describe('mvnormal against mpmath', () => {
  for (const c of casesOf('mvnormal')) {
    it(`${c.id} (${c.tags.join(', ')})`, () => {
      const p = distribution(c.mu, c.Sigma);
      if (c.quantity === 'entropy') {
        const error = errorAgainst(mvNormalEntropy(p), c.expected as string, ENTROPY_FLOOR);
        worst.record('mvnormal entropy', c.id, error);
        expect(error).toBeLessThanOrEqual(TOLERANCE);
      } else if (c.quantity === 'entropy-gradient') {
        const error = gradientError(mvNormalEntropyGradient(p).covariance, (c.expected as string[][]).flat());
        worst.record('mvnormal derivatives', c.id, error);
        expect(error).toBeLessThanOrEqual(TOLERANCE);
      } else {
        const q = distribution(c.mu2, c.Sigma2);
        if (c.quantity === 'kl') {
          const value = mvNormalKl(p, q);
          expect(typeof value).toBe('number');
          const error = errorAgainst(value as number, c.expected as string);
          worst.record(c.tags.includes('near-equal') ? 'mvnormal KL (near-equal)' : 'mvnormal KL', c.id, error);
          expect(error, `${String(value)} vs ${String(c.expected)}`).toBeLessThanOrEqual(TOLERANCE);
        } else {
          const gradient = mvNormalKlGradient(p, q);
          if ('kind' in gradient) throw new Error(gradient.message);
          const expected = c.expected as Record<string, string[] | string[][]>;
          for (const part of ['meanP', 'covarianceP', 'meanQ', 'covarianceQ'] as const) {
            const error = gradientError(gradient[part], expected[part].flat());
            worst.record('mvnormal derivatives', `${c.id} ${part}`, error);
            expect(error, part).toBeLessThanOrEqual(TOLERANCE);
          }
        }
      }
    });
  }

  afterAll(() => console.log(`worst error against mpmath:\n${worst.summary()}`));
});

describe('mvnormal parameters', () => {
  const identity2 = Float64Array.of(1, 0, 0, 1);

  it('refuses a non-symmetric Sigma, naming the entries', () => {
    expect(mvNormal(Float64Array.of(0, 0), Float64Array.of(1, 0.5, 0.4, 1), 2, 2)).toMatchObject({ kind: 'not-symmetric', row: 2, column: 1 });
  });

  it('refuses a Sigma that is not positive definite, naming the leading minor', () => {
    expect(mvNormal(Float64Array.of(0, 0), Float64Array.of(1, 2, 2, 1), 2, 2)).toMatchObject({ kind: 'not-positive-definite', minor: 2 });
    expect(mvNormal(Float64Array.of(0), Float64Array.of(-1), 1, 1)).toMatchObject({ kind: 'not-positive-definite', minor: 1, message: "mvnormal's Sigma is not positive definite: its first variance is not positive." });
    // Singular: [[1, 1], [1, 1]] has determinant 0.
    expect(mvNormal(Float64Array.of(0, 0), Float64Array.of(1, 1, 1, 1), 2, 2)).toMatchObject({ kind: 'not-positive-definite' });
  });

  it('refuses shapes that do not fit, non-finite entries and more than 50 dimensions', () => {
    expect(mvNormal(Float64Array.of(0, 0, 0), identity2, 2, 2)).toMatchObject({ kind: 'shape' });
    expect(mvNormal(Float64Array.of(0, NaN), identity2, 2, 2)).toMatchObject({ kind: 'not-finite', in: 'mu', index: 1 });
    expect(mvNormal(Float64Array.of(0, 0), Float64Array.of(1, 0, Infinity, 1), 2, 2)).toMatchObject({ kind: 'not-finite', in: 'Sigma' });
    expect(mvNormal(new Float64Array(0), new Float64Array(0), 0, 0)).toMatchObject({ kind: 'empty' });
    const d = 51;
    const big = new Float64Array(d * d);
    for (let i = 0; i < d; i++) big[i * d + i] = 1;
    expect(mvNormal(new Float64Array(d), big, d, d)).toMatchObject({ kind: 'too-large', dimension: 51 });
  });

  it('says that KL needs one dimension', () => {
    const p = distribution(['0'], [['1']]);
    const q = distribution(['0', '0'], [['1', '0'], ['0', '1']]);
    expect(mvNormalKl(p, q)).toMatchObject({ kind: 'dimension-mismatch' });
  });
});

/** A random SPD matrix A·Aᵀ/d + εI of doubles, made exactly symmetric. */
const spd = (d: number) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d * d, maxLength: d * d }).map((a) => {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = i === j ? 0.1 : 0;
      for (let k = 0; k < d; k++) s += (a[i * d + k] * a[j * d + k]) / d;
      m[i * d + j] = s;
      m[j * d + i] = s;
    }
  }
  return m;
});

const normals = fc.integer({ min: 1, max: 6 }).chain((d) => fc.tuple(
  fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d }), spd(d),
  fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d }), spd(d),
).map(([m1, s1, m2, s2]) => ({ d, m1, s1, m2, s2 })));

describe('identities of the mvnormal kernel', () => {
  it('KL ≥ 0 and KL(D ‖ D) = 0', () => {
    fc.assert(fc.property(normals, ({ d, m1, s1, m2, s2 }) => {
      const p = mvNormal(Float64Array.from(m1), s1, d, d);
      const q = mvNormal(Float64Array.from(m2), s2, d, d);
      if (isMvNormalProblem(p) || isMvNormalProblem(q)) return;
      expect(mvNormalKl(p, q) as number).toBeGreaterThanOrEqual(0);
      expect(mvNormalKl(p, p)).toBe(0);
    }));
  });
});
