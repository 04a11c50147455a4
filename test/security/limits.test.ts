// Documents built to exhaust the editor: huge allocations, deep nesting,
// enormous lines and documents. Each must end, soon, in a value or a clear
// diagnostic. Nothing here measures time except the test timeout, a generous
// bound; bench/hostile.mjs prints the precise figures.
import { describe, expect, it } from 'vitest';
import { MAX_CODE_LENGTH, MAX_STATEMENTS, type Analysis, type AnalysisOptions } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { maxPreciseLogarithms } from '../../server/src/language/bigMeasures';
import { WORK_PER_STATEMENT } from '../../server/src/language/context';
import { MAX_NESTING, MAX_STATEMENT_LENGTH, MAX_TREE_DEPTH } from '../../server/src/language/parser';
import { MAX_FORMULA_LENGTH, MAX_FORMULAS } from '../../server/src/latex/noteMath';

const BOUND = { timeout: 10_000 };
/** Documents of millions of lines: generous, for a loaded two-core machine running the test files in parallel. */
const HEAVY = { timeout: 30_000 };

/** A small element limit, so that the limits are reached without allocating much. */
const SMALL: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 1000 } };

/** The number a statement evaluated to, checked to be within 1e-12 relative of `expected`. */
function expectNumber(value: unknown, expected: number) {
  const actual = (value as { kind: string; value: number }).value;
  expect((value as { kind: string }).kind).toBe('number');
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

function only(analysis: Analysis, index = 0) {
  const statement = analysis.statements[index];
  return { value: statement.result.value, codes: [...statement.parsed.diagnostics, ...statement.result.diagnostics].map((d) => d.code), messages: [...statement.parsed.diagnostics, ...statement.result.diagnostics].map((d) => d.message) };
}

describe('values over the element limit (kl.limits.maxElements)', BOUND, () => {
  it.each(['uniform(1e12)', 'onehot(1, 1e12)', 'uniform(10000001)'])('%s is refused before anything is allocated', (text) => {
    const { value, codes, messages } = only(analyze(text, 'kl'));
    expect(value).toBeUndefined();
    expect(codes).toEqual(['too-large']);
    expect(messages[0]).toMatch(/over the limit of 10,000,000 \(setting kl\.limits\.maxElements\)/);
  });

  it('a matrix literal is refused at the first row that takes it over the limit, before the next rows are built', () => {
    const { value, codes, messages } = only(analyze('[uniform(600), uniform(600), uniform(1e12)]', 'kl', SMALL));
    expect(value).toBeUndefined();
    // Had the third row been evaluated, its own too-large diagnostic would be here too.
    expect(codes).toEqual(['too-large']);
    expect(messages[0]).toContain('1,200 numbers');
  });

  it('a document holds at most the limit in all its values together; a name used twice counts once', () => {
    const analysis = analyze('A = uniform(600)\nB = A\nC = uniform(600)\nH(C)\nH(A)', 'kl', SMALL);
    expect(only(analysis, 1).codes).toEqual([]);
    expect(only(analysis, 2)).toMatchObject({ value: undefined, codes: ['too-large'] });
    expect(only(analysis, 2).messages[0]).toContain('the document would hold 1,200 numbers in all');
    // C was refused, so it is not bound: a later use says so instead of using a stale value.
    expect(only(analysis, 3).codes).toEqual(['input-error']);
    expectNumber(only(analysis, 4).value, Math.log(600));
  });

  it('what a measure keeps for its hover counts too: many large measures in a row reach the limit', () => {
    const analysis = analyze('H(uniform(400))\nH(uniform(401))\nH(uniform(402))', 'kl', SMALL);
    expect(analysis.statements.map((s) => s.result.diagnostics.map((d) => d.code))).toEqual([[], [], ['too-large']]);
  });

  it('one statement may compute at most 10 × the limit in all, so a long chain of large values stops early', () => {
    const chain = Array(20).fill('uniform(1000)').join(' + ');
    const { value, codes, messages } = only(analyze(`sum(${chain})`, 'kl', SMALL));
    expect(value).toBeUndefined();
    expect(codes).toEqual(['too-large']);
    expect(messages[0]).toContain(`more than ${(WORK_PER_STATEMENT * 1000).toLocaleString('en-US')} numbers in all`);
    // Below the budget the same kind of statement is fine.
    expect(only(analyze(`sum(${Array(4).fill('uniform(1000)').join(' + ')})`, 'kl', SMALL)).value).toMatchObject({ value: 4 });
  });

  it('at the default limit, a real ten-million-element chain is stopped, not computed', () => {
    const { codes } = only(analyze(Array(900).fill('uniform(10000000)').join(' + '), 'kl'));
    expect(codes).toEqual(['too-large']);
  });
});

describe('precision N on large inputs', BOUND, () => {
  it('precision 1000 on 100,000 outcomes computes in double precision and says why', () => {
    const analysis = analyze('precision 1000\nH(uniform(100000))', 'kl');
    expectNumber(only(analysis, 1).value, Math.log(100000));
    expect(analysis.diagnostics.map((d) => [d.severity, d.code])).toEqual([['information', 'too-large']]);
  });

  // The rule: logarithms × ((N + 10)² + 2000) ≤ 25,000,000, which at N = 1000 is 24 logarithms.
  it.each([
    ['H(uniform(200))', 201],
    ['H(uniform(24))', 25],
    ['KL(uniform(24) || uniform(24))', 25],
    ['JS(uniform(12) || uniform(12))', 25],
    ['BCE(uniform(12), uniform(12))', 25],
    ['perplexity(uniform(50))', 51],
  ])('precision 1000 on %s is over the BigNumber work limit (24 logarithms at 1000 digits): a double, and why', (text, logarithms) => {
    const analysis = analyze(`precision 1000\n${text}`, 'kl');
    expect(only(analysis, 1).value).not.toHaveProperty('precise');
    expect(analysis.diagnostics.map((d) => [d.severity, d.code])).toEqual([['information', 'too-large']]);
    expect(analysis.diagnostics[0].message).toContain(`may take 24 BigNumber logarithms`);
    expect(analysis.diagnostics[0].message).toContain(`This one needs ${logarithms}`);
  });

  // Each of these takes up to 24 logarithms at 1010 digits: about a second on a loaded machine.
  it.each([
    ['H(uniform(23))', Math.log(23)],
    ['H([0.1, 0.2, 0.3, 0.4])', -(0.1 * Math.log(0.1) + 0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.4 * Math.log(0.4))],
    ['JS(uniform(11) || normalize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))', undefined],
    ['BCE(uniform(11), uniform(11))', undefined],
  ])('precision 1000 on %s is within the limit: its value to 1000 digits', (text, double) => {
    const { value } = only(analyze(`precision 1000\n${text}`, 'kl'), 1);
    const precise = (value as { precise: string; value: number }).precise;
    expect(precise.replace(/^[^1-9]*/, '').replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(990);
    const reference = double ?? (value as { value: number }).value;
    expect(Math.abs(Number(precise) / reference - 1)).toBeLessThan(1e-14);
  }, 120_000);

  it.each([
    [16, 9342],
    [100, 1773],
    [500, 95],
    [1000, 24],
  ])('at precision %i a measure may take %i logarithms; H of as many outcomes (one more for the units) is refused', (digits, logarithms) => {
    // The side that fits is computed above at 1000 digits (H(uniform(23))): at 16 digits it is 9,341 logarithms, seconds of a test.
    expect(maxPreciseLogarithms(digits)).toBe(logarithms);
    const over = analyze(`precision ${digits}\nH(uniform(${logarithms}))`, 'kl');
    expect(over.diagnostics.map((d) => d.code)).toEqual(['too-large']);
  });

  it('precision 100 on the same 200 outcomes fits, and agrees with the double to its 16 digits', () => {
    const { value } = only(analyze('precision 100\nH(uniform(200))', 'kl'), 1);
    const precise = (value as { precise: string }).precise;
    expect(Math.abs(Number(precise) / Math.log(200) - 1)).toBeLessThan(1e-15);
  });

  it('precision 1000 on a small distribution gives the value to 1000 digits', () => {
    const { value } = only(analyze('precision 1000\nH([0.5, 0.5])', 'kl'), 1);
    const precise = (value as { precise: string }).precise;
    expect(precise.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(999);
    expect(precise.startsWith('0.693147180559945309417232121458')).toBe(true);
  });
});

describe('nesting that would recurse without end', BOUND, () => {
  // 100,000 levels take 200,000 characters, over the statement length limit: refused unread.
  it.each([
    ['brackets (', `${'('.repeat(100_000)}1${')'.repeat(100_000)}`],
    ['unclosed brackets, one per line', '(\n'.repeat(100_000)],
  ])('%s, 100,000 deep, is refused as too long to read', (_, text) => {
    const analysis = analyze(text, 'kl');
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-large']);
  });

  // Within the length limit, the parser's own bound refuses the nesting before it recurses.
  const DEEP = 15_000;
  it.each([
    ['brackets (', `${'('.repeat(DEEP)}1${')'.repeat(DEEP)}`],
    ['vectors [', `${'['.repeat(DEEP)}1${']'.repeat(DEEP)}`],
    ['labelled maps {', `${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}`],
    ['calls H(', `${'H('.repeat(DEEP)}1${')'.repeat(DEEP)}`],
    ['unary minus', `${'-'.repeat(DEEP)}1`],
    ['powers 2^2^…', Array(DEEP).fill('2').join('^')],
    ['unclosed brackets, one per line', '(\n'.repeat(DEEP)],
  ])('%s, 15,000 deep, is refused as too deep', (_, text) => {
    const analysis = analyze(text, 'kl');
    expect(analysis.diagnostics.map((d) => d.code)).toContain('too-deep');
    expect(analysis.diagnostics[0].message).toContain(`${MAX_NESTING} deep`);
  });

  it('a chain of 15,000 additions is refused as too deep to evaluate', () => {
    const analysis = analyze(Array(DEEP).fill('1').join(' + '), 'kl');
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
    expect(analysis.diagnostics[0].message).toContain(`${MAX_TREE_DEPTH} levels`);
  });

  it('just under the limits, the deepest expressions still evaluate', () => {
    const nested = `${'('.repeat(MAX_NESTING - 1)}1${')'.repeat(MAX_NESTING - 1)}`;
    expect(only(analyze(nested, 'kl')).value).toMatchObject({ value: 1 });
    const chain = Array(MAX_TREE_DEPTH).fill('1').join(' + ');
    expect(only(analyze(chain, 'kl')).value).toMatchObject({ value: MAX_TREE_DEPTH });
  });

  it('2^2^2^2^2^2 is 2^65536: infinite, with a warning', () => {
    const analysis = analyze('2^2^2^2^2^2', 'kl');
    expect(only(analysis).value).toMatchObject({ value: Infinity });
    expect(analysis.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'non-finite']]);
  });
});

describe('enormous lines and documents', HEAVY, () => {
  it.each([
    ['a 10 MB line of one character', '@'.repeat(10_000_000)],
    ['a 10 MB vector', `[${'0.1, '.repeat(2_000_000)}0.1]`],
    ['a 10 MB name', 'a'.repeat(10_000_000)],
    ['a 10 MB number', '1'.repeat(10_000_000)],
    ['a 10 MB string', `"${'x'.repeat(10_000_000)}"`],
  ])('%s is refused unread, on its first line', (_, text) => {
    const analysis = analyze(text, 'kl');
    expect(analysis.diagnostics).toHaveLength(1);
    const [diagnostic] = analysis.diagnostics;
    expect(diagnostic.code).toBe('too-large');
    expect(diagnostic.message).toContain(`over the ${MAX_STATEMENT_LENGTH.toLocaleString('en-US')} that KL Lens reads`);
    expect(diagnostic.span).toEqual({ start: 0, end: text.length });
  });

  it('a refused over-long assignment still hides the name it assigned, so later uses do not see a stale value', () => {
    const analysis = analyze(`P = [0.5, 0.5]\nP = [${'0.1, '.repeat(30_000)}0.1]\nH(P)`, 'kl');
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-large', 'input-error']);
  });

  it('a 10 MB comment is nothing at all', () => {
    const analysis = analyze(`# ${'x'.repeat(10_000_000)}\nH([0.5, 0.5])`, 'kl');
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.statements).toHaveLength(1);
    expectNumber(only(analysis).value, Math.LN2);
  });

  it(`a 20 MB note-like document is evaluated up to ${MAX_STATEMENTS.toLocaleString('en-US')} statements, then one warning says where it stopped`, () => {
    const lines = ['units bits', 'P = [0.75, 0.2, 0.05]', 'KL(P || softmax([2, 1, 0.1]))', '# a comment line', ''];
    const text = Array.from({ length: Math.ceil(20_000_000 / 16) }, (_, i) => lines[i % lines.length]).join('\n');
    expect(text.length).toBeGreaterThan(20_000_000);
    const analysis = analyze(text, 'kl');
    expect(analysis.statements).toHaveLength(MAX_STATEMENTS);
    const last = analysis.diagnostics.at(-1);
    expect(last).toMatchObject({ severity: 'warning', code: 'too-large' });
    expect(last?.message).toContain('this statement and the rest of the document are not evaluated');
    expect(analysis.lineIndex.positionAt(last?.span.start ?? 0).line).toBeGreaterThan(MAX_STATEMENTS);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('1,000,000 statements: the first 100,000 are evaluated', () => {
    const text = Array.from({ length: 1_000_000 }, (_, i) => `x${i % 1000} = ${i}`).join('\n');
    const analysis = analyze(text, 'kl');
    expect(analysis.statements).toHaveLength(MAX_STATEMENTS);
    expect(analysis.statements.at(-1)?.result.value).toMatchObject({ value: MAX_STATEMENTS - 1 });
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-large']);
  });

  it(`an edit that takes a document over ${MAX_STATEMENTS.toLocaleString('en-US')} statements, or back under, says what a fresh analysis says`, () => {
    const lines = Array.from({ length: MAX_STATEMENTS }, (_, i) => `x${i % 1000} = ${i}`);
    const within = lines.join('\n');
    const over = `${within}\ny = 1`;
    const first = analyze(within, 'kl');
    expect(first.diagnostics).toEqual([]);
    const grown = analyze(over, 'kl', undefined, first);
    expect(grown.statements).toHaveLength(MAX_STATEMENTS);
    expect(grown.diagnostics).toEqual(analyze(over, 'kl').diagnostics);
    const back = analyze(within, 'kl', undefined, grown);
    expect(back.diagnostics).toEqual([]);
    expect(back.statements.at(-1)?.result.value).toMatchObject({ value: MAX_STATEMENTS - 1 });
  });

  it(`at most ${MAX_CODE_LENGTH.toLocaleString('en-US')} characters of code are read: long statements stop the evaluation sooner`, () => {
    const line = `[${'0.1,'.repeat(24_000)}0.1]`;
    const analysis = analyze(Array(120).fill(line).join('\n'), 'kl');
    expect(analysis.statements).toHaveLength(Math.floor(MAX_CODE_LENGTH / line.length));
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-large']);
  });

  it(`a 20 MB note of inline math is checked up to ${MAX_FORMULAS.toLocaleString('en-US')} formulas, then one warning says where it stopped`, () => {
    const text = '$1 + 1 = 2$ '.repeat(Math.ceil(20_000_000 / 12));
    const analysis = analyze(text, 'markdown');
    expect(analysis.math?.formulas).toHaveLength(MAX_FORMULAS);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-large']);
    expect(analysis.diagnostics[0].message).toContain(`checks the first ${MAX_FORMULAS.toLocaleString('en-US')} formulas of a note`);
    expect(analysis.diagnostics[0].span.start).toBe(MAX_FORMULAS * 12);
  });

  it(`a formula longer than ${MAX_FORMULA_LENGTH.toLocaleString('en-US')} characters is not read, and the next one is`, () => {
    const analysis = analyze(`$$${'x '.repeat(5_000_000)}$$\n\n$$1 + 1 = 3$$\n`, 'markdown');
    expect(analysis.math?.formulas).toHaveLength(1);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['math-check-failed']);
  });

  it('a 20 MB Markdown note with thousands of kl fences ends the same way', () => {
    const block = 'Some prose about the numbers.\n```kl\nP = [0.5, 0.5]\nH(P)\n```\n';
    const text = block.repeat(Math.ceil(20_000_000 / block.length));
    const analysis = analyze(text, 'markdown');
    expect(analysis.statements).toHaveLength(MAX_STATEMENTS);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-large']);
  });
});
