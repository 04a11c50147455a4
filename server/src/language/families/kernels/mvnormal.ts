// The multivariate normal N(μ, Σ): parameter check, entropy, KL and their
// derivatives, in nats. Σ is read from its Cholesky factor L (Σ = L·Lᵀ):
// ln det Σ = 2 Σ ln L_ii never forms det Σ, which leaves the doubles at
// d = 50 for variances of 1e-7 or 1e7.
import { choleskyFactor, solveFactored, solveLower, transpose } from './choleskyFactor';
import { log1pMinusX } from '../../special/elementary';

/** The dimensions the family accepts (spec: 1 … 50); the work grows as d³. */
const MAX_MVNORMAL_DIMENSION = 50;

/**
 * How much Σ_ij and Σ_ji may differ, relative to the larger: a Σ computed
 * as A·Aᵀ may round its two triangles differently. The lower triangle is used.
 */
const SYMMETRY_TOLERANCE = 1e-12;

/** A checked N(μ, Σ): Σ symmetric positive definite, with its Cholesky factor. */
export interface MvNormal {
  dimension: number;
  mean: Float64Array;
  /** Σ, row after row, made exactly symmetric from its lower triangle. */
  covariance: Float64Array;
  /** L, lower triangular, L·Lᵀ = Σ. */
  cholesky: Float64Array;
}

/** Why μ and Σ do not make a multivariate normal: a value, with a message the record can show. */
export type MvNormalProblem = { message: string } & (
  | { kind: 'empty' }
  | { kind: 'too-large'; dimension: number }
  | { kind: 'shape'; meanLength: number; rows: number; columns: number }
  | { kind: 'not-finite'; in: 'mu' | 'Sigma'; index: number }
  | { kind: 'not-symmetric'; row: number; column: number }
  | { kind: 'not-positive-definite'; minor: number }
);

/** N(μ, Σ) from a mean vector and a `rows` × `columns` covariance stored row after row, or why not. */
export function mvNormal(mean: Float64Array, covariance: Float64Array, rows: number, columns: number): MvNormal | MvNormalProblem {
  const d = mean.length;
  if (d === 0) return { kind: 'empty', message: 'mvnormal needs a mean with at least one entry.' };
  if (rows !== d || columns !== d || covariance.length !== d * d) {
    return { kind: 'shape', meanLength: d, rows, columns, message: `mvnormal's Sigma must be ${d} × ${d} for a mean of ${d} entries, not ${rows} × ${columns}.` };
  }
  if (d > MAX_MVNORMAL_DIMENSION) return { kind: 'too-large', dimension: d, message: `mvnormal takes at most ${MAX_MVNORMAL_DIMENSION} dimensions, not ${d}.` };
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(mean[i])) return { kind: 'not-finite', in: 'mu', index: i, message: `mvnormal's mu has a non-finite entry at ${i + 1}.` };
  }
  const symmetric = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const lower = covariance[i * d + j];
      const upper = covariance[j * d + i];
      if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
        const index = Number.isFinite(lower) ? j * d + i : i * d + j;
        return { kind: 'not-finite', in: 'Sigma', index, message: `mvnormal's Sigma has a non-finite entry at row ${Math.floor(index / d) + 1}, column ${(index % d) + 1}.` };
      }
      if (Math.abs(lower - upper) > SYMMETRY_TOLERANCE * Math.max(Math.abs(lower), Math.abs(upper))) {
        return { kind: 'not-symmetric', row: i + 1, column: j + 1, message: `mvnormal's Sigma is not symmetric: row ${i + 1}, column ${j + 1} is ${lower} but row ${j + 1}, column ${i + 1} is ${upper}.` };
      }
      symmetric[i * d + j] = lower;
      symmetric[j * d + i] = lower;
    }
  }
  const factor = choleskyFactor(symmetric, d);
  if (factor.kind === 'not-positive-definite') {
    const which = factor.minor === 1 ? 'its first variance is not positive' : `its leading ${factor.minor} × ${factor.minor} block has a determinant ≤ 0 (Cholesky stops there)`;
    return { kind: 'not-positive-definite', minor: factor.minor, message: `mvnormal's Sigma is not positive definite: ${which}.` };
  }
  return { dimension: d, mean: Float64Array.from(mean), covariance: symmetric, cholesky: factor.lower };
}

export function isMvNormalProblem(value: MvNormal | MvNormalProblem): value is MvNormalProblem {
  return 'message' in value;
}

