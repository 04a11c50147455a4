// Neumaier's compensated summation: the rounding error of each addition is
// carried separately, so long sums of mixed magnitudes keep their last digits.

/** What `sum` = a + b lost to rounding, exactly: the smaller one's digits that did not fit. */
export function roundingOf(a: number, b: number, sum: number): number {
  return Math.abs(a) >= Math.abs(b) ? a - sum + b : b - sum + a;
}

export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    this.compensation += roundingOf(this.sum, x, t);
    this.sum = t;
  }

  get value(): number {
    // Past an infinity the compensation is ∞ − ∞ = NaN; the sum itself is the answer.
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}

/**
 * Σ values, compensated. Where the running sum leaves the doubles although
 * every value is finite ([1e308, 1e308, −1e308]), it is taken again over the
 * values times 2^-64 (exact, a power of two: only values below 2^-958 lose
 * digits, far below anything that overflowed), and scaled back: ±∞ only when
 * the sum itself is beyond the largest double.
 */
export function compensatedSum(values: ArrayLike<number>): number {
  const sum = compensatedSumTimes(values, 1);
  if (Number.isFinite(sum) || !allFinite(values)) return sum;
  return compensatedSumTimes(values, OVERFLOW_SCALE) / OVERFLOW_SCALE;
}

/** A power of two that keeps a sum of up to 2^40 finite doubles in range. */
export const OVERFLOW_SCALE = 2 ** -64;

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Σ values·scale, compensated (each product rounded once, exact for a power of two). */
export function compensatedSumTimes(values: ArrayLike<number>, scale: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] * scale;
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}
