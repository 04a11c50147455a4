// The special functions behind the families' closed forms, against mpmath
// (test/fixtures/special.json, from make_special.py): 1e-14 relative over
// each function's whole range, the asymptotic pieces from x = 10 to 1e300.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digamma, digammaDifference, trigamma, trigammaMinusReciprocal } from '../../server/src/language/special/digamma';
import { differenceOfProducts, expm1MinusX, log1pMinusX, logRatio, logRatioOfProduct } from '../../server/src/language/special/elementary';
import { logBeta } from '../../server/src/language/special/logBeta';
import { digammaTimesXMinusLogGamma, logGamma, logGammaOnePlus, logGammaTaylorTail } from '../../server/src/language/special/logGamma';
import { digammaTail, stirlingRemainder, trigammaTail } from '../../server/src/language/special/stirling';

type Row = [number | number[], string];
const FIXTURES = JSON.parse(readFileSync(join(__dirname, '../fixtures/special.json'), 'utf8')) as Record<string, Row[]>;

const RELATIVE = 1e-14;
// A subnormal result (below 2.2e-308: the tails of ψ and ψ′ past x = 1.3e154)
// has fewer than 53 bits; it is held to one unit of the smallest subnormal.
const SUBNORMAL = Number.MIN_VALUE;

/** The worst relative error of `compute` over a fixture group, and the rows beyond `tolerance(expected)`. */
function errors(group: string, compute: (...args: number[]) => number, scale: (...args: number[]) => number = () => 0) {
  let worst = 0;
  const failures: string[] = [];
  for (const [args, text] of FIXTURES[group]) {
    const inputs = Array.isArray(args) ? args : [args];
    const expected = Number(text);
    const actual = compute(...inputs);
    const error = Math.abs(actual - expected);
    const relative = expected === 0 ? error : error / Math.abs(expected);
    if (Number.isFinite(expected) && Number.isFinite(relative)) worst = Math.max(worst, relative);
    const ok = actual === expected || error <= RELATIVE * Math.max(Math.abs(expected), scale(...inputs)) + SUBNORMAL;
    if (!ok) failures.push(`${group}(${inputs.join(', ')}) = ${actual}, mpmath ${text}`);
  }
  return { worst, failures };
}

const CASES: [string, (...args: number[]) => number][] = [
  ['logGamma', logGamma],
  ['digamma', digamma],
  ['trigamma', trigamma],
  ['trigammaMinusReciprocal', trigammaMinusReciprocal],
  ['logGammaTaylorTail', logGammaTaylorTail],
  ['logGammaOnePlus', logGammaOnePlus],
  ['stirlingRemainder', stirlingRemainder],
  ['digammaTail', digammaTail],
  ['trigammaTail', trigammaTail],
  ['expm1MinusX', expm1MinusX],
  ['log1pMinusX', log1pMinusX],
  ['logRatio', logRatio],
  ['digammaTimesXMinusLogGamma', digammaTimesXMinusLogGamma],
  ['digammaDifference', digammaDifference],
  ['logRatioOfProduct', logRatioOfProduct],
];

describe('special functions against mpmath', () => {
  for (const [group, compute] of CASES) {
    it(`${group} is within 1e-14 relative on ${FIXTURES[group].length} arguments`, () => {
      const { failures } = errors(group, compute);
      expect(failures).toEqual([]);
    });
  }

  // Near ψ's zero x₀ = 1.46163… the Taylor series at x₀ keeps ψ's relative
  // accuracy: 1e-14 relative holds down to x₀ ± 1e-15 (ψ ≈ 1e-15).
  it('digamma near its zero x₀ ≈ 1.4616 is within 1e-14 relative', () => {
    const { failures } = errors('digammaNearRoot', digamma);
    expect(failures).toEqual([]);
  });

  // ln B(a, b) for a < 10 ≤ b is ln Γ(a) − a ln(a + b) + (small terms); for
  // a ≈ 0.1 and b ≈ 1e10 those two nearly cancel (2.2527 − 2.3026), and
  // ln B's condition number in a is a(ψ(a) − ψ(a + b))/ln B ≈ 67 there, so
  // no grouping of the series keeps 1e-14 of ln B itself. The criterion is
  // 1e-14 of the larger of |ln B| and |ln Γ(min(a, b))|.
  it('logBeta is within 1e-14 relative of max(|ln B|, |ln Γ(min(a, b))|)', () => {
    const { failures } = errors('logBeta', logBeta, (a, b) => Math.abs(logGamma(Math.min(a, b))));
    expect(failures).toEqual([]);
  });

  // a·b − c·d is ill-conditioned where the products cancel; with them exact
  // the one rounding left is that of the final sum (plus the products'
  // underflow, far away here): 1e-14 of the result.
  it('differenceOfProducts is within 1e-14 relative, however much the products cancel', () => {
    const { failures } = errors('differenceOfProducts', differenceOfProducts);
    expect(failures).toEqual([]);
  });
});

describe('special functions outside their domain', () => {
  it('are NaN at zero, negative and NaN arguments', () => {
    for (const x of [0, -1, -0.5, Number.NaN]) {
      expect(logGamma(x)).toBeNaN();
      expect(digamma(x)).toBeNaN();
      expect(trigamma(x)).toBeNaN();
      expect(logBeta(x, 1)).toBeNaN();
      expect(logBeta(1, x)).toBeNaN();
    }
  });

  it('take their limits at +∞', () => {
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(digamma(Infinity)).toBe(Infinity);
    expect(trigamma(Infinity)).toBe(0);
    expect(logBeta(2, Infinity)).toBe(-Infinity);
  });
});
