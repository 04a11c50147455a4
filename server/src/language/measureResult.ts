// What a measure's kernel returns: read by the short-vector kernels (measures.ts)
// and the long-vector ones (longMeasures.ts), which neither imports the other for it.
export interface MeasureResult {
  value: number;
  /** The first outcome (0-based) with p > 0 and q = 0, when the value is +∞ for that reason. */
  infiniteAt?: number;
}
