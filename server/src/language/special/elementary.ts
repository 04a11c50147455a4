// Elementary functions written without cancellation. The families' closed
// forms are built from them so that a divergence of 1e-20 between near-equal
// parameters keeps its relative accuracy (docs/families.md, "Accuracy").

/** e^x − 1 − x, ≥ 0 for every x: the gap of the exponential above its tangent at 0. */
export function expm1MinusX(x: number): number {
  if (Math.abs(x) >= 0.5) return Math.expm1(x) - x;
  // Taylor series x²/2! + x³/3! + …; at |x| < 0.5 the term x^17/17! is below 2^-53 of x²/2.
  let term = (x * x) / 2;
  let sum = term;
  for (let k = 3; k <= 18; k++) {
    term *= x / k;
    sum += term;
  }
  return sum;
}

/** ln(1 + x) − x, ≤ 0 for every x > −1: the gap of the logarithm below its tangent at 1. */
export function log1pMinusX(x: number): number {
  if (Math.abs(x) >= 0.5) return Math.log1p(x) - x;
  // With y = x/(2 + x): ln(1 + x) = 2 atanh y = 2(y + y³/3 + y⁵/5 + …) and
  // x − 2y = 2y²/(1 − y), so ln(1 + x) − x = 2y³(1/3 + y²/5 + …) − 2y²/(1 − y),
  // whose two parts never cancel by more than a factor 9/8 (|y| ≤ 1/3).
  const y = x / (2 + x);
  const y2 = y * y;
  let series = 0;
  for (let k = 41; k >= 3; k -= 2) series = 1 / k + y2 * series;
  return 2 * y * y2 * series - (2 * y2) / (1 - y);
}

/** ln(a / b) for a, b > 0, accurate when a ≈ b (a − b is exact there, Sterbenz) and when a / b would overflow. */
export function logRatio(a: number, b: number): number {
  const ratio = a / b;
  if (ratio >= 0.5 && ratio <= 2) return Math.log1p((a - b) / b);
  if (ratio > 0 && Number.isFinite(ratio)) return Math.log(ratio);
  return Math.log(a) - Math.log(b);
}

/** x ln x, with the convention 0 · ln 0 = 0. */
export function xLogX(x: number): number {
  return x === 0 ? 0 : x * Math.log(x);
}

/** Veltkamp's splitting constant 2^27 + 1, for the exact product below. */
const SPLIT = 134217729;

/** The rounding error of a · b: a · b = fl(a · b) + productError(a, b) exactly (Dekker), barring overflow. */
function productError(a: number, b: number, product: number): number {
  const aBig = SPLIT * a;
  const aHigh = aBig - (aBig - a);
  const aLow = a - aHigh;
  const bBig = SPLIT * b;
  const bHigh = bBig - (bBig - b);
  const bLow = b - bHigh;
  return aLow * bLow - (((product - aHigh * bHigh) - aLow * bHigh) - aHigh * bLow);
}

/**
 * ln(a · b / c) for a, b, c > 0, accurate when a · b ≈ c: the product is
 * carried exactly in two doubles, so a ratio of 1 + 1e-12 keeps its digits
 * (rounding a · b first would leave only four of them).
 */
export function logRatioOfProduct(a: number, b: number, c: number): number {
  const product = a * b;
  const ratio = product / c;
  if (!(ratio >= 0.5 && ratio <= 2) || !Number.isFinite(product) || product < 1e-290) return Math.log(a) + Math.log(b) - Math.log(c);
  return Math.log1p((product - c + productError(a, b, product)) / c);
}

/** a · b − c · d, with both products carried exactly (Dekker), for differences of near-equal products. */
export function differenceOfProducts(a: number, b: number, c: number, d: number): number {
  const first = a * b;
  const second = c * d;
  return first - second + (productError(a, b, first) - productError(c, d, second));
}
