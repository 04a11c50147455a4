// The cases of test/fixtures/discrete-families.json (make_discrete_families.py),
// and the error measure the tests of the discrete, Dirichlet and
// multivariate normal kernels report against them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FamilyCase {
  id: string;
  family: string;
  quantity: 'entropy' | 'kl' | 'entropy-gradient' | 'kl-gradient';
  expected: unknown;
  tags: string[];
  [parameter: string]: unknown;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/discrete-families.json'), 'utf8')) as { cases: FamilyCase[] };

export function casesOf(...families: string[]): FamilyCase[] {
  return fixture.cases.filter((c) => families.includes(c.family));
}

/** |actual − expected| / max(|expected|, floor): relative, except below `floor`, where it is absolute. */
export function errorAgainst(actual: number, expected: string, floor = 0): number {
  const reference = Number(expected);
  if (actual === reference) return 0;
  return Math.abs(actual - reference) / Math.max(Math.abs(reference), floor, Number.MIN_VALUE);
}

/** The largest error seen per family, for the report printed after the run. */
export class WorstErrors {
  private readonly worst = new Map<string, { error: number; id: string }>();

  record(family: string, id: string, error: number): void {
    const current = this.worst.get(family);
    if (!current || error > current.error) this.worst.set(family, { error, id });
  }

  summary(): string {
    return [...this.worst].map(([family, { error, id }]) => `${family}: ${error.toExponential(2)} (${id})`).join('\n');
  }
}

export const number = (value: unknown): number => Number(value as string);
export const numbers = (value: unknown): Float64Array => Float64Array.from((value as string[]).map(Number));
