// The math of a note, as its writer meets it: the reference note's chain
// passes, its wrong identity fails for any P and Q (with a counterexample) and for the bound example values, formulas see
// the bindings above them, and the units of the measures come from where the
// writer said them.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import type { MathFormula } from '../../server/src/latex/noteMath';

// The two formulas of the reference note (shared/reference/cross-entropy-note.vi.md), verbatim.
const KL_CHAIN = String.raw`$$
D_{KL}(\textbf{y}^{(i)}||\hat{\textbf{y}}^{(i)}) = -\sum_{j=1}^{3}y_j^{(i)}\log_2(\frac{\hat{y}_j^{(i)}}{y_j^{(i)}})\\
=-1\times \log_2\frac{0.75}{1}-0-0 = -\log_20.75\approx0.415
$$`;
const IDENTITY = String.raw`$$
H(P, Q) = -\sum_{i \in \Omega}p_i\log(q_i) = -\log 2\sum p_i\log_2(q_i) \\= -\log 2 (\sum p_i\log_2(\frac{q_i}{p_i}) + \sum p_i\log_2 p_i) = \log_2(D_{KL}(P||Q) + H(P))
$$`;
const SYMMETRY = String.raw`không có tính đối xứng $D_{KL}(P||Q) \ne D_{KL}(Q||P)$ và 2 khoảng cách này chỉ bằng nhau khi $D_{KL}(P||Q) =  D_{KL}(Q||P) = 0$ nghĩa là $P=Q$.`;
const EXAMPLE = '```kl\nunits bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\n```\n';

/** −log₂ 0.75, from mpmath at 50 digits (test/latex/make_corpus.py). */
const MINUS_LOG2_075 = Number('0.415037499278843818546261056052');
/** log₂(KL(P‖Q) + H(P)) in bits for the example: log₂(0.41503…), from mpmath. */
const WRONG_RIGHT_SIDE = Number('-1.26868640281444825468520297193');

