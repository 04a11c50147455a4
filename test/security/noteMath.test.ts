// The LaTeX math of a note, on the server's thread: a sum over a large range
// whose terms are all the same is one product, a note's formulas share a
// budget (2 × the time per statement) beyond which they are left to the
// background thread, and a part whose text and inputs did not change is not
// computed again after an edit. (2,000 relations Σ_{i=1}^{10000} 1/10000 = 1
// took 28 s to check, then 58 s more per keystroke.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AnalysisOptions } from '../../server/src/language/analysis';
import { analyze, MATH_BUDGET_PER_STATEMENT_TIME } from '../../server/src/notes/documentAnalysis';
import { MAX_FORMULAS } from '../../server/src/latex/noteMath';
import * as latexParser from '../../server/src/latex/latexParser';
import * as partValue from '../../server/src/latex/partValue';

vi.mock('../../server/src/latex/latexParser', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/latex/latexParser')>();
  return { ...actual, parsePart: vi.fn(actual.parsePart) };
});
vi.mock('../../server/src/latex/partValue', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/latex/partValue')>();
  return { ...actual, evaluatePart: vi.fn(actual.evaluatePart) };
});

const SERVER_THREAD: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 10_000_000 }, timePerStatement: 25 };
const evaluated = () => vi.mocked(partValue.evaluatePart).mock.calls.length;
const RELATION = '$\\sum_{i=1}^{10000}\\frac{1}{10000} = 1$';

afterEach(() => {
  vi.mocked(partValue.evaluatePart).mockClear();
  vi.mocked(latexParser.parsePart).mockClear();
});

function relations(text: string) {
  const math = analyze(text, 'markdown').math!;
  return math.formulas.flatMap((formula) => formula.relations.map((relation) => ({ pass: relation.pass, left: relation.leftNumbers, right: relation.rightNumbers })));
}

describe('sums whose terms do not read their index', () => {
  it('are n times the term, however large n is (more than 10,000 terms used to be skipped)', () => {
    expect(relations('$\\sum_{i=1}^{1000000000} 1 = 10^9$')).toEqual([{ pass: true, left: [1e9], right: [1e9] }]);
    expect(relations('$\\prod_{k=1}^{20000} 2 = 2^{20000}$')).toEqual([]);
    expect(relations('$\\prod_{k=1}^{10} 2 = 1024$')).toEqual([{ pass: true, left: [1024], right: [1024] }]);
  });

  it('give the 2,000 relations of the hostile note their verdict: each holds', () => {
    const math = analyze(Array(2000).fill(RELATION).join('\n'), 'markdown').math!;
    expect(math.formulas).toHaveLength(2000);
    expect(math.formulas.every((formula) => formula.relations.length === 1 && formula.relations[0].pass)).toBe(true);
    expect(math.diagnostics).toEqual([]);
  });

  it('are still written out term by term where a term reads the index (as a value, a subscript or a limit)', () => {
    expect(relations('$\\sum_{i=1}^{4} i = 10$')).toEqual([{ pass: true, left: [10], right: [10] }]);
    expect(relations('```kl\np = [0.25, 0.75]\n```\n$\\sum_{i=1}^{2} p_i = 1$')).toEqual([{ pass: true, left: [1], right: [1] }]);
    expect(relations('$\\sum_{i=1}^{3}\\sum_{j=1}^{i} 1 = 6$')).toEqual([{ pass: true, left: [6], right: [6] }]);
    expect(relations('$\\sum_{i=1}^{20000} i = 200010000$')).toEqual([]);
  });
});

