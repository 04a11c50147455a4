// A family's value written as a call (`normal(0, 1)`) or with its symbols
// (`normal(μ = 0, σ = 1)`), in whichever number format the caller writes.
import type { NumberText } from './familyDefinition';
import { familyOf, parameterEntries } from './families';
import type { FamilyValue, ParameterValue } from './familyValue';

function parameterText(value: ParameterValue, n: NumberText): string {
  if (typeof value === 'number') return n(value);
  if (value instanceof Float64Array) return `[${Array.from(value, n).join(', ')}]`;
  const rows = Array.from({ length: value.rows }, (_, r) => `[${Array.from(value.data.subarray(r * value.columns, (r + 1) * value.columns), n).join(', ')}]`);
  return `[${rows.join(', ')}]`;
}

/** `normal(0, 1)`: as the language reads it back. */
export function familyCallText(value: FamilyValue, n: NumberText): string {
  return `${value.family}(${parameterEntries(value).map((parameter) => parameterText(parameter.value, n)).join(', ')})`;
}

/** `normal(μ = 0, σ = 1)`: each parameter by its symbol. */
export function familySymbolsText(value: FamilyValue, n: NumberText): string {
  const symbols = familyOf(value).parameters.map((parameter) => parameter.symbol);
  return `${value.family}(${parameterEntries(value).map((parameter, i) => `${symbols[i]} = ${parameterText(parameter.value, n)}`).join(', ')})`;
}
