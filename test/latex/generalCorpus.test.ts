// Statements about any distribution, as a note writes them: every relation of
// test/fixtures/general/general-relations.json (identities, definitions,
// bounds, and their sign errors, base errors, swapped arguments, errata and
// chains with one wrong link), each verdict decided by mpmath
// (make_general_corpus.py), judged the same by KL Lens with no kl block.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';

interface GeneralCase {
  kind: string;
  latex: string;
  unit: string;
  holds: boolean[];
}

const corpus = JSON.parse(readFileSync(new URL('../fixtures/general/general-relations.json', import.meta.url), 'utf8')) as { true: number; false: number; cases: GeneralCase[] };

describe('the corpus of general relations', () => {
  it('holds at least 60 true and 60 false statements', () => {
    expect(corpus.true).toBeGreaterThanOrEqual(60);
    expect(corpus.false).toBeGreaterThanOrEqual(60);
  });

  it.each(corpus.cases.map((c) => [c.kind, c.latex, c] as const))('%s: $$%s$$', (_kind, latex, c) => {
    const analysis = analyze(`A statement about any distribution:\n$$\n${latex}\n$$\n`, 'markdown');
    const relations = analysis.math!.formulas[0]?.relations ?? [];
    expect(relations.map((r) => r.pass)).toEqual(c.holds);
    expect(relations.every((r) => r.general)).toBe(true);
    for (const relation of relations.filter((r) => !r.pass && r.kind !== '≠')) {
      // A counterexample is shown, small and readable: 1 to 3 outcomes, entries of 3 decimals at most.
      const sample = relation.general!.counterexample!;
      for (const { entries } of sample.distributions) {
        expect(entries.length).toBeLessThanOrEqual(3);
        for (const x of entries) expect(Math.abs(x * 1000 - Math.round(x * 1000))).toBeLessThan(1e-9);
      }
    }
    const failures = analysis.diagnostics.filter((d) => d.code === 'math-check-failed');
    expect(failures).toHaveLength(c.holds.filter((h) => !h).length);
  });
});
