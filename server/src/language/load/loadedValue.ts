// What a data file holds once read: a vector (labelled or not) or a matrix of
// rows, the same values the language builds from literals.
import type { MatrixValue, VectorValue } from '../values';

export type LoadedValue = VectorValue | MatrixValue;

/** Why the contents of a file are not a vector or matrix, located in the file where possible. */
export interface FormatError {
  error: string;
}

export type ReadResult = LoadedValue | FormatError;

export function isFormatError(value: ReadResult): value is FormatError {
  return 'error' in value;
}

/** 1-based line and column of `offset` in `text`, as an editor shows them. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

export function tooManyNumbers(count: number | string, maxElements: number): FormatError {
  return { error: `it holds ${typeof count === 'number' ? count.toLocaleString('en-US') : count} numbers, over the limit of ${maxElements.toLocaleString('en-US')} (setting kl.limits.maxElements).` };
}