/** Σ ln L_ii = ½ ln det Σ. */
function halfLogDeterminant(distribution: MvNormal): number {
  const { dimension: d, cholesky } = distribution;
  let sum = 0;
  for (let i = 0; i < d; i++) sum += Math.log(cholesky[i * d + i]);
  return sum;
}

/** H = d/2 · (1 + ln 2π) + ½ ln det Σ. */
export function mvNormalEntropy(distribution: MvNormal): number {
  return (distribution.dimension / 2) * (1 + Math.log(2 * Math.PI)) + halfLogDeterminant(distribution);
}

export interface DimensionMismatch {
  kind: 'dimension-mismatch';
  message: string;
}

function dimensionMismatch(p: MvNormal, q: MvNormal): DimensionMismatch {
  return { kind: 'dimension-mismatch', message: `KL of multivariate normals needs one dimension: P has ${p.dimension}, Q has ${q.dimension}.` };
}

/**
 * KL(P ‖ Q) = ½ [tr(Σq⁻¹Σp) − d − ln det(Σq⁻¹Σp) + (μq − μp)ᵀ Σq⁻¹ (μq − μp)].
 *
 * With S = Lq⁻¹ Σp Lq⁻ᵀ = R·Rᵀ (R lower triangular), the trace-and-determinant part is
 * Σ_i (R_ii² − 1 − ln R_ii²) + Σ_{i>j} R_ij², a sum of terms ≥ 0: nothing cancels between terms.
 * Within a term, R_ii near 1 (near-equal Σp and Σq) would lose R_ii − 1, so R = I + F is then
 * factored from E = S − I = Lq⁻¹ (Σp − Σq) Lq⁻ᵀ, whose difference Σp − Σq is exact for
 * near-equal entries, and the term is F_ii² − 2(ln(1 + F_ii) − F_ii), both parts ≥ 0.
 */
export function mvNormalKl(p: MvNormal, q: MvNormal): number | DimensionMismatch {
  if (p.dimension !== q.dimension) return dimensionMismatch(p, q);
  const d = p.dimension;
  const meanDifference = new Float64Array(d);
  for (let i = 0; i < d; i++) meanDifference[i] = p.mean[i] - q.mean[i];
  const whitened = solveLower(q.cholesky, d, meanDifference, 1);
  let mahalanobis = 0;
  for (let i = 0; i < d; i++) mahalanobis += whitened[i] ** 2;
  const covariancePart = nearIdentityPart(p, q) ?? directPart(p, q);
  return 0.5 * (covariancePart + mahalanobis);
}

/**
 * The factor of a pivot below which R = I + F is not near the identity: there
 * E = S − I loses S's small eigenvalues to rounding, and R is taken from Lq⁻¹·Lp.
 */
const NEAR_IDENTITY_PIVOT = 0.25;

/** tr S − d − ln det S from the factor of I + E, E = Lq⁻¹ (Σp − Σq) Lq⁻ᵀ; undefined where S is far from I. */
function nearIdentityPart(p: MvNormal, q: MvNormal): number | undefined {
  const d = p.dimension;
  const difference = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) difference[i] = p.covariance[i] - q.covariance[i];
  // E = Lq⁻¹ Δ Lq⁻ᵀ = Lq⁻¹ (Lq⁻¹ Δ)ᵀ, since Δ is symmetric.
  const excess = solveLower(q.cholesky, d, transpose(solveLower(q.cholesky, d, difference, d), d), d);
  const f = new Float64Array(d * d);
  let sum = 0;
  for (let j = 0; j < d; j++) {
    // R_jj² = 1 + E_jj − Σ_{k<j} F_jk², and F_jj = R_jj − 1.
    let pivotExcess = excess[j * d + j];
    for (let k = 0; k < j; k++) pivotExcess -= f[j * d + k] ** 2;
    if (!(1 + pivotExcess >= NEAR_IDENTITY_PIVOT)) return undefined;
    const diagonal = sqrt1pm1(pivotExcess);
    f[j * d + j] = diagonal;
    sum += diagonal * diagonal - 2 * log1pMinusX(diagonal);
    for (let i = j + 1; i < d; i++) {
      // The lower triangle of E, averaged with the upper one: the two solves round them differently.
      let entry = 0.5 * (excess[i * d + j] + excess[j * d + i]);
      for (let k = 0; k < j; k++) entry -= f[i * d + k] * f[j * d + k];
      const offDiagonal = entry / (1 + diagonal);
      f[i * d + j] = offDiagonal;
      sum += offDiagonal * offDiagonal;
    }
  }
  return sum;
}

