// Numbers at the edges of double precision: each is computed correctly or
// refused with a diagnostic that says why; NaN is never shown as a result.
// References from mpmath at 40 digits (values below); subnormal results can
// only be as exact as the subnormal spacing, 2^-1074 ≈ 4.9e-324 (absolute).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { jsonReport, reportOf } from '../../server/src/cli/report';

const SUBNORMAL_SPACING = 2 ** -1074;

/** A 40-digit mpmath reference, rounded to the nearest double. */
const mpmath = (digits: string) => Number(digits);

function evaluateLines(text: string) {
  const analysis = analyze(text, 'kl');
  return analysis.statements.map((statement) => {
    const diagnostics = [...statement.parsed.diagnostics, ...statement.result.diagnostics];
    const value = statement.result.value;
    return {
      source: statement.source.text,
      number: value?.kind === 'number' ? value.value : undefined,
      data: value?.kind === 'vector' ? Array.from(value.data) : undefined,
      hasValue: value !== undefined,
      codes: diagnostics.map((d) => `${d.severity}:${d.code}`),
    };
  });
}

function expectRelative(actual: number | undefined, expected: number) {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

describe('subnormal numbers', () => {
  it('are read as the nearest double and computed with, without a diagnostic', () => {
    const [tiny, small, entropy, kl, half] = evaluateLines('5e-324\n1e-320\nH([1e-320, 1])\nKL([1, 0] || [5e-324, 1])\nKL([0.5, 0.5] || [1e-320, 1])');
    expect(tiny).toMatchObject({ number: 5e-324, codes: [] });
    expect(small).toMatchObject({ number: 1e-320, codes: [] });
    // −p ln p for p = 1e-320 as a double (9.99988671826830e-321): a subnormal result, exact to its spacing.
    expect(entropy.codes).toEqual([]);
    expect(Math.abs((entropy.number as number) - mpmath('7.368190379279068817748978524453755871425e-318'))).toBeLessThanOrEqual(2 * SUBNORMAL_SPACING);
    expectRelative(kl.number, mpmath('744.4400719213812623141072984460816341131'));
    expectRelative(half.number, mpmath('367.7204732649270077660762207145077129272'));
  });

  it('as the parameters of normals give the closed forms', () => {
    const [entropy, kl] = evaluateLines('H(normal(0, 5e-324))\nKL(normal(0, 1e-300) || normal(0, 1e300))');
    expectRelative(entropy.number, mpmath('-743.0211333881765895723269687096760164732'));
    expectRelative(kl.number, mpmath('1381.051055796427410438240541230614184059'));
    expect([...entropy.codes, ...kl.codes]).toEqual([]);
  });

  it('as a probability next to 1 give the entropy of the two outcomes, to the subnormal spacing', () => {
    const [bernoulli] = evaluateLines('H(bernoulli(5e-324))');
    expect(Math.abs((bernoulli.number as number) - mpmath('3.67802264923941260506551926495961216889e-321'))).toBeLessThanOrEqual(2 * SUBNORMAL_SPACING);
  });
});

describe('overflow and underflow', () => {
  it('1e308 * 10 is ∞ with a warning; so is −1e308 * 10', () => {
    const [up, down] = evaluateLines('1e308 * 10\n-1e308 * 10');
    expect(up).toMatchObject({ number: Infinity, codes: ['warning:non-finite'] });
    expect(down).toMatchObject({ number: -Infinity, codes: ['warning:non-finite'] });
  });

  it('a literal beyond the range of doubles is said to read as ∞ or 0', () => {
    const [huge, tiny, percent, zero] = evaluateLines('1e309\n1e-400\n1e-400%\n0.000e-5');
    expect(huge).toMatchObject({ number: Infinity, codes: ['warning:out-of-range'] });
    expect(tiny).toMatchObject({ number: 0, codes: ['warning:out-of-range'] });
    expect(percent).toMatchObject({ number: 0, codes: ['warning:out-of-range'] });
    // A zero written as zero is just zero.
    expect(zero).toMatchObject({ number: 0, codes: [] });
  });

  it('a probability that underflows to 0 is named when it makes KL infinite', () => {
    const analysis = analyze('KL([0.5, 0.5] || [1 - 1e-400, 1e-400])', 'kl');
    expect(analysis.diagnostics.map((d) => d.code).sort()).toEqual(['infinite-divergence', 'out-of-range', 'out-of-range']);
  });

  it('log(0), exp(1000) and 1/0 are ±∞ with a warning; exp(-1000) is 0', () => {
    const rows = evaluateLines('log(0)\nexp(1000)\n1/0\n-1/0\nexp(-1000)');
    expect(rows.map((r) => [r.number, r.codes])).toEqual([
      [-Infinity, ['warning:non-finite']],
      [Infinity, ['warning:non-finite']],
      [Infinity, ['warning:non-finite']],
      [-Infinity, ['warning:non-finite']],
      [0, []],
    ]);
  });

  it('softmax of logits at the ends of the range is exact, with no overflow', () => {
    const [extreme, equal] = evaluateLines('softmax([1e308, -1e308])\nsoftmax([1000, 1000])');
    expect(extreme).toMatchObject({ data: [1, 0], codes: [] });
    expect(equal).toMatchObject({ data: [0.5, 0.5], codes: [] });
  });
});

describe('negative zero', () => {
  it('is zero: in a distribution, a check, and the JSON output', () => {
    const analysis = analyze('z = -0\nH([-0, 1])\nz == 0\n-0 * 1', 'kl');
    expect(analysis.diagnostics).toEqual([]);
    const report = JSON.parse(jsonReport([reportOf('zero.kl', analysis)])) as { files: { statements: { value: unknown; pass?: boolean }[] }[] };
    const [assigned, entropy, check, product] = report.files[0].statements;
    expect([assigned.value, entropy.value, product.value]).toEqual([0, 0, 0]);
    expect(check.pass).toBe(true);
  });
});

describe('NaN', () => {
  it('written as a name is a name: unknown until assigned, then a plain variable', () => {
    const rows = evaluateLines('NaN\nInfinity\nNaN = 1\nNaN + 1');
    expect(rows.map((r) => r.codes)).toEqual([['error:unknown-name'], ['error:unknown-name'], [], []]);
    expect(rows[3].number).toBe(2);
  });

  it.each(['0/0', '(1/0) - (1/0)', '0 * (1/0)', '[1, 0/0]', '{a: 0/0, b: 1}', '[[1, 2], [0/0, 1]]', 'log(0) - log(0)', 'exp(1000) / exp(1000)'])(
    '%s has no value and an error that says NaN',
    (text) => {
      const [row] = evaluateLines(text);
      expect(row.hasValue).toBe(false);
      expect(row.codes).toEqual(['error:not-a-number']);
    },
  );

  it('inside a distribution is refused by the measure', () => {
    const [row] = evaluateLines('H([0.5, 0/0])');
    expect(row.hasValue).toBe(false);
    expect(row.codes.some((code) => code.startsWith('error:'))).toBe(true);
  });

  it('never reaches the JSON output as a value: every statement of an edge-case document is a number, ∞ or null', () => {
    const text = ['0/0', '1/0', '1e309', '1e-400', 'x = 0/0', 'x', '0/0 ≈ 0/0', '[0/0]', 'H([0.5, 0/0])', 'sum([1/0, -1/0])', 'max([0/0, 1])', 'min([0/0, 1])', 'logsumexp([1/0, 1/0])', 'softmax([1/0, 1])', 'normalize([0, 0])', 'sigmoid(0/0)', 'perplexity([0/0, 1])'].join('\n');
    const report = JSON.parse(jsonReport([reportOf('nan.kl', analyze(text, 'kl'))])) as { files: { statements: { value: unknown }[] }[] };
    const values = JSON.stringify(report.files[0].statements.map((s) => s.value));
    expect(values).not.toContain('NaN');
  });
});
