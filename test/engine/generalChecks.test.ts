// `for P, Q: left == right` in a .kl file: a check about any distributions,
// made on the samples of distributionSamples.ts, failing with a readable
// counterexample (docs/language.md, "Checks about any distribution").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../server/src/language/analysis';
import { parseStatement } from '../../server/src/language/parser';
import { analysisOf } from './evaluate';

function errorsOf(analysis: Analysis) {
  return analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => ({
    code: d.code,
    line: analysis.lineIndex.positionAt(d.span.start).line + 1,
    text: analysis.text.slice(d.span.start, d.span.end),
    message: d.message,
  }));
}

describe('a check about any P and Q', () => {
  it('holds for the identity H(P, Q) = H(P) + KL(P ‖ Q), on every sample', () => {
    const analysis = analysisOf('for P, Q: H(P, Q) == H(P) + KL(P || Q)');
    const check = analysis.statements[0].result.check!;
    expect(check.pass).toBe(true);
    expect(check.general).toMatchObject({ names: ['P', 'Q'] });
    expect(check.general!.samples).toBeGreaterThan(150);
    expect(errorsOf(analysis)).toEqual([]);
  });

  it("fails for the reference note's identity, with a small readable counterexample and both sides", () => {
    const analysis = analysisOf('units bits\nfor P, Q: H(P, Q) == log2(KL(P || Q) + H(P))');
    const check = analysis.statements[1].result.check!;
    expect(check.pass).toBe(false);
    expect(check.general!.counterexample!.distributions).toEqual([{ name: 'P', entries: [0.5, 0.5] }, { name: 'Q', entries: [0.9, 0.1] }]);
    // In bits: H(P, Q) = −½ log₂ 0.9 − ½ log₂ 0.1 (mpmath), and log₂ of it.
    expect(check.general!.counterexample!.left).toBeCloseTo(Number('1.73696559416620616641658048554'), 14);
    expect(check.general!.counterexample!.right).toBeCloseTo(Number('0.796569177411923967249936357757'), 14);
    expect(errorsOf(analysis)).toEqual([{
      code: 'check-failed', line: 2, text: 'H(P, Q) == log2(KL(P || Q) + H(P))',
      message: 'Check failed for P = [0.5, 0.5], Q = [0.9, 0.1]: the left side is 1.736965594166206 bits, the right side 0.7965691774119239 bits.',
    }]);
  });

  it('fails for KL(P ‖ Q) == KL(Q ‖ P), and the names after for are any distributions, whatever is bound above', () => {
    expect(analysisOf('for P, Q: KL(P || Q) == KL(Q || P)').statements[0].result.check!.pass).toBe(false);
    const shadowed = analysisOf('P = [1, 0]\nfor P: H(P) == 0');
    expect(shadowed.statements[1].result.check!.general!.counterexample!.distributions).toEqual([{ name: 'P', entries: [0.5, 0.5] }]);
  });

  it('takes ≈ and an explicit ± t, and reads the names bound above that are not after for (on the samples of their size)', () => {
    const analysis = analysisOf('U = uniform(2)\nfor P: H(P) ≈ -sum(P * log(P))\nfor P: KL(P || U) == log(2) - H(P) ± 1e-12\nfor P, Q: JS(P || Q) == JS(Q || P) ± 1e-9');
    expect(errorsOf(analysis)).toEqual([]);
    expect(analysis.statements.slice(1).map((s) => s.result.check?.pass)).toEqual([true, true, true]);
    // KL(P ‖ U) with U of 2 outcomes: only the samples of 2 outcomes count.
    expect(analysis.statements[2].result.check!.general!.samples).toBeLessThan(analysis.statements[3].result.check!.general!.samples);
  });
});

describe('a half-typed or wrong for line', () => {
  it('keeps its error on its own line; the complete line below keeps its value', () => {
    const analysis = analysisOf('for P, Q: KL(P ||\nH(uniform(2))');
    expect(errorsOf(analysis).map((e) => [e.code, e.line])).toEqual([['syntax', 1]]);
    expect(analysis.statements[1].result.value).toMatchObject({ kind: 'number', value: Math.log(2) });
  });

  it('says what is missing: the colon, a check after it, the names', () => {
    expect(errorsOf(analysisOf('for P Q: H(P) == 0'))[0]).toMatchObject({ code: 'syntax', text: 'Q', message: expect.stringContaining("Write ':' after the names of 'for'") });
    expect(errorsOf(analysisOf('for P, Q: H(P)'))[0]).toMatchObject({ code: 'syntax', message: "After 'for P, Q:' comes a check, 'left == right' or 'left ≈ right'." });
    expect(errorsOf(analysisOf('for P, P: H(P) == 0'))[0]).toMatchObject({ code: 'syntax', message: "'P' is named twice after 'for'." });
    expect(errorsOf(analysisOf('for P: H(P, R) == 1'))[0]).toMatchObject({ code: 'unknown-name', text: 'R' });
    expect(errorsOf(analysisOf('for P: P == 1'))[0]).toMatchObject({ code: 'type-mismatch', message: "A 'for' check compares numbers; this side is a vector." });
  });

  it('never makes the parser throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (rest) => {
      expect(() => parseStatement(`for ${rest}`)).not.toThrow();
      expect(() => parseStatement(`for P, Q: ${rest}`)).not.toThrow();
    }), { numRuns: 500 });
  });
});

describe('the samples', () => {
  it('are the same every run, and hold every size and edge case the verdicts rest on', async () => {
    const { randomSamples, readableSamples } = await import('../../server/src/language/distributionSamples');
    const samples = [...readableSamples(2), ...randomSamples(2)];
    expect(samples).toEqual([...readableSamples(2), ...randomSamples(2)]);
    expect(new Set(samples.map((s) => s.outcomes))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 64]));
    for (const sample of samples) for (const d of sample.distributions) expect(Math.abs(d.reduce((a, x) => a + x, 0) - 1)).toBeLessThan(1e-12);
    const some = (test: (p: Float64Array, q: Float64Array) => boolean) => samples.some((s) => s.outcomes > 2 && test(s.distributions[0], s.distributions[1]));
    expect(some((p) => p.includes(0))).toBe(true);
    expect(some((_, q) => q.includes(0))).toBe(true);
    expect(some((p) => p.includes(1))).toBe(true);
    expect(some((p) => p.every((x) => x === p[0]))).toBe(true);
    expect(some((p, q) => p.every((x, i) => x === q[i]))).toBe(true);
    expect(some((p, q) => p.some((x, i) => x !== q[i]) && p.every((x, i) => Math.abs(x - q[i]) <= 1e-4 * x))).toBe(true);
  });
});