describe('a note\'s math on a thread with a time limit', () => {
  const many = Array.from({ length: MAX_FORMULAS }, (_, i) => `$\\sum_{i=1}^{${1000 + i}}\\frac{1}{${1000 + i}} = 1$`).join('\n');

  it(`checks formulas for ${MATH_BUDGET_PER_STATEMENT_TIME} × the time per statement, and leaves the rest pending for the background thread`, () => {
    const partial = analyze(many, 'markdown', SERVER_THREAD);
    const unchecked = partial.math?.unchecked ?? 0;
    expect(unchecked).toBeGreaterThan(0);
    expect(partial.math!.formulas.length + unchecked).toBe(MAX_FORMULAS);
    expect(partial.pending).toEqual({ statements: 0, formulas: unchecked, timedOutNow: true });
    // The background thread (no limit) checks them all.
    const complete = analyze(many, 'markdown', { ...SERVER_THREAD, timePerStatement: undefined }, partial);
    expect(complete.pending).toBeUndefined();
    expect(complete.math!.formulas).toHaveLength(MAX_FORMULAS);
  });

  it('goes on from where it stopped: an analysis after a partial one computes only what that one did not', () => {
    const partial = analyze(many, 'markdown', SERVER_THREAD);
    const checked = partial.math!.formulas.length;
    vi.mocked(partValue.evaluatePart).mockClear();
    analyze(many, 'markdown', { ...SERVER_THREAD, timePerStatement: undefined }, partial);
    // Each left side once; every right side is `1`, whose value is already known.
    expect(evaluated()).toBe(MAX_FORMULAS - checked);
  });
});

describe('an edit of a note', () => {
  const note = `\`\`\`kl\nP = [0.25, 0.75]\n\`\`\`\n${Array(500).fill(RELATION).join('\n')}\n$H(P) = 0.5623351446188083$\n$\\frac{1}{4} = 0.25$\n`;

  it('computes again only the parts whose text or inputs changed', () => {
    const first = analyze(note, 'markdown');
    expect(evaluated()).toBe(6);
    vi.mocked(partValue.evaluatePart).mockClear();
    // A keystroke in the prose: nothing computed again, not even read again (each formula is moved where it now is).
    vi.mocked(latexParser.parsePart).mockClear();
    const typed = analyze(`More prose.\n${note}`, 'markdown', undefined, first);
    expect(evaluated()).toBe(0);
    expect(vi.mocked(latexParser.parsePart).mock.calls.length).toBe(0);
    expect(typed.math!.formulas.map((f) => f.relations.map((r) => r.pass))).toEqual(first.math!.formulas.map((f) => f.relations.map((r) => r.pass)));
    // P changed: the part that reads it is computed again (and now fails); the others are not.
    const edited = analyze(typed.text.replace('P = [0.25, 0.75]', 'P = [0.5, 0.5]'), 'markdown', undefined, typed);
    expect(evaluated()).toBe(1);
    expect(edited.math!.diagnostics.map((d) => d.code)).toEqual(['math-check-failed']);
    expect(edited.math!.formulas.map((f) => f.region.span)).toEqual(analyze(edited.text, 'markdown').math!.formulas.map((f) => f.region.span));
  });

  it('gives the same math as an analysis from scratch', () => {
    const first = analyze(note, 'markdown');
    const text = note.replace('$\\frac{1}{4} = 0.25$', '$\\frac{1}{4} = 0.3$');
    const edited = analyze(text, 'markdown', undefined, first);
    const fresh = analyze(text, 'markdown');
    // Bindings compared by name and value: a fresh analysis numbers their versions anew.
    const comparable = (math: typeof edited.math) => math!.formulas.map((formula) => ({ ...formula, parts: formula.parts.map((part) => ({ ...part, inputs: part.inputs.map(({ name, value }) => ({ name, value })) })) }));
    expect(comparable(edited.math)).toEqual(comparable(fresh.math));
    expect(edited.math!.diagnostics).toEqual(fresh.math!.diagnostics);
  });
});

describe('a note whose math the background thread could not check', () => {
  it('is checked on the server\'s thread by the next analysis (in slices), not sent to the background again and again', async () => {
    const { failPending } = await import('../../server/src/lsp/pendingFailure');
    const many = Array.from({ length: MAX_FORMULAS }, (_, i) => `$\\frac{1}{${2 + i}} \\approx ${1 / (2 + i)}$`).join('\n');
    const partial = analyze(many, 'markdown', SERVER_THREAD);
    expect(partial.pending?.formulas).toBeGreaterThan(0);
    const next = analyze(many, 'markdown', SERVER_THREAD, failPending(partial, 'the background thread stopped'));
    expect(next.pending).toBeUndefined();
    expect(next.math!.formulas).toHaveLength(MAX_FORMULAS);
  });
});
