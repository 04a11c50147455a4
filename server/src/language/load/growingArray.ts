// Numbers appended one by one into a Float64Array that doubles when full: the
// text readers do not know the count in advance and must not build a JS array
// of millions of boxed entries.
export class GrowingArray {
  private data = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  finished(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
