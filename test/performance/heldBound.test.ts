// An edit keeps an upper bound on the numbers the document's results hold, and
// analyses the whole document again (counting exactly) when that bound passes
// the document-wide limit. A measure's result keeps its arguments for the
// hover; those are held already, by the statements that made them, and must
// not count again, or every edit of a KL line over two big loaded
// distributions computes that KL twice (once in the edit, once in the whole).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { reachableBuffers, walkedBuffers } from '../../server/src/language/heldNumbers';
import * as longMeasures from '../../server/src/language/longMeasures';

vi.mock('../../server/src/language/longMeasures', async (original) => {
  const actual = await original<typeof import('../../server/src/language/longMeasures')>();
  return { ...actual, klNats: vi.fn(actual.klNats) };
});

describe('the held-numbers bound of an edit', () => {
  it('does not count what a measure read: editing KL(P ‖ Q) near the limit computes it once', () => {
    // P and Q hold 4000 numbers of the 5000 allowed; KL's result keeps both.
    const options = { defaultUnits: 'nats' as const, limits: { maxElements: 5000 } };
    const text = 'P = onehot(1, 2000)\nQ = uniform(2000)\nKL(P || Q)';
    const first = analyze(text, 'kl', options);
    const klNats = vi.mocked(longMeasures.klNats);
    klNats.mockClear();
    const after = analyze(text.replace('KL(P || Q)', 'KL(P || Q)  # again'), 'kl', options, first);
    expect(klNats).toHaveBeenCalledTimes(1);
    expect(after.statements[2].result.value).toEqual(first.statements[2].result.value);
    expect(after.diagnostics).toEqual([]);
  });

  it('still counts what is new: a third big value passes the limit and is refused, as in a fresh analysis', () => {
    const options = { defaultUnits: 'nats' as const, limits: { maxElements: 5000 } };
    const text = 'P = onehot(1, 2000)\nQ = uniform(2000)\nKL(P || Q)';
    const first = analyze(text, 'kl', options);
    const edited = `${text}\nR = uniform(2000)`;
    const after = analyze(edited, 'kl', options, first);
    const fresh = analyze(edited, 'kl', options);
    expect(after.diagnostics.map((d) => d.message)).toEqual(fresh.diagnostics.map((d) => d.message));
    expect(after.diagnostics.length).toBe(1);
  });

  it('counts what a measure computed from distributions written inline, to the number: it alone holds them', () => {
    const options = { defaultUnits: 'nats' as const, limits: { maxElements: 5000 } };
    // The measure and how many numbers its result holds: P and Q, and a softmax's logits.
    const cases: [string, number][] = [['KL(onehot(1, 2000) || uniform(2000))', 4000], ['H(softmax(uniform(1000)), uniform(1000))', 3000], ['H([[0.5, 0.5], [0.25, 0.75]])', 4]];
    for (const [measure, held] of cases) {
      const fits = analyze(`${measure}\nR = uniform(${5000 - held})`, 'kl', options);
      expect(fits.diagnostics, measure).toEqual([]);
      const text = `${measure}\nR = uniform(${5001 - held})`;
      const over = analyze(text, 'kl', options);
      expect(over.statements[0].result.value?.kind, measure).toBe('number');
      expect(over.diagnostics.map((d) => [d.code, d.span.start > text.indexOf('\n')]), measure).toEqual([['too-large', true]]);
    }
  });
});

describe('the buffers a result holds', () => {
  // reachableBuffers reads a number's or a measure's value without walking it; on every other value it walks.
  const reference = JSON.parse(readFileSync(join(__dirname, '../fixtures/reference.json'), 'utf8')) as { cases: { id: string; document: string }[] };
  const gradients = JSON.parse(readFileSync(join(__dirname, '../fixtures/gradients.json'), 'utf8')) as { cases: { id: string; document: string }[] };

  it('are the same read quickly as walked, for every statement of the reference and gradient documents', () => {
    let statements = 0;
    for (const { id, document } of [...reference.cases, ...gradients.cases]) {
      for (const statement of analyze(document, 'kl').statements) {
        const quick = reachableBuffers(statement.result);
        expect(new Set(quick).size, id).toBe(quick.length);
        expect(new Set(quick), id).toEqual(new Set(walkedBuffers(statement.result)));
        statements++;
      }
    }
    expect(statements).toBeGreaterThan(1000);
  });
});
