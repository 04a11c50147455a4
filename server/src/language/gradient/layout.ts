// How a value's numbers are laid out for differentiation: a number is one
// entry, a vector its entries, a matrix its entries row after row, a normal
// distribution [mu, sigma]. An adjoint (∂ result / ∂ entry) has the same layout.
import type { Value } from '../values';

export function entriesOf(value: Value): Float64Array {
  switch (value.kind) {
    case 'number':
      return Float64Array.of(value.value);
    case 'vector':
    case 'matrix':
      return value.data;
    case 'normal':
      return Float64Array.of(value.mu, value.sigma);
    case 'string':
      return new Float64Array(0);
  }
}

export function sizeOf(value: Value): number {
  switch (value.kind) {
    case 'number':
      return 1;
    case 'vector':
    case 'matrix':
      return value.data.length;
    case 'normal':
      return 2;
    case 'string':
      return 0;
  }
}

/** How a message names entry `index` of `value`: its label, its row and column, or its position. */
export function entryName(value: Value, index: number): string {
  switch (value.kind) {
    case 'vector':
      return value.labels ? `'${value.labels[index]}'` : `entry ${index + 1}`;
    case 'matrix':
      return `row ${Math.floor(index / value.columns) + 1}, column ${(index % value.columns) + 1}`;
    case 'normal':
      return index === 0 ? 'mu' : 'sigma';
    default:
      return 'the value';
  }
}

