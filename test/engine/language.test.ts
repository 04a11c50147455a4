// The language as a user writes it: statements, errors with their places,
// directives, checks and their tolerances, Markdown notes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisOf, codes, lastNumber, lastValue } from './evaluate';

function diagnosticsAt(text: string) {
  const analysis = analysisOf(text);
  return analysis.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: analysis.lineIndex.positionAt(d.span.start).line + 1, column: analysis.lineIndex.positionAt(d.span.start).character + 1, text: text.slice(d.span.start, d.span.end), message: d.message }));
}

describe('the worked example of the cross-entropy note', () => {
  const example = readFileSync(join(__dirname, '../../examples/cross-entropy.kl'), 'utf8');
  const analysis = analysisOf(example);
  const resultOf = (source: string) => analysis.statements.find((s) => s.source.text.split('#')[0].trim() === source)?.result;

  it('KL([1,0,0] || [0.75,0.2,0.05]) is 0.4150374992788438 bits', () => {
    const value = resultOf('KL(P || Q)')?.value;
    expect(value).toMatchObject({ kind: 'number', value: 0.4150374992788438, unit: 'bits' });
  });

  it('the hand value ≈ 0.415 passes with tolerance ±0.0005', () => {
    const check = resultOf('KL(P || Q) ≈ 0.415')?.check;
    expect(check?.pass).toBe(true);
    expect(check?.tolerances[0]).toEqual({ kind: 'absolute', value: 0.0005, source: 'digits' });
  });

  it('H(P,Q) == H(P) + KL(P||Q) passes', () => {
    expect(resultOf('H(P, Q) == H(P) + KL(P || Q)')?.check?.pass).toBe(true);
  });

  it('has no errors, and one warning: KL(Q||P) is infinite, naming the outcome', () => {
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('infinite-divergence');
    expect(warnings[0].message).toContain('outcome 2');
  });
});

describe('values and conventions', () => {
  it('reads numbers as written: .5, 1e-3, 75%, 1/3, pi, e', () => {
    expect(lastNumber('.5')).toBe(0.5);
    expect(lastNumber('1e-3')).toBe(0.001);
    expect(lastNumber('75%')).toBe(0.75);
    expect(lastNumber('1/3')).toBe(1 / 3);
    expect(lastNumber('pi')).toBe(Math.PI);
    expect(lastNumber('e')).toBe(Math.E);
  });

  it('gives ^ precedence over unary minus and makes it right-associative', () => {
    expect(lastNumber('-2^2')).toBe(-4);
    expect(lastNumber('2^3^2')).toBe(512);
    expect(lastNumber('2^-1')).toBe(0.5);
    expect(lastNumber('1 + 2 * 3 - 4 / 2')).toBe(5);
  });

  it('has the elementary functions of mathjs, ln as an alias of log', () => {
    expect(lastNumber('log(8, 2)')).toBeCloseTo(3, 15);
    expect(lastNumber('ln(e)')).toBe(1);
    expect(lastNumber('-log2(0.75)')).toBe(0.4150374992788438);
    expect(lastNumber('sqrt(16) + abs(-1) + log10(1000)')).toBe(8);
    expect(lastNumber('sum([0.75, 0.2, 0.05])')).toBe(1);
    expect(lastNumber('max(0.2, 0.7)')).toBe(0.7);
  });

  it('lets names be Unicode, with digits and underscores', () => {
    expect(lastNumber('ŷ = 0.25\ny_hat2 = ŷ * 2\ny_hat2')).toBe(0.5);
    expect(lastNumber('кошка = 3\nкошка')).toBe(3);
  });

  it('uses the latest binding above each use', () => {
    expect(lastNumber('x = 1\ny = x\nx = 2\ny + x')).toBe(3);
  });

  it('takes 0·log 0 = 0 and makes q = 0 < p infinite with a warning naming the outcome', () => {
    expect(lastNumber('H([1, 0, 0])')).toBe(0);
    expect(lastNumber('KL([0.5, 0.5] || [1, 0])')).toBe(Infinity);
    const [warning] = diagnosticsAt('KL([0.5, 0.5] || [1, 0])');
    expect(warning).toMatchObject({ code: 'infinite-divergence', severity: 'warning' });
    expect(warning.message).toContain('outcome 2');
  });

  it('never normalises silently: a warning with the sum, and the value as written', () => {
    const text = 'P = [0.5, 0.6]\nH(P)';
    expect(lastNumber(text)).toBeCloseTo(-(0.5 * Math.log(0.5) + 0.6 * Math.log(0.6)), 15);
    const [warning] = diagnosticsAt(text);
    expect(warning).toMatchObject({ code: 'not-normalized', severity: 'warning', line: 2, text: 'P' });
    expect(warning.message).toContain('1.1');
  });

  it('refuses negative and non-finite probabilities: an error and no value', () => {
    expect(lastValue('H([1.5, -0.5])')).toBeUndefined();
    expect(codes('H([1.5, -0.5])')).toEqual(['negative-probability']);
  });

  it('aligns labelled distributions by label; a missing label has probability 0', () => {
    const aligned = lastNumber('P = {cat: 0.7, dog: 0.2, bird: 0.1}\nQ = {bird: 0.1, cat: 0.7, dog: 0.2}\nKL(P || Q)');
    expect(aligned).toBe(0);
    expect(lastNumber('KL({cat: 0.5, dog: 0.5} || {cat: 1})')).toBe(Infinity);
    expect(lastNumber('KL({cat: 1} || {cat: 0.5, "big dog": 0.5})')).toBeCloseTo(Math.log(2), 15);
  });

  it('treats a matrix as a batch: the mean over rows, a vector pairing with every row', () => {
    const rows = 'P = [[1, 0], [0, 1]]\nQ = [[0.5, 0.5], [0.25, 0.75]]\nCE(P, Q)';
    expect(lastNumber(rows)).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 2, 15);
    expect(lastNumber('CE([[1, 0], [0, 1]], [0.5, 0.5])')).toBeCloseTo(Math.log(2), 15);
  });

  it('computes softmax stably and the normal closed forms', () => {
    const value = lastValue('softmax([1000, 1000])');
    expect(value?.kind === 'vector' && Array.from(value.data)).toEqual([0.5, 0.5]);
    expect(lastNumber('KL(normal(0, 1) || normal(1, 1))')).toBe(0.5);
    expect(lastNumber('units bits\nH(normal(0, 1))')).toBeCloseTo(2.0470955851806, 12);
  });

  it('keeps the digits of BCE near 0 and 1 (log1p)', () => {
    // −log1p(−1e-12) = 1e-12 + 5e-25 + …: a naive log(1 − p) would get 1.000088900582341e-12.
    expect(lastNumber('BCE(0, 1e-12)')).toBe(1.0000000000005e-12);
    expect(lastNumber('BCE([1, 0], [0.9, 0.1])')).toBeCloseTo(-Math.log(0.9), 15);
  });
});

