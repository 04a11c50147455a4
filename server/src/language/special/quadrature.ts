// Gauss–Legendre quadrature along a segment of parameters, for the
// divergences that are integrals of a positive curvature (a Bregman
// divergence D(q, p) = ∫₀¹ (1 − τ) δᵀ∇²A(p + τδ) δ dτ, δ = q − p): summing
// positive terms keeps relative accuracy where A(q) − A(p) − ∇A(p)·δ loses it.
//
// The integrands have poles where a parameter reaches 0, so the segment is
// cut where any parameter has grown or shrunk by a factor 1.5 since the last
// cut: on each piece the pole is at least 2 half-widths beyond its ends, and
// 12 nodes leave an error below (2 + √3)^-24 ≈ 2e-14 of the piece, in
// practice far less (test/families/special.test.ts).

const NODES = 12;

/** The nodes and weights of the 12-point Gauss–Legendre rule on [−1, 1], by Newton's method on P₁₂. */
function legendreRule(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let previous = 1;
      let current = x;
      for (let k = 2; k <= n; k++) {
        const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
        previous = current;
        current = next;
      }
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-17) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

const RULE = legendreRule(NODES);
const GROWTH = 1.5;

/** The fractions τ in (0, 1) where the parameter going linearly from `from` to `to` (both > 0) crosses from · 1.5^±k. */
function cutsOf(from: number, to: number): number[] {
  const cuts: number[] = [];
  if (from === to) return cuts;
  const up = to > from;
  let level = up ? from * GROWTH : from / GROWTH;
  while (up ? level < to : level > to) {
    cuts.push((level - from) / (to - from));
    level = up ? level * GROWTH : level / GROWTH;
  }
  return cuts;
}

/**
 * ∫₀¹ integrand(τ) dτ, where integrand is analytic except at poles where one
 * of the parameters from[i] + τ (to[i] − from[i]) reaches 0.
 */
export function integrateAlongSegment(from: readonly number[], to: readonly number[], integrand: (tau: number) => number): number {
  const cuts = [0, ...from.flatMap((start, i) => cutsOf(start, to[i])).sort((x, y) => x - y), 1];
  let total = 0;
  for (let piece = 0; piece + 1 < cuts.length; piece++) {
    const low = cuts[piece];
    const high = cuts[piece + 1];
    if (!(high > low)) continue;
    const half = (high - low) / 2;
    const middle = (high + low) / 2;
    let sum = 0;
    for (let i = 0; i < NODES; i++) sum += RULE.weights[i] * integrand(middle + half * RULE.nodes[i]);
    total += half * sum;
  }
  return total;
}
