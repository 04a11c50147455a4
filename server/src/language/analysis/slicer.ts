// When an analysis yields: after about SLICE_MILLISECONDS of work, so a
// server stays responsive on huge documents (it answers other requests, and
// drops a stale analysis, between slices). Both walks and the parse of an
// edit ask it, statement by statement.

/** Yield after about this much work. */
const SLICE_MILLISECONDS = 10;

export class Slicer {
  private sliceStart = performance.now();

  /**
   * Whether this slice is over, asked before statement `index`. Reading the
   * clock costs about as much as a reused statement: it is read after real
   * work (`worked`), or every 64 statements.
   */
  due(index: number, worked: boolean): boolean {
    return (worked || (index & 63) === 63) && performance.now() - this.sliceStart > SLICE_MILLISECONDS;
  }

  /** Whether this slice is over, after work that always counts (a parse). */
  dueAfterWork(): boolean {
    return performance.now() - this.sliceStart > SLICE_MILLISECONDS;
  }

  /** A new slice starts: the time spent away, while yielded, is not this slice's. */
  resumed(): void {
    this.sliceStart = performance.now();
  }
}