describe('directives', () => {
  it('units and their aliases set the base of every measure below', () => {
    expect(lastNumber('units bits\nH([0.5, 0.5])')).toBe(1);
    expect(lastNumber('units hartleys\nH(uniform(10))')).toBeCloseTo(1, 15);
    expect(lastNumber('base 2\nH(uniform(8))')).toBeCloseTo(3, 15);
    expect(lastNumber('H([0.5, 0.5])')).toBe(Math.LN2);
  });

  it('perplexity is the same number in every unit', () => {
    expect(lastNumber('units bits\nperplexity(uniform(4))')).toBeCloseTo(4, 14);
    expect(lastNumber('units bans\nperplexity(uniform(4))')).toBeCloseTo(4, 14);
  });

  it('precision N computes the discrete measures in BigNumber', () => {
    const value = lastValue('units bits\nprecision 40\nKL([1, 0, 0] || [0.75, 0.2, 0.05])');
    expect(value?.kind === 'number' && value.precise).toBe('0.4150374992788438185462610560521834912402');
  });

  it('refuses unknown units and out-of-range precision, located at the argument', () => {
    expect(diagnosticsAt('units parsecs')[0]).toMatchObject({ code: 'bad-directive', column: 7, text: 'parsecs' });
    expect(diagnosticsAt('precision 5')[0]).toMatchObject({ code: 'bad-directive', text: '5' });
  });
});

