// How a family's parameters are laid out for differentiation and in its
// gradients' slopes: each parameter in the constructor's order, a number as
// one entry, a vector its entries, a matrix its entries row after row.
import { parameterEntries } from './families';
import type { FamilyValue, ParameterValue } from './familyValue';

function entriesOfParameter(value: ParameterValue): ArrayLike<number> {
  return typeof value === 'number' ? [value] : value instanceof Float64Array ? value : value.data;
}

export function familyEntries(value: FamilyValue): Float64Array {
  const parts = parameterEntries(value).map((parameter) => entriesOfParameter(parameter.value));
  const entries = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    entries.set(part, offset);
    offset += part.length;
  }
  return entries;
}

/** Where each parameter starts in the layout, and how many entries it takes. */
export function parameterSlices(value: FamilyValue): { name: string; start: number; size: number }[] {
  let start = 0;
  return parameterEntries(value).map(({ name, value: parameter }) => {
    const size = entriesOfParameter(parameter).length;
    const slice = { name, start, size };
    start += size;
    return slice;
  });
}

/** How a message names entry `index` of the layout: `sigma`, `entry 2 of alpha`, `row 1, column 2 of Sigma`. */
export function familyEntryName(value: FamilyValue, index: number): string {
  const slice = parameterSlices(value).find(({ start, size }) => index >= start && index < start + size);
  if (!slice) return 'the value';
  const parameter = parameterEntries(value).find(({ name }) => name === slice.name)?.value;
  const at = index - slice.start;
  if (typeof parameter === 'number' || parameter === undefined) return slice.name;
  if (parameter instanceof Float64Array) return `entry ${at + 1} of ${slice.name}`;
  return `row ${Math.floor(at / parameter.columns) + 1}, column ${(at % parameter.columns) + 1} of ${slice.name}`;
}