function failures(note: string) {
  return analyze(note, 'markdown').diagnostics.filter((d) => d.code === 'math-check-failed');
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("the reference note's derivation of KL", () => {
  it('passes: −1×log₂(0.75/1) − 0 − 0 = −log₂ 0.75 ≈ 0.415, with \\log_20.75 read as log₂ of 0.75', () => {
    const analysis = analyze(`Áp dụng công thức:\n${KL_CHAIN}\n`, 'markdown');
    const formula = analysis.math!.formulas[0];
    const computed = formula.parts.filter((part) => part.value);
    expect(computed.map((part) => part.source)).toEqual([String.raw`-1\times \log_2\frac{0.75}{1}-0-0`, String.raw`-\log_20.75`, '0.415']);
    for (const part of computed.slice(0, 2)) expect(relativeError((part.value as { value: number }).value, MINUS_LOG2_075)).toBeLessThan(1e-15);
    expect(formula.relations.map((r) => [r.kind, r.pass])).toEqual([['=', true], ['≈', true]]);
    expect(formula.relations[1].tolerances[0]).toEqual({ kind: 'absolute', value: 0.0005, source: 'digits' });
    expect(analysis.diagnostics).toEqual([]);
    // The first two parts name y and ŷ, which no kl block binds: skipped, with the reason.
    expect(formula.parts[0].skipped).toBe("'y' is not defined in a kl block above");
  });
});

describe("the reference note's wrong identity", () => {
  it('fails as a statement about any P and Q while they are unbound: on exactly its last link, with a readable counterexample', () => {
    const note = `${IDENTITY}\n`;
    const [failure, ...others] = failures(note);
    expect(others).toEqual([]);
    const start = note.indexOf('-\\log 2 (');
    expect(failure.span).toEqual({ start, end: note.indexOf('H(P))') + 'H(P))'.length });
    expect(failure.message).toContain('does not hold for every distribution: for P = [0.5, 0.5], Q = [0.9, 0.1]');
    expect(failure.message).toContain('The right statement: H(P, Q) = H(P) + D_{KL}(P||Q).');
    const relations = analyze(note, 'markdown').math!.formulas[0].relations;
    expect(relations.map((r) => [r.kind, r.pass])).toEqual([['=', true], ['=', true], ['=', true], ['=', false]]);
    // In nats (the formula writes \\log and \\log_2): −(0.5 ln 0.9 + 0.5 ln 0.1) and log₂ of it, from mpmath.
    expect(relativeError(relations[3].leftNumbers[0], Number('1.20397280432593599262274621776'))).toBeLessThan(1e-14);
    expect(relativeError(relations[3].rightNumbers[0], Number('0.267802804467026353002438577978'))).toBeLessThan(1e-13);
  });

  it('is reported once P and Q are bound above it: a warning on exactly the relation, with both values', () => {
    const note = `${EXAMPLE}\n${IDENTITY}\n`;
    const [failure, ...others] = failures(note);
    expect(others).toEqual([]);
    expect(failure.severity).toBe('warning');
    const start = note.indexOf('H(P, Q) =');
    const end = note.indexOf('H(P))') + 'H(P))'.length;
    expect(failure.span).toEqual({ start, end });
    expect(failure.message).toContain('the left side is 0.4150374992788438 bits, the right side -1.2686864028144482 bits');
    expect(failure.related?.map((r) => note.slice(r.span.start, r.span.end))).toEqual(['P', 'Q']);
    const relation = analyze(note, 'markdown').math!.formulas[0].relations[0];
    expect(relativeError(relation.rightNumbers[0], WRONG_RIGHT_SIDE)).toBeLessThan(1e-14);
    expect(relation.operators.length).toBe(4);
  });

  it('and the right identity, H(P,Q) = H(P) + D_KL(P||Q), passes', () => {
    expect(failures(`${EXAMPLE}\n$$H(P,Q) = H(P) + D_{KL}(P||Q)$$\n`)).toEqual([]);
    const formula = analyze(`${EXAMPLE}\n$$H(P,Q) = H(P) + D_{KL}(P||Q)$$\n`, 'markdown').math!.formulas[0];
    expect(formula.relations.map((r) => r.pass)).toEqual([true]);
  });

  it('bound at the top of the Vietnamese note, P and Q also make its statements about any P and Q fail: they are false for these', () => {
    const note = `${EXAMPLE}\n${KL_CHAIN}\n${SYMMETRY}\n${IDENTITY}\n`;
    const reported = failures(note).map((d) => note.slice(d.span.start, d.span.end).replace(/\s+/g, ' ').slice(0, 30));
    expect(reported).toEqual(['D_{KL}(P||Q) = D_{KL}(Q||P)', 'D_{KL}(Q||P) = 0', 'P=Q', 'H(P, Q) = -\\sum_{i \\in \\Omega}']);
  });
});

describe('names and units in a formula', () => {
  it('sees only the bindings above it, the latest one of each name', () => {
    const note = `$D_{KL}(P\\|Q) \\approx 0.415$\n\n${EXAMPLE}\n$D_{KL}(P\\|Q) \\approx 0.415$\n\n\`\`\`kl\nQ = [0.5, 0.25, 0.25]\n\`\`\`\n$D_{KL}(P\\|Q) = 1$\n`;
    const formulas = analyze(note, 'markdown').math!.formulas;
    expect(formulas[0].parts[0].skipped).toBe("'P' is not defined in a kl block above");
    expect(formulas[1].relations[0].pass).toBe(true);
    expect(formulas[2].relations[0].pass).toBe(true);
  });

  it('skips a name whose latest assignment failed, rather than using the value before it', () => {
    const note = `${EXAMPLE}\n\`\`\`kl\nQ = log(-1)\n\`\`\`\n$H(P, Q) = 1$\n`;
    expect(analyze(note, 'markdown').math!.formulas[0].parts[0].skipped).toBe("'Q' is not defined in a kl block above");
  });

  const units = (note: string): Pick<MathFormula, 'units' | 'unitsSource'> => {
    const formula = analyze(note, 'markdown').math!.formulas.at(-1)!;
    return { units: formula.units, unitsSource: formula.unitsSource };
  };
  const bound = '```kl\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\n```\n';

  it('takes the units of the directive in force above the formula', () => {
    const note = `${EXAMPLE}$x = -\\ln 0.75$\n`;
    const directive = note.indexOf('units bits');
    expect(units(note)).toEqual({ units: 'bits', unitsSource: { kind: 'directive', span: { start: directive, end: directive + 'units bits'.length } } });
  });

  it('with no directive above, takes them from the logarithm the formula writes, when it writes only one kind', () => {
    expect(units(`${bound}$D_{KL}(P\\|Q) = -\\log_2 0.75$\n`)).toEqual({ units: 'bits', unitsSource: { kind: 'logarithm' } });
    expect(units(`${bound}$D_{KL}(P\\|Q) = -\\log_{10} 0.75$\n`)).toEqual({ units: 'bans', unitsSource: { kind: 'logarithm' } });
    expect(units(`${bound}$D_{KL}(P\\|Q) = -\\ln 0.75$\n`)).toEqual({ units: 'nats', unitsSource: { kind: 'logarithm' } });
    expect(units(`${bound}$D_{KL}(P\\|Q) = -\\ln 0.75 \\ne \\log_2 3$\n`)).toEqual({ units: 'nats', unitsSource: { kind: 'default' } });
  });

  it('else the default units of the settings, and a unit written in the formula wins over all', () => {
    const bits = analyze(`${bound}$D_{KL}(P\\|Q) \\approx 0.415$\n`, 'markdown', { ...analyze('', 'kl').options, defaultUnits: 'bits' }).math!.formulas[0];
    expect([bits.units, bits.unitsSource.kind, bits.relations[0].pass]).toEqual(['bits', 'default', true]);
    expect(units(`${EXAMPLE}$D_{KL}(P\\|Q) \\approx 0.2877 \\text{ nats}$\n`)).toEqual({ units: 'nats', unitsSource: { kind: 'written' } });
  });
});

describe('a wrong hand-rounded value', () => {
  const fixOf = (latex: string) => {
    const note = `$$${latex}$$`;
    const relation = analyze(note, 'markdown').math!.formulas[0].relations.find((r) => !r.pass)!;
    return relation.fixes.map((fix) => `${note.slice(fix.span.start, fix.span.end)} → ${fix.text}`);
  };

  it('gets a fix with the computed value written to the same digits (percentages and powers of ten kept)', () => {
    expect(fixOf(String.raw`-\log_2 0.75 \approx 0.51`)).toEqual(['0.51 → 0.42']);
    expect(fixOf(String.raw`-\log_2 0.75 \approx -0.4150`)).toEqual(['-0.4150 → 0.4150']);
    expect(fixOf(String.raw`\frac{1}{3} \approx 33.0\%`)).toEqual([String.raw`33.0\% → 33.3\%`]);
    expect(fixOf(String.raw`\frac{1}{700} \approx 1.5 \times 10^{-3}`)).toEqual(['1.5 → 1.4']);
    expect(fixOf(String.raw`\frac{1}{700} \approx 1.5e-3`)).toEqual(['1.5e-3 → 1.4e-3']);
    expect(fixOf(String.raw`\frac{1}{4}[2, 1] \approx [0.5, 0.4]`)).toEqual(['0.4 → 0.3']);
    expect(fixOf(String.raw`0.42 \approx -\log_2 0.75 \approx 0.51`)).toEqual(['0.51 → 0.42']);
  });

  it('gets none when both sides, or neither, were rounded by hand', () => {
    expect(fixOf(String.raw`0.5 \approx 0.6`)).toEqual([]);
    expect(fixOf(String.raw`\frac{1}{2} = \frac{1}{3}`)).toEqual([]);
  });
});

describe('documents without notes', () => {
  it('a .kl file has no math, and a note without any formula costs no math at all', () => {
    expect(analyze('x = 1 # $1 = 2$', 'kl').math).toBeUndefined();
    expect(analyze('# Title\n\nNo formulas.', 'markdown').math).toEqual({ formulas: [], diagnostics: [], parts: new Map(), checked: new Map() });
  });
});
