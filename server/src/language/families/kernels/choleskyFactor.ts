// The Cholesky factor of a symmetric positive-definite matrix and the
// triangular solves the multivariate normal needs. Matrices are square and
// stored row after row in a Float64Array, as the language's matrix values are.

/** A lower-triangular L with L·Lᵀ = A, or the first leading minor that is not positive. */
export type CholeskyResult =
  | { kind: 'factor'; lower: Float64Array }
  | { kind: 'not-positive-definite'; minor: number };

/** Factors the symmetric `matrix` of `size` × `size` from its lower triangle (the upper one is not read). */
export function choleskyFactor(matrix: Float64Array, size: number): CholeskyResult {
  const lower = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    let pivot = matrix[j * size + j];
    for (let k = 0; k < j; k++) pivot -= lower[j * size + k] ** 2;
    // `!(pivot > 0)` also catches NaN: a matrix is positive definite exactly when every pivot is positive.
    if (!(pivot > 0)) return { kind: 'not-positive-definite', minor: j + 1 };
    const diagonal = Math.sqrt(pivot);
    lower[j * size + j] = diagonal;
    for (let i = j + 1; i < size; i++) {
      let entry = matrix[i * size + j];
      for (let k = 0; k < j; k++) entry -= lower[i * size + k] * lower[j * size + k];
      lower[i * size + j] = entry / diagonal;
    }
  }
  return { kind: 'factor', lower };
}

/** L⁻¹·B for lower-triangular L, B of `size` rows and `columns` columns (forward substitution, column by column). */
export function solveLower(lower: Float64Array, size: number, right: Float64Array, columns: number): Float64Array {
  const solution = Float64Array.from(right);
  for (let c = 0; c < columns; c++) {
    for (let i = 0; i < size; i++) {
      let value = solution[i * columns + c];
      for (let k = 0; k < i; k++) value -= lower[i * size + k] * solution[k * columns + c];
      solution[i * columns + c] = value / lower[i * size + i];
    }
  }
  return solution;
}

/** L⁻ᵀ·B for lower-triangular L (back substitution with Lᵀ, column by column). */
function solveUpperTransposed(lower: Float64Array, size: number, right: Float64Array, columns: number): Float64Array {
  const solution = Float64Array.from(right);
  for (let c = 0; c < columns; c++) {
    for (let i = size - 1; i >= 0; i--) {
      let value = solution[i * columns + c];
      for (let k = i + 1; k < size; k++) value -= lower[k * size + i] * solution[k * columns + c];
      solution[i * columns + c] = value / lower[i * size + i];
    }
  }
  return solution;
}

/** A⁻¹·B where A = L·Lᵀ. */
export function solveFactored(lower: Float64Array, size: number, right: Float64Array, columns: number): Float64Array {
  return solveUpperTransposed(lower, size, solveLower(lower, size, right, columns), columns);
}

/** The transpose of a square matrix. */
export function transpose(matrix: Float64Array, size: number): Float64Array {
  const result = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) result[j * size + i] = matrix[i * size + j];
  return result;
}