/** tr S − d − ln det S from R = Lq⁻¹·Lp, where R_ii = Lp_ii / Lq_ii is far from 1 for some i. */
function directPart(p: MvNormal, q: MvNormal): number {
  const d = p.dimension;
  const ratio = solveLower(q.cholesky, d, p.cholesky, d);
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const diagonal = ratio[i * d + i];
    // ln R_ii from the two factors, not from their ratio, which may leave the doubles.
    sum += diagonal * diagonal - 1 - 2 * (Math.log(p.cholesky[i * d + i]) - Math.log(q.cholesky[i * d + i]));
    for (let j = 0; j < i; j++) sum += ratio[i * d + j] ** 2;
  }
  return sum;
}

/** ∂H/∂μ = 0 and ∂H/∂Σ = ½ Σ⁻¹ (each entry of Σ taken as its own variable). */
export function mvNormalEntropyGradient(distribution: MvNormal): { mean: Float64Array; covariance: Float64Array } {
  const d = distribution.dimension;
  const inverse = solveFactored(distribution.cholesky, d, identity(d), d);
  return { mean: new Float64Array(d), covariance: symmetrized(inverse, d, 0.5) };
}

/** The partial derivatives of KL(P ‖ Q) with respect to each entry of μp, Σp, μq and Σq. */
export interface MvNormalKlGradient {
  meanP: Float64Array;
  covarianceP: Float64Array;
  meanQ: Float64Array;
  covarianceQ: Float64Array;
}

/**
 * With δ = μp − μq and Δ = Σp − Σq:
 * ∂/∂μp = Σq⁻¹ δ = −∂/∂μq;
 * ∂/∂Σp = ½ (Σq⁻¹ − Σp⁻¹) = ½ Σp⁻¹ Δ Σq⁻¹;
 * ∂/∂Σq = ½ (Σq⁻¹ − Σq⁻¹ (Σp + δδᵀ) Σq⁻¹) = −½ Σq⁻¹ (Δ + δδᵀ) Σq⁻¹.
 * The forms with Δ do not subtract two nearly equal inverses when Σp ≈ Σq.
 * Each entry of a Σ is its own variable (the matrix-calculus gradient); moving
 * Σ_ij and Σ_ji together changes KL by twice an off-diagonal entry.
 */
export function mvNormalKlGradient(p: MvNormal, q: MvNormal): MvNormalKlGradient | DimensionMismatch {
  if (p.dimension !== q.dimension) return dimensionMismatch(p, q);
  const d = p.dimension;
  const meanDifference = new Float64Array(d);
  for (let i = 0; i < d; i++) meanDifference[i] = p.mean[i] - q.mean[i];
  const meanP = solveFactored(q.cholesky, d, meanDifference, 1);
  const meanQ = meanP.map((x) => -x);
  const difference = new Float64Array(d * d);
  const differencePlusMeans = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      difference[i * d + j] = p.covariance[i * d + j] - q.covariance[i * d + j];
      differencePlusMeans[i * d + j] = difference[i * d + j] + meanDifference[i] * meanDifference[j];
    }
  }
  // A⁻¹ X B⁻¹ = A⁻¹ (B⁻¹ Xᵀ)ᵀ for symmetric B.
  const sandwich = (left: Float64Array, middle: Float64Array, right: Float64Array) =>
    solveFactored(left, d, transpose(solveFactored(right, d, transpose(middle, d), d), d), d);
  return {
    meanP,
    covarianceP: symmetrized(sandwich(p.cholesky, difference, q.cholesky), d, 0.5),
    meanQ,
    covarianceQ: symmetrized(sandwich(q.cholesky, differencePlusMeans, q.cholesky), d, -0.5),
  };
}

/** √(1 + x) − 1 without cancellation near x = 0. */
function sqrt1pm1(x: number): number {
  return x / (1 + Math.sqrt(1 + x));
}

function identity(d: number): Float64Array {
  const matrix = new Float64Array(d * d);
  for (let i = 0; i < d; i++) matrix[i * d + i] = 1;
  return matrix;
}

/** factor · (M + Mᵀ)/2: the exact gradients are symmetric; their two computed triangles differ by rounding. */
function symmetrized(matrix: Float64Array, d: number, factor: number): Float64Array {
  const result = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) result[i * d + j] = factor * 0.5 * (matrix[i * d + j] + matrix[j * d + i]);
  return result;
}
