// The logarithm of the long-vector measures: within 2 ulp of Math.log (itself
// within 1 ulp of ln) over every range of doubles, exact where ln is exact.
import { describe, expect, it } from 'vitest';
import { fastLog } from '../../server/src/language/fastLog';

/** How many doubles lie between a and b (same sign). */
function ulpDistance(a: number, b: number): number {
  const bits = new BigInt64Array(Float64Array.of(a, b).buffer);
  const distance = bits[0] - bits[1];
  return Number(distance < 0n ? -distance : distance);
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

describe('fastLog', () => {
  it('agrees with Math.log within 2 ulp on doubles of every magnitude', () => {
    const next = random(7);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = Math.exp((next() - 0.5) * 1400) * (1 + next());
      worst = Math.max(worst, ulpDistance(fastLog(x), Math.log(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('keeps its relative accuracy next to 1, on both sides (where ln x is tiny)', () => {
    const next = random(11);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = 1 + (next() - 0.5) * 2 ** (-60 * next());
      worst = Math.max(worst, ulpDistance(fastLog(x), Math.log(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('is exact at 1 and at powers of two, up to the rounding of k·ln 2', () => {
    expect(fastLog(1)).toBe(0);
    for (let k = -1022; k <= 1023; k += 7) expect(ulpDistance(fastLog(2 ** k), Math.log(2 ** k))).toBeLessThanOrEqual(1);
  });

  it('hands zero, subnormals, negatives, infinities and NaN to Math.log', () => {
    for (const x of [0, -0, 5e-324, 1e-310, -1, -Infinity, Infinity, NaN]) expect(Object.is(fastLog(x), Math.log(x))).toBe(true);
  });
});
