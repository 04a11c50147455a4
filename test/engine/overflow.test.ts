// Overflow and underflow on the way to a finite answer: every builtin scales
// or takes logs where an intermediate would leave the doubles, so a finite
// wrong number is never shown; where the answer itself is beyond the doubles,
// it is ±∞ with a diagnostic that says so.
import { describe, expect, it } from 'vitest';
import { analysisOf, lastValue, relativeError } from './evaluate';

function vectorOf(text: string): number[] {
  const value = lastValue(text);
  return value?.kind === 'vector' || value?.kind === 'matrix' ? Array.from(value.data) : [];
}

function numberOf(text: string): number {
  const value = lastValue(text);
  return value?.kind === 'number' ? value.value : NaN;
}

describe('normalize of weights whose sum overflows', () => {
  it('gives the distribution, not zeros, and no diagnostic', () => {
    expect(vectorOf('normalize([1e308, 1e308])')).toEqual([0.5, 0.5]);
    const [large, medium, small] = vectorOf('normalize([1.5e308, 0.5e308, 1])');
    expect([large, medium]).toEqual([0.75, 0.25]);
    // 1/(2·10^308), below the normal doubles but not 0.
    expect(relativeError(small, 5e-309)).toBeLessThan(1e-12);
    expect(analysisOf('normalize([1e308, 1e308])').diagnostics).toEqual([]);
  });

  it('fails a check against zeros and passes the right one', () => {
    expect(analysisOf('normalize([1e308, 1e308]) ≈ [0, 0]').statements[0].result.check?.pass).toBe(false);
    expect(analysisOf('normalize([1e308, 1e308]) ≈ [0.5, 0.5]').statements[0].result.check?.pass).toBe(true);
  });

  it('scales each row of a matrix on its own', () => {
    expect(vectorOf('normalize([[1e308, 1e308], [1, 3]])')).toEqual([0.5, 0.5, 0.25, 0.75]);
  });

  it('refuses a row with an infinite weight, saying so', () => {
    const analysis = analysisOf('W = [[1e308, 1], [1, 1]] * [[10, 1], [1, 1]]\nnormalize(W)');
    expect(analysis.statements[1].result.value).toBeUndefined();
    expect(analysis.statements[1].result.diagnostics.map((d) => d.message).join()).toMatch(/not a finite number/);
  });
});

describe('sum past the largest double', () => {
  it('is the right finite sum where only the running sum overflows', () => {
    expect(numberOf('sum([1e308, 1e308, -1e308])')).toBe(1e308);
    expect(numberOf('sum(1e308, 1e308, -1.5e308)')).toBe(0.5e308);
  });

  it('is ∞ with a diagnostic where the sum itself is beyond the doubles', () => {
    const analysis = analysisOf('sum([1e308, 1e308])');
    expect(numberOf('sum([1e308, 1e308])')).toBe(Infinity);
    expect(analysis.diagnostics.map((d) => d.code)).toContain('non-finite');
  });
});

describe('measures whose intermediates overflow', () => {
  it('takes the mean of a batch whose values sum past the doubles', () => {
    const row = -1e305 * Math.log(1e305);
    expect(relativeError(numberOf('H([[1e305], [1e305], [1e305]])'), row)).toBeLessThan(1e-15);
  });

  it('KL of two normals whose means are 2e308 apart but 2e8 standard deviations', () => {
    expect(relativeError(numberOf('KL(normal(1e308, 1e300) || normal(-1e308, 1e300))'), 2e16)).toBeLessThan(1e-15);
  });

  it('says why an entropy of weights beyond the doubles is −∞', () => {
    const analysis = analysisOf('H([1e308, 1e308])');
    expect(analysis.diagnostics.map((d) => d.message).join()).toMatch(/sums to ∞/);
  });
});
