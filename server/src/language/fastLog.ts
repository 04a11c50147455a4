// The natural logarithm for the measures' long loops. V8 calls out of line
// for Math.log (about 12 ns a call here); this one is small enough to be
// inlined into the loop and takes about a third of that, within 1.5 ulp of
// Math.log (test/performance/fastLog.test.ts checks it).
//
// Tang's table method: x = 2^k · m with m in [1, 2); c = 1 + j/256 is the
// nearest of 257 centres; m = c·(1 + u) with |u| ≤ 2^-9, so
//   ln x = k·ln 2 + ln c + ln(1 + u),
// ln(1 + u) by its Taylor series to u^6 (the next term is below 2^-54 of u).
// A centre above √2 is taken as c/2 with k + 1, so that k·ln 2 and ln c never
// cancel (|ln c| ≤ ½ ln 2); near x = 1 the centre is 1 (or 2, folded to 1)
// and u = m − 1 is exact, so ln x keeps its relative accuracy there.
// Zero, subnormals, negatives, infinities and NaN go to Math.log.

/** ln 2 split so that k · LN2_HI is exact for every exponent k (its low 32 bits are zero). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;

const THIRD = 1 / 3;
const SIXTH = 1 / 6;

const CENTRES = 257;
const INVERSE_CENTRE = new Float64Array(CENTRES);
const LOG_CENTRE = new Float64Array(CENTRES);
const FOLD = new Float64Array(CENTRES);
for (let j = 0; j < CENTRES; j++) {
  const centre = 1 + j / 256;
  const folded = centre > Math.SQRT2;
  INVERSE_CENTRE[j] = 1 / centre;
  FOLD[j] = folded ? 1 : 0;
  LOG_CENTRE[j] = Math.log(folded ? centre / 2 : centre);
}

/** 2^(1023 − e) for each biased exponent e of a normal double: x · SCALE[e] is x's mantissa in [1, 2), exactly. */
const SCALE = new Float64Array(2047);
for (let e = 1; e < 2047; e++) SCALE[e] = 2 ** (1023 - e);

/** The bits of a double, read through a one-element buffer (its high word holds the sign and exponent). */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f ? 1 : 0;

export function fastLog(x: number): number {
  bits[0] = x;
  const high = words[HIGH_WORD];
  if (high < 0x00100000 || high >= 0x7ff00000) return Math.log(x);
  const exponent = high >>> 20;
  const mantissa = x * SCALE[exponent];
  const j = (((high >>> 11) & 0x1ff) + 1) >>> 1;
  // mantissa − 1 and j/256 are on the same 2^-52 grid: their difference is exact.
  const u = (mantissa - 1 - j / 256) * INVERSE_CENTRE[j];
  const k = exponent - 1023 + FOLD[j];
  const u2 = u * u;
  const log1pU = u - u2 * (0.5 - u * THIRD + u2 * (0.25 - u * 0.2 + u2 * SIXTH));
  return k * LN2_HI + LOG_CENTRE[j] + (log1pU + k * LN2_LO);
}
