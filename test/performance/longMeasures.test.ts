// A distribution of a million outcomes takes another path through the
// measures (fastLog, nats, converted at the end) than a hand-written one: both
// must give the same numbers, to 1e-13 relative, conventions included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LONG_VECTOR } from '../../server/src/language/longMeasures';
import { crossEntropy, entropy, jensenShannon, klDivergence } from '../../server/src/language/measures';
import { UNIT_LN_BASE } from '../../server/src/language/units';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

function distribution(n: number, next: () => number, zeros = 0): Float64Array {
  const p = Float64Array.from({ length: n }, () => -Math.log(next()));
  for (let i = 0; i < zeros; i++) p[Math.floor(next() * n)] = 0;
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

/** Σ f(i), compensated: the reference sums. */
function reference(n: number, term: (i: number) => number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = term(i);
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** p·ln(p/q) with the library's log1p near p = q. */
function klTerm(p: number, q: number): number {
  if (p === 0) return 0;
  return Math.abs(p - q) < 0.5 * q ? p * Math.log1p((p - q) / q) : p * Math.log(p / q);
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('measures of long vectors', () => {
  const next = random(2024);
  const n = 5 * LONG_VECTOR;
  const p = distribution(n, next, 40);
  const q = distribution(n, next);
  const nearP = p.map((x) => x * (1 + 1e-6 * (next() - 0.5)));

  it.each(['nats', 'bits', 'bans'] as const)('H, CE, KL and JS in %s agree with the library logarithms', (unit) => {
    const ln = UNIT_LN_BASE[unit];
    expect(relative(entropy(p, unit).value, reference(n, (i) => (p[i] === 0 ? 0 : -p[i] * Math.log(p[i]))) / ln)).toBeLessThan(1e-13);
    expect(relative(crossEntropy(p, q, unit).value, reference(n, (i) => (p[i] === 0 ? 0 : -p[i] * Math.log(q[i]))) / ln)).toBeLessThan(1e-13);
    expect(relative(klDivergence(p, q, unit).value, reference(n, (i) => klTerm(p[i], q[i])) / ln)).toBeLessThan(1e-13);
    const m = (i: number) => 0.5 * p[i] + 0.5 * q[i];
    expect(relative(jensenShannon(p, q, unit).value, reference(n, (i) => 0.5 * klTerm(p[i], m(i)) + 0.5 * klTerm(q[i], m(i))) / ln)).toBeLessThan(1e-13);
  });

  it('an odd count, and chunks (4096 outcomes a call) that end inside the vector: the same sums', () => {
    // 5119 outcomes: one chunk of 4096 and an odd one of 1023, whose first outcome goes to a lane alone.
    const po = p.subarray(1);
    const qo = q.subarray(1);
    const m = po.length;
    expect(relative(entropy(po, 'nats').value, reference(m, (i) => (po[i] === 0 ? 0 : -po[i] * Math.log(po[i]))))).toBeLessThan(1e-13);
    expect(relative(crossEntropy(po, qo, 'nats').value, reference(m, (i) => (po[i] === 0 ? 0 : -po[i] * Math.log(qo[i]))))).toBeLessThan(1e-13);
    expect(relative(klDivergence(po, qo, 'nats').value, reference(m, (i) => klTerm(po[i], qo[i])))).toBeLessThan(1e-13);
    const gap = qo.slice();
    gap[4500] = 0;
    const withMass = po.slice();
    withMass[4500] = 0.001;
    expect(crossEntropy(withMass, gap, 'nats')).toEqual({ value: Infinity, infiniteAt: 4500 });
    expect(klDivergence(withMass, gap, 'nats')).toEqual({ value: Infinity, infiniteAt: 4500 });
  });

  it('KL of nearly equal distributions keeps its digits (the log1p path)', () => {
    const kl = klDivergence(nearP, p, 'nats').value;
    expect(kl).toBeGreaterThan(0);
    expect(relative(kl, reference(n, (i) => klTerm(nearP[i], p[i])))).toBeLessThan(1e-11);
  });

  it('KL agrees with the careful terms from far apart to nearly equal, with zeros and odd lengths (fast loop or its fallback)', () => {
    // Q is P with each outcome scaled by 1 + s·(2u − 1): s from 1e-9 (the careful loop) to 0.99
    // (the fast one), across the edge of the fast loop's error bound near KL ≈ 0.01.
    const regime = fc.record({
      n: fc.integer({ min: LONG_VECTOR, max: LONG_VECTOR + 40 }),
      spread: fc.double({ min: -9, max: Math.log10(0.99), noNaN: true }),
      zeros: fc.constantFrom(0, 0.1, 0.5),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(regime, ({ n, spread, zeros, seed }) => {
        const next = random(seed);
        const p = distribution(n, next, Math.floor(zeros * n));
        const s = 10 ** spread;
        const q = p.map((x) => (x === 0 ? next() / n : x * (1 + s * (2 * next() - 1))));
        const total = q.reduce((a, b) => a + b, 0);
        const nq = q.map((x) => x / total);
        const expected = reference(n, (i) => klTerm(p[i], nq[i]));
        // 1e-12 of the value, or the reference's own rounding where the terms cancel (Σ|term|·1e-15).
        const size = reference(n, (i) => Math.abs(klTerm(p[i], nq[i])));
        expect(Math.abs(klDivergence(p, nq, 'nats').value - expected)).toBeLessThanOrEqual(Math.max(1e-12 * expected, 1e-15 * size));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('JS of nearly equal distributions: the series, to 1e-12 of mpmath, on both paths', () => {
    // mpmath at 50 digits (m = (p + q)/2 exact), rounded to doubles: JS([0.5, 0.5] || [0.500001, 0.499999]) in nats,
    // and the same with 1 − 0.500001 (a different double from 0.499999) for the second outcome.
    expect(relative(jensenShannon(Float64Array.of(0.5, 0.5), Float64Array.of(0.500001, 0.499999), 'nats').value, 5.000000000015834e-13)).toBeLessThan(1e-12);
    // 4096 outcomes, pairs scaled by 2^-11 (exactly): the same value as two outcomes.
    const long = (x: number) => Float64Array.from({ length: 4096 }, (_, i) => (i % 2 === 0 ? x : 1 - x) / 2048);
    expect(relative(jensenShannon(long(0.5), long(0.500001), 'nats').value, 5.00000000029339e-13)).toBeLessThan(1e-12);
  });

  it('a zero in Q where P is positive makes CE and KL infinite, naming the first such outcome', () => {
    const gap = q.slice();
    gap[3000] = 0;
    gap[4000] = 0;
    const withMass = p.slice();
    withMass[3000] = 0.001;
    expect(klDivergence(withMass, gap, 'bits')).toEqual({ value: Infinity, infiniteAt: 3000 });
    expect(crossEntropy(withMass, gap, 'nats')).toEqual({ value: Infinity, infiniteAt: 3000 });
    expect(Number.isFinite(jensenShannon(withMass, gap, 'nats').value)).toBe(true);
  });

  it('disjoint supports: JS is ln 2, and a subnormal q does not overflow p/q', () => {
    const left = new Float64Array(n);
    const right = new Float64Array(n);
    left.fill(2 / n, 0, n / 2);
    right.fill(2 / n, n / 2);
    expect(relative(jensenShannon(left, right, 'bits').value, 1)).toBeLessThan(1e-13);
    const tiny = q.slice();
    tiny[10] = 1e-320;
    expect(relative(klDivergence(p, tiny, 'nats').value, reference(n, (i) => (p[i] === 0 ? 0 : p[i] * (Math.log(p[i]) - Math.log(tiny[i])))))).toBeLessThan(1e-13);
  });

  it('the threshold is invisible: one outcome more or less gives the same kind of number', () => {
    const short = distribution(LONG_VECTOR - 1, next);
    const long = Float64Array.of(...short, 0);
    expect(relative(entropy(long, 'bits').value, entropy(short, 'bits').value)).toBeLessThan(1e-14);
  });
});
