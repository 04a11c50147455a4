// Natural logarithms of BigNumbers at many digits, for bigMeasures.ts.
// decimal.js's own ln converges slowly (0.2–0.4 s a logarithm at 1000 digits
// here) and refuses more than 1025 digits (the length of its stored ln 10).
// Here x = y · 2^-a · 3^-b · 5^-c with y within about 3·10^-4 of 1, so that
//   ln x = 2·atanh((y − 1)/(y + 1)) − a·ln 2 − b·ln 3 − c·ln 5,
// whose series gains 7 digits a term; ln 2, ln 3 and ln 5 come from three
// Machin-like atanh series (atanh 1/31, 1/49, 1/161), once per precision.
// Near 1, x − 1 is taken as it is (no reduction), so ln x keeps its digits
// relative to its own size; lnOnePlus(x) keeps them for x given exactly.
import type { BigNumber, BigNumberMath } from './mathInstance';

interface PrimeLogarithms {
  ln2: BigNumber;
  ln3: BigNumber;
  ln5: BigNumber;
}

const constants = new Map<number, PrimeLogarithms>();
const MAX_CACHED_PRECISIONS = 8;

/** How far b and c range in the reduction: 41² products 3^b·5^c, about ln 2/1681 apart once folded by powers of 2. */
const REACH = 20;
const LN2 = Math.LN2;
const LN3 = Math.log(3);
const LN5 = Math.log(5);
const LN10 = Math.LN10;

/** Each (b, c) with the fractional part of (b·ln 3 + c·ln 5)/ln 2, sorted by it: the reduction's table. */
const FOLDED = (() => {
  const entries: { b: number; c: number; fraction: number }[] = [];
  for (let b = -REACH; b <= REACH; b++) {
    for (let c = -REACH; c <= REACH; c++) {
      const turns = (b * LN3 + c * LN5) / LN2;
      entries.push({ b, c, fraction: turns - Math.floor(turns) });
    }
  }
  return entries.sort((x, y) => x.fraction - y.fraction);
})();

/**
 * The a, b, c for which ln x + a·ln 2 + b·ln 3 + c·ln 5 is nearest 0, given
 * ln x: the entry of FOLDED whose fraction best completes ln x/ln 2 to a whole
 * number (a binary search, then its two neighbours), and a from it.
 */
function reduction(lnX: number): { a: number; b: number; c: number } {
  const turns = lnX / LN2;
  const wanted = Math.ceil(turns) - turns;
  let low = 0;
  let high = FOLDED.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (FOLDED[middle].fraction < wanted) low = middle + 1;
    else high = middle;
  }
  let best = { a: 0, b: 0, c: 0, residual: Infinity };
  for (const index of [low - 1, low, 0, FOLDED.length - 1]) {
    const entry = FOLDED[index];
    if (!entry) continue;
    const partial = lnX + entry.b * LN3 + entry.c * LN5;
    const a = Math.round(-partial / LN2);
    const residual = Math.abs(partial + a * LN2);
    if (residual < best.residual) best = { a, b: entry.b, c: entry.c, residual };
  }
  return best;
}

/** Logarithms at a working precision: `digits` must be the instance's precision. */
export interface BigLogarithms {
  /** ln x for x > 0. */
  ln(x: BigNumber): BigNumber;
  /** ln(1 + x) for x > −1, keeping the digits of x however small it is: 2·atanh(x/(2 + x)). */
  lnOnePlus(x: BigNumber): BigNumber;
}

export function bigLogarithms(math: BigNumberMath, digits: number): BigLogarithms {
  const big = (n: number) => math.bignumber(n) as BigNumber;
  const [two, three, five] = [big(2), big(3), big(5)];
  // A term of a series below this fraction of its sum changes nothing at `digits` digits.
  const negligible = big(10).pow(-digits - 2);

  /**
   * Σ s^(2k+1)/(2k + 1) = atanh(s), for |s| < 1, until a term is negligible.
   * The k-th term is about s^2k of the sum, so it needs 2k·log10(1/|s|) fewer
   * digits than the sum: the powers are kept to the digits their terms need,
   * which makes the products (the series' cost) about three times cheaper.
   */
  const atanh = (s: BigNumber): BigNumber => {
    if (s.isZero()) return s;
    const ss = s.times(s);
    const limit = s.abs().times(negligible);
    // Digits each term loses against the first; an underflowing double estimate means many.
    const decay = Math.min(-Math.log10(Math.abs(ss.toNumber())), digits) || digits;
    let power = s;
    let sum = s;
    for (let k = 1; ; k++) {
      const needed = Math.max(digits + 3 - Math.floor(k * decay), 4);
      power = power.times(ss.toSignificantDigits(needed)).toSignificantDigits(needed);
      const term = power.div(2 * k + 1);
      if (term.abs().lt(limit)) return sum;
      sum = sum.plus(term);
    }
  };

  /** atanh(1/n): each power is the last divided by n², a short division, not a product of two long numbers. */
  const atanhOfReciprocal = (n: number): BigNumber => {
    let power = big(1).div(n);
    let sum = power;
    const limit = power.times(negligible);
    for (let k = 1; ; k++) {
      power = power.div(n * n);
      const term = power.div(2 * k + 1);
      if (term.lt(limit)) return sum;
      sum = sum.plus(term);
    }
  };

  const primes = (): PrimeLogarithms => {
    let cached = constants.get(digits);
    if (cached) return cached;
    const [u, v, w] = [31, 49, 161].map(atanhOfReciprocal);
    const combination = (i: number, j: number, k: number) => u.times(i).plus(v.times(j)).plus(w.times(k));
    cached = { ln2: combination(14, 10, 6), ln3: combination(22, 16, 10), ln5: combination(32, 24, 14) };
    if (constants.size >= MAX_CACHED_PRECISIONS) constants.delete(constants.keys().next().value as number);
    constants.set(digits, cached);
    return cached;
  };

  const lnOnePlus = (x: BigNumber): BigNumber => {
    if (x.isZero()) return x;
    if (x.abs().gt(0.02)) return ln(x.plus(1));
    return atanh(x.div(x.plus(2))).times(2);
  };

  const ln = (x: BigNumber): BigNumber => {
    // ln 0 = −∞, ln ∞ = ∞, NaN for a negative x or NaN, as decimal.js's own ln: never a series that cannot end.
    if (!x.isFinite() || !x.isPositive() || x.isZero()) return x.isZero() ? big(-Infinity) : x.isPositive() ? x : big(NaN);
    const estimate = lnEstimate(x);
    // Near 1 the reduction would cost relative digits: ln x = ln(1 + (x − 1)), x − 1 exact for a literal.
    if (Math.abs(estimate) < 0.01) return lnOnePlus(x.minus(1));
    const { a, b, c } = reduction(estimate);
    const y = x.times(two.pow(a)).times(three.pow(b)).times(five.pow(c));
    const { ln2, ln3, ln5 } = primes();
    return atanh(y.minus(1).div(y.plus(1))).times(2).minus(ln2.times(a)).minus(ln3.times(b)).minus(ln5.times(c));
  };

  return { ln, lnOnePlus };
}

/** ln x to about 1e-12, from its decimal exponent and leading digits: a BigNumber may be far below the doubles (e^-1000). */
function lnEstimate(x: BigNumber): number {
  const [mantissa, exponent] = x.toExponential(17).split('e');
  return Math.log(Number(mantissa)) + Number(exponent) * LN10;
}
