// The continuous families' kernels against mpmath (test/fixtures/families.json,
// from make_families.py: torch's closed forms at 100 digits, most of them also
// integrated numerically): entropies, KL(P ‖ Q) for every pair torch
// registers, +∞ with its reason, and the partial derivatives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Partials } from '../../server/src/language/families/kernels/divergence';
import { ENTROPIES, PAIRS, PARAMETER_NAMES, type ContinuousFamily } from '../../server/src/language/families/kernels/registry';

interface EntropyCase { family: ContinuousFamily; p: Record<string, number>; value: string; gradient: Record<string, string>; tags: string[] }
interface PairCase {
  p: ContinuousFamily; q: ContinuousFamily; pp: Record<string, number>; qp: Record<string, number>;
  kl: string; reason?: 'support' | 'moment'; gradient?: { p: Record<string, string>; q: Record<string, string> }; tags: string[];
}
const FIXTURES = JSON.parse(readFileSync(join(__dirname, '../fixtures/families.json'), 'utf8')) as { entropies: EntropyCase[]; pairs: PairCase[] };

// 1e-12 relative. An entropy is c + ln(scale): it crosses 0 where the scale
// is e^−c, and there its error is absolute (a few ulps of the terms), so
// entropies are held to 1e-12 · max(|H|, 1).
const RELATIVE = 1e-12;
// A gradient is held to 1e-10 of its largest component (the norm-wise
// relative error): each partial is a difference of terms of the size of the
// others, so a single component near 0 carries the others' rounding. Plus
// 1e-30, the reference's own error (mpmath.diff at 60 digits): at P = Q
// the partials are 0 and mpmath's are 1e-40.
// Two written exceptions:
// - near-equal pairs (KL ≈ 1e-20): the partials are ≈ 1e-11, differences
//   of terms of order 1 (ψ(kq) − ψ(kp), 1/λ − k/r), held to 1e-13 absolute;
// - extreme parameters (1e-8, 1e8, shapes 1e4): held to 1e-8 of the largest
//   component (uniform(0, 1e-8) against gumbel: ∂/∂low = 1/w − a term
//   within 1e-8 of it; beta(1e4, 1e4) ‖ beta(3e4, 3e4): ψ differences of
//   ln 3 that cancel to 1.7e-5).
const GRADIENT = 1e-10;
const GRADIENT_FLOOR = 1e-30;
const NEAR_EQUAL_GRADIENT = 1e-13;
const EXTREME_GRADIENT = 1e-8;

function relativeError(actual: number, expected: string): number {
  const reference = Number(expected);
  if (actual === reference) return 0;
  return Math.abs(actual - reference) / Math.abs(reference);
}

function gradientFailures(label: string, actual: Partials, expected: Record<string, string>, tags: string[] = []): string[] {
  const size = Math.max(...Object.values(expected).map((value) => Math.abs(Number(value))));
  const allowed = tags.includes('near-equal') ? NEAR_EQUAL_GRADIENT : (tags.includes('extreme') ? EXTREME_GRADIENT : GRADIENT) * size + GRADIENT_FLOOR;
  return Object.entries(expected)
    .filter(([name, value]) => !(Math.abs(actual[name] - Number(value)) <= allowed))
    .map(([name, value]) => `${label} ∂/∂${name} = ${actual[name]}, mpmath ${value}`);
}

function describeCase(c: PairCase): string {
  return `KL(${c.p}(${Object.values(c.pp).join(', ')}) ‖ ${c.q}(${Object.values(c.qp).join(', ')}))`;
}

describe('entropies against mpmath', () => {
  for (const family of Object.keys(PARAMETER_NAMES) as ContinuousFamily[]) {
    const cases = FIXTURES.entropies.filter((c) => c.family === family);
    it(`H(${family}) on ${cases.length} parameter sets is within 1e-12 · max(|H|, 1), and so is its gradient`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        const actual = ENTROPIES[family].entropy(c.p);
        const reference = Number(c.value);
        if (!(Math.abs(actual - reference) <= RELATIVE * Math.max(Math.abs(reference), 1))) failures.push(`H(${family}${JSON.stringify(c.p)}) = ${actual}, mpmath ${c.value}`);
        failures.push(...gradientFailures(`H(${family}${JSON.stringify(c.p)})`, ENTROPIES[family].gradient(c.p), c.gradient, c.tags));
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('KL of every registered pair against mpmath', () => {
  const pairs = [...new Set(FIXTURES.pairs.map((c) => `${c.p}|${c.q}`))];
  for (const pair of pairs) {
    const [pFamily, qFamily] = pair.split('|') as [ContinuousFamily, ContinuousFamily];
    const cases = FIXTURES.pairs.filter((c) => c.p === pFamily && c.q === qFamily);
    it(`KL(${pFamily} ‖ ${qFamily}) on ${cases.length} cases is within 1e-12 relative, +∞ where torch says so`, () => {
      const kernel = PAIRS[pFamily]?.[qFamily];
      expect(kernel, `no kernel for ${pair}`).toBeDefined();
      const failures: string[] = [];
      for (const c of cases) {
        const result = kernel!.kl(c.pp, c.qp);
        if (c.kl === 'Infinity') {
          if (result.kind !== 'infinite' || result.reason !== c.reason) failures.push(`${describeCase(c)}: ${JSON.stringify(result)}, expected +∞ (${c.reason})`);
          continue;
        }
        if (result.kind !== 'finite') {
          failures.push(`${describeCase(c)}: ${JSON.stringify(result)}, mpmath ${c.kl}`);
          continue;
        }
        if (!(relativeError(result.nats, c.kl) <= RELATIVE)) failures.push(`${describeCase(c)} = ${result.nats}, mpmath ${c.kl}`);
        const gradient = kernel!.gradient!(c.pp, c.qp);
        failures.push(...gradientFailures(`${describeCase(c)} P`, gradient.p, c.gradient!.p, c.tags));
        failures.push(...gradientFailures(`${describeCase(c)} Q`, gradient.q, c.gradient!.q, c.tags));
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('the fixtures cover the registry', () => {
  it('has a case for every pair in PAIRS and a kernel for every pair in the fixtures', () => {
    const registered = Object.entries(PAIRS).flatMap(([p, row]) => Object.keys(row ?? {}).map((q) => `${p}|${q}`)).sort();
    const fixtured = [...new Set(FIXTURES.pairs.map((c) => `${c.p}|${c.q}`))].sort();
    expect(fixtured).toEqual(registered);
  });

  it('has near-equal cases (KL about 1e-20) for every same-family pair and the nested cross pairs', () => {
    const near = new Set(FIXTURES.pairs.filter((c) => c.tags.includes('near-equal') && !c.tags.includes('equal')).map((c) => `${c.p}|${c.q}`));
    for (const family of Object.keys(PARAMETER_NAMES)) expect(near.has(`${family}|${family}`), family).toBe(true);
    for (const pair of ['gamma|exponential', 'exponential|gamma', 'beta|uniform', 'uniform|beta']) expect(near.has(pair), pair).toBe(true);
    // A support bound moved by 1e-10 (uniform's low and high, pareto's scale,
    // the uniform that holds a beta) costs KL to first order, ln(1 + 1e-10);
    // every other parameter, to second order.
    const firstOrder = (c: PairCase) => c.q === 'uniform' || c.p === 'pareto';
    const values = FIXTURES.pairs.filter((c) => c.tags.includes('near-equal') && !c.tags.includes('equal') && !firstOrder(c)).map((c) => Number(c.kl));
    expect(Math.max(...values)).toBeLessThan(1e-19);
  });
});
