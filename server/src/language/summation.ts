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

export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    compensation += roundingOf(sum, x, t);
    sum = t;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}
