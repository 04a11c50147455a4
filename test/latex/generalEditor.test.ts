// A statement about any distribution in the editor: the lens above the formula
// names the counterexample, the hover shows both sides for it, the link that
// breaks and the right identity, and the warning sits on that link. `.kl`
// `for` checks get a lens of their own.
import { describe, expect, it } from 'vitest';
import { mathCodeLenses, mathHover, mathInlayHints } from '../../server/src/features/mathChecks';
import { resultText } from '../../server/src/hover/resultText';
import { analyze } from '../../server/src/notes/documentAnalysis';

const CHAIN = '$$\nH(P, Q) = -\\sum_{i \\in \\Omega}p_i\\log(q_i) = -\\log 2\\sum p_i\\log_2(q_i) \\\\= -\\log 2 (\\sum p_i\\log_2(\\frac{q_i}{p_i}) + \\sum p_i\\log_2 p_i) = \\log_2(D_{KL}(P||Q) + H(P))\n$$\n';

describe("the reference note's chain, with P and Q bound by no kl block", () => {
  const analysis = analyze(CHAIN, 'markdown');

  it('has a lens that names the counterexample', () => {
    expect(mathCodeLenses(analysis).map((lens) => lens.command?.title)).toEqual(['✗ math: fails for P = [0.5, 0.5], Q = [0.9, 0.1] (1 of 4 relations fail)']);
  });

  it('has a hover with every link, both sides on the counterexample for the one that breaks, and the right identity', () => {
    const hover = mathHover(analysis, CHAIN.indexOf('H(P, Q)'));
    const text = (hover!.contents as { value: string }).value;
    expect(text).toContain('**✗ math: 1 of 4 relations fails**');
    expect(text).toContain('- `H(P, Q)`: about any P, Q');
    expect(text).toContain('- ✓ `H(P, Q)` = `-\\sum_{i \\in \\Omega}p_i\\log(q_i)`: for any P, Q (holds on 173 samples; equal within a relative 1e-9)');
    expect(text).toContain('- ✗ `-\\log 2 (\\sum p_i\\log_2(\\frac{q_i}{p_i}) + \\sum p_i\\log_2 p…` = `\\log_2(D_{KL}(P||Q) + H(P))`: fails for P = \\[0.5, 0.5\\], Q = \\[0.9, 0.1\\]: the left side is 1.203972804325936 nats, the right side 0.26780280446702626 nats. The right statement: `H(P, Q) = H(P) + D_{KL}(P||Q)`');
  });

  it('has an inlay hint with both sides, and one warning on the last link', () => {
    const hints = mathInlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, 5);
    expect(hints.map((hint) => hint.label)).toEqual([' ✗ 1.204 ≠ 0.2678']);
    const warnings = analysis.diagnostics.filter((d) => d.code === 'math-check-failed');
    expect(warnings.map((d) => CHAIN.slice(d.span.start, d.span.end))).toEqual(['-\\log 2 (\\sum p_i\\log_2(\\frac{q_i}{p_i}) + \\sum p_i\\log_2 p_i) = \\log_2(D_{KL}(P||Q) + H(P))']);
    expect(warnings[0].severity).toBe('warning');
  });
});

describe('statements that are not general', () => {
  it('skips an instance (a free part equated to a number) and a distribution compared as a whole; checks a bound', () => {
    const note = 'Equal only when $D_{KL}(P||Q) = D_{KL}(Q||P) = 0$, that is when $P = Q$; and $D_{KL}(P||Q) \\ge 0$, $JS(P||Q) \\le \\log 2$.\n';
    const analysis = analyze(note, 'markdown');
    const relations = analysis.math!.formulas.flatMap((f) => f.relations.map((r) => [note.slice(r.span.start, r.span.end), r.pass]));
    expect(relations).toEqual([['D_{KL}(P||Q) \\ge 0', true], ['JS(P||Q) \\le \\log 2', true]]);
  });
});

describe('a for check in a .kl file', () => {
  it('has a lens: for any P, Q, or the counterexample', () => {
    const analysis = analyze('for P, Q: H(P, Q) == H(P) + KL(P || Q)\nfor P, Q: KL(P || Q) == KL(Q || P)\n', 'kl');
    expect(analysis.statements.map((s) => resultText(s, 5)?.title)).toEqual(['✓ for any P, Q (173 samples)', '✗ fails for P = [0.5, 0.5], Q = [0.9, 0.1]']);
  });
});

describe('\\log 2 (…) in a note', () => {
  it('is log(2)·(…) after a space, and skipped without one (log(2(…)) is another reading)', () => {
    const spaced = analyze('$\\log 2 (1 + 1) = 2 \\log 2$\n', 'markdown').math!.formulas[0];
    expect(spaced.relations.map((r) => r.pass)).toEqual([true]);
    const tight = analyze('$\\log 2(1 + 1) = 2 \\log 2$\n', 'markdown').math!.formulas[0];
    expect(tight.parts[0].skipped).toContain('where the argument of the function ends is not written');
  });
});