describe('checks', () => {
  it('take the tolerance from the digits written: ≈ 0.415 accepts 0.4145 to 0.4155', () => {
    expect(analysisOf('0.4145 ≈ 0.415').statements[0].result.check?.pass).toBe(true);
    expect(analysisOf('0.4155 ≈ 0.415').statements[0].result.check?.pass).toBe(true);
    expect(analysisOf('0.41551 ≈ 0.415').statements[0].result.check?.pass).toBe(false);
  });

  it('use ± as an absolute tolerance, and relative 1e-6 / 1e-12 otherwise', () => {
    expect(analysisOf('1.05 ≈ 1 ± 0.1').statements[0].result.check?.pass).toBe(true);
    expect(analysisOf('1.05 ≈ 1 +- 0.01').statements[0].result.check?.pass).toBe(false);
    expect(analysisOf('1.0000005 ≈ 1').statements[0].result.check?.pass).toBe(true);
    expect(analysisOf('1.000002 ≈ 1').statements[0].result.check?.pass).toBe(false);
    expect(analysisOf('1 + 1e-13 == 1').statements[0].result.check?.pass).toBe(true);
    expect(analysisOf('1 + 1e-11 == 1').statements[0].result.check?.pass).toBe(false);
    expect(analysisOf('0.33 ~= 1/3').statements[0].result.check?.pass).toBe(false);
  });

  it('compare vectors element by element, each with its own digits', () => {
    const check = analysisOf('softmax([2, 1, 0.1]) ≈ [0.659, 0.242, 0.099]').statements[0].result.check;
    expect(check?.pass).toBe(true);
    const failing = analysisOf('softmax([2, 1, 0.1]) ≈ [0.659, 0.25, 0.099]').statements[0].result.check;
    expect(failing?.failedEntries).toEqual([1]);
  });

  it('fail with an error showing both values and the difference', () => {
    const [failure] = diagnosticsAt('units bits\nKL([1, 0, 0] || [0.75, 0.2, 0.05]) ≈ 0.5');
    expect(failure).toMatchObject({ code: 'check-failed', severity: 'error', line: 2, column: 1 });
    expect(failure.message).toContain('0.41503749927884381');
    expect(failure.message).toContain('0.5');
    expect(failure.message).toContain('differ by 0.0849625007211561');
  });
});

describe('errors are located, and never stop the lines after them', () => {
  it('reports many errors in one file and keeps evaluating', () => {
    const text = 'P = [0.5, 0.5\nQ = [0.9, 0.1]\nR)\nKL(Q || Z)\nfoo(1)\nKL(Q || Q)';
    const found = diagnosticsAt(text);
    expect(found.map((d) => [d.code, d.line])).toEqual([
      ['syntax', 1],
      ['syntax', 3],
      ['unknown-name', 4],
      ['unknown-function', 5],
    ]);
    expect(found[2].text).toBe('Z');
    expect(lastNumber(text)).toBe(0);
  });

  it('continues a statement over lines inside brackets, with comments', () => {
    expect(lastNumber('P = [0.25,   # first\n     0.75]  # second\nH(P)')).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 15);
  });

  it('names the problem of mismatched lengths and argument counts', () => {
    expect(diagnosticsAt('KL([0.5, 0.5] || [0.2, 0.3, 0.5])')[0]).toMatchObject({ code: 'length-mismatch', text: '[0.2, 0.3, 0.5]' });
    expect(diagnosticsAt('KL([1, 0])')[0]).toMatchObject({ code: 'argument-count' });
    expect(diagnosticsAt('H([1, 0], [1, 0], [1, 0])')[0].message).toContain('1 to 2');
  });

  it('never shows NaN without saying why', () => {
    expect(codes('0/0')).toEqual(['not-a-number']);
    expect(lastValue('0/0')).toBeUndefined();
    expect(codes('1e308 * 10')).toEqual(['non-finite']);
    expect(codes('log(-1)')).toEqual(['domain']);
    expect(codes('NaN')).toEqual(['unknown-name']);
    expect(lastNumber('-0')).toBe(-0);
    expect(lastNumber('1e-320 * 1')).toBe(1e-320);
  });
});

describe('Markdown notes', () => {
  const note = [
    '# A note',
    '',
    'Some prose with `KL(P || Q)` in a code span.',
    '',
    '```kl',
    'units bits',
    'P = [1, 0, 0]',
    '```',
    '',
    '```python',
    'KL = 3',
    '```',
    '',
    '~~~kl',
    'KL(P || Q)',
    'Q = [0.75, 0.2, 0.05]',
    'KL(P || Q) ≈ 0.415',
    '~~~',
  ].join('\n');

  it('evaluates the kl blocks as one scope, top to bottom, with the note’s own line numbers', () => {
    const analysis = analysisOf(note, 'markdown');
    const lines = analysis.statements.map((s) => analysis.lineIndex.positionAt(s.source.offset).line + 1);
    expect(lines).toEqual([6, 7, 15, 16, 17]);
    expect(analysis.statements[4].result.check?.pass).toBe(true);
    const [unknown] = analysis.diagnostics;
    expect(unknown.code).toBe('unknown-name');
    expect(analysis.lineIndex.positionAt(unknown.span.start)).toEqual({ line: 14, character: 8 });
  });
});
