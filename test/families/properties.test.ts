// Identities of every continuous pair on random parameters (fast-check):
// KL(P ‖ Q) ≥ 0 (or +∞ with a reason), KL(D ‖ D) = 0 exactly, and
// KL(D ‖ D′) ≥ 0 and small for D′ a few ulps from D: second order in the
// shift (≤ 1e-18) but for uniform's bounds and pareto's scale, where it is
// first order (a support that grows by 1 ulp costs ln(1 + ε)).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAIRS, PARAMETER_NAMES, type ContinuousFamily } from '../../server/src/language/families/kernels/registry';

const location = fc.double({ min: -100, max: 100, noNaN: true });
const scale = fc.double({ min: -3, max: 3, noNaN: true }).map((e) => 10 ** e);
const shape = fc.double({ min: -2, max: 3, noNaN: true }).map((e) => 10 ** e);

const ARBITRARY: Record<ContinuousFamily, fc.Arbitrary<Record<string, number>>> = {
  normal: fc.record({ mu: location, sigma: scale }),
  halfnormal: fc.record({ sigma: scale }),
  lognormal: fc.record({ mu: fc.double({ min: -5, max: 5, noNaN: true }), sigma: scale }),
  laplace: fc.record({ mu: location, b: scale }),
  exponential: fc.record({ rate: scale }),
  gamma: fc.record({ shape, rate: scale }),
  beta: fc.record({ a: shape, b: shape }),
  uniform: fc.tuple(location, scale).map(([low, width]) => ({ low, high: low + width })),
  gumbel: fc.record({ mu: fc.double({ min: -10, max: 10, noNaN: true }), beta: scale }),
  pareto: fc.record({ scale, alpha: fc.double({ min: 0.5, max: 50, noNaN: true }) }),
  cauchy: fc.record({ loc: location, scale }),
};

/** D with every parameter moved by up to 8 ulps (relatively 1e-15). */
function nudged(parameters: Record<string, number>, steps: number[]): Record<string, number> {
  return Object.fromEntries(Object.entries(parameters).map(([name, value], i) => [name, value * (1 + steps[i % steps.length] * 2 ** -52)]));
}

describe('KL properties of every registered pair', () => {
  for (const [pFamily, row] of Object.entries(PAIRS) as [ContinuousFamily, NonNullable<(typeof PAIRS)[ContinuousFamily]>][]) {
    for (const [qFamily, kernel] of Object.entries(row) as [ContinuousFamily, NonNullable<(typeof row)[ContinuousFamily]>][]) {
      it(`KL(${pFamily} ‖ ${qFamily}) is ≥ 0 or +∞ with a reason`, () => {
        fc.assert(
          fc.property(ARBITRARY[pFamily], ARBITRARY[qFamily], (p, q) => {
            const result = kernel.kl(p, q);
            if (result.kind === 'infinite') return (result.reason === 'support' ? result.support : result.condition).length > 0;
            return result.nats >= 0;
          }),
          { numRuns: 200 },
        );
      });
    }
  }

  for (const family of Object.keys(PARAMETER_NAMES) as ContinuousFamily[]) {
    const kernel = PAIRS[family]?.[family];
    // A bound moved by 8 ulps of max(|low|, |high|) changes the width by up to 1.8e-15 (|low| + |high|) of itself.
    const bound = (p: Record<string, number>): number =>
      family === 'uniform' ? (2e-15 * (Math.abs(p.low) + Math.abs(p.high))) / (p.high - p.low) : family === 'pareto' ? 1e-13 : 1e-18;
    it(`KL(${family} ‖ ${family}) is 0 at equal parameters and ≥ 0, small a few ulps apart`, () => {
      fc.assert(
        fc.property(ARBITRARY[family], fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 2, maxLength: 2 }), (p, steps) => {
          const same = kernel!.kl(p, p);
          expect(same).toEqual({ kind: 'finite', nats: 0 });
          const close = kernel!.kl(p, nudged(p, steps));
          if (close.kind === 'infinite') return close.reason === 'support';
          expect(close.nats).toBeGreaterThanOrEqual(0);
          expect(close.nats).toBeLessThan(bound(p));
          return true;
        }),
        { numRuns: 200 },
      );
    });
  }
});
