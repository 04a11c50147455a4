// Every snippet of the corpus (corpus.json, written by make_corpus.py with
// mpmath references) in a note of its own, after its `kl` block: each part has
// the expected value (relative 1e-12) or is skipped, and each relation has the
// expected verdict, no more and no fewer. Malformed LaTeX must not throw and
// must not raise a single alarm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import type { MathPart } from '../../server/src/latex/noteMath';

interface CorpusCase {
  id: string;
  construct: string;
  latex: string;
  kl?: string;
  /** Per part: the value (a decimal string, `Infinity`, or an array of them), or null where the part must be skipped. */
  parts: (string | string[] | null)[];
  verdicts: ('pass' | 'fail')[];
  note?: string;
}

const corpus = JSON.parse(readFileSync(join(__dirname, 'corpus.json'), 'utf8')) as { count: number; cases: CorpusCase[] };

function noteOf(entry: CorpusCase): string {
  const block = entry.kl ? `\`\`\`kl\n${entry.kl}\n\`\`\`\n\n` : '';
  return `# A note\n\n${block}$$\n${entry.latex}\n$$\n`;
}

function numbersOf(part: MathPart): number[] {
  const value = part.value!;
  return value.kind === 'number' ? [value.value] : Array.from(value.data);
}

function expectClose(actual: number, expected: string, where: string): void {
  const reference = Number(expected);
  if (!Number.isFinite(reference)) {
    expect(actual, where).toBe(reference);
    return;
  }
  const error = Math.abs(actual - reference);
  expect(error <= 1e-12 * Math.abs(reference) || error === 0, `${where}: ${actual} vs ${expected}`).toBe(true);
}

describe('the LaTeX corpus', () => {
  it('has at least 150 snippets, of every construct of the issue', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(150);
    const constructs = new Set(corpus.cases.map((entry) => entry.construct));
    for (const construct of ['number', 'locale', 'operator', 'frac', 'implicit', 'power', 'sqrt', 'log', 'log-base', 'exp', 'pi', 'delimiters', 'spacing', 'names', 'sum', 'vector', 'relation', 'layout', 'measure', 'units', 'skipped', 'malformed']) {
      expect(constructs, construct).toContain(construct);
    }
  });

  it.each(corpus.cases.map((entry) => [`${entry.id}: ${entry.latex.slice(0, 70)}`, entry] as const))('%s', (_, entry) => {
    const analysis = analyze(noteOf(entry), 'markdown');
    const formulas = analysis.math?.formulas ?? [];
    expect(formulas.length).toBeLessThanOrEqual(1);
    const parts = formulas[0]?.parts ?? [];
    expect(parts.map((part) => (part.value ? 'computed' : `skipped`)), 'which parts are computed').toEqual(entry.parts.map((part) => (part === null ? 'skipped' : 'computed')));
    entry.parts.forEach((expected, i) => {
      if (expected === null) {
        expect(parts[i].skipped, `part ${i} says why it is skipped`).toBeTruthy();
        return;
      }
      const numbers = numbersOf(parts[i]);
      const references = Array.isArray(expected) ? expected : [expected];
      expect(numbers.length, `part ${i} has ${references.length} numbers`).toBe(references.length);
      numbers.forEach((x, k) => expectClose(x, references[k], `part ${i} entry ${k}`));
    });
    const verdicts = (formulas[0]?.relations ?? []).map((relation) => (relation.pass ? 'pass' : 'fail'));
    expect(verdicts, 'the verdicts').toEqual(entry.verdicts);
    const alarms = analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'math-check-failed');
    expect(alarms.length, 'one warning per failed relation').toBe(entry.verdicts.filter((verdict) => verdict === 'fail').length);
  });
});
