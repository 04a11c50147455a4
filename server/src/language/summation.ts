// Neumaier's compensated summation: the rounding error of each addition is
// carried separately, so long sums of mixed magnitudes keep their last digits.

export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
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
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}
