// Binary cross-entropy of a sigmoid's value, whose double has lost 1 − p (or
// p) for a confident logit: the value a user expects from PyTorch's
// binary_cross_entropy_with_logits, not 30.001 nats or +∞. The mpmath values
// are in test/fixtures/reference.json (tag sigmoid-logits); these are the
// stories around them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisOf, codes, lastNumber, lastValue, relativeError } from './evaluate';

describe('a sigmoid whose p rounds to 1 or 0', () => {
  it('gives BCE its value from the logits, with no warning', () => {
    // mpmath: softplus(30) = 30.0000000000000935762…, whose nearest double is below.
    expect(lastNumber('BCE(0, sigmoid(30))')).toBe(30.000000000000092);
    expect(lastNumber('BCE(0, sigmoid(40))')).toBe(40);
    expect(lastNumber('BCE(1, sigmoid(-800))')).toBe(800);
    // mpmath: softplus(-30) = 9.3576229688397367…e-14; ln(1 − p) of the double p gives 9.348e-14.
    expect(lastNumber('BCE(1, sigmoid(30))')).toBe(9.357622968839737e-14);
    expect(codes('BCE(0, sigmoid(40))\nBCE(1, sigmoid(-800))')).toEqual([]);
  });

  it('does so through a name bound to the sigmoid, in bits, for vectors and matrices', () => {
    expect(lastNumber('x = 40\np = sigmoid(x)\nBCE(0, p)')).toBe(40);
    expect(relativeError(lastNumber('units bits\nBCE(0, sigmoid(40))'), 40 / Math.LN2)).toBeLessThanOrEqual(1e-15);
    // The mean of 40, 800 and 0.3·softplus(−30) + 0.7·softplus(30) = 21 + 9.3576e-14.
    expect(relativeError(lastNumber('BCE([0, 1, 0.3], sigmoid([40, -800, 30]))'), (840 + 21 + 9.357622968839737e-14) / 3)).toBeLessThanOrEqual(1e-15);
    expect(lastNumber('BCE([[0, 1], [1, 0]], sigmoid([[40, -800], [1e4, -1e4]]))')).toBe(210);
  });

  it('takes the logs from the logits only while it is the sigmoid\'s value: arithmetic makes plain numbers again', () => {
    expect(lastNumber('BCE(0, sigmoid(40))')).toBe(40);
    expect(lastNumber('BCE(0, 1 * sigmoid(40))')).toBe(Infinity);
    expect(codes('BCE(0, -(-sigmoid(40)))')).toEqual(['infinite-divergence']);
    // The warning then says how to keep them.
    const warning = analysisOf('BCE(0, 1 * sigmoid(40))').diagnostics[0];
    expect(warning.message).toContain('the predicted probability is 1. If p is a sigmoid of logits x, write BCE(y, sigmoid(x))');
    // A probability written as a number is used as written, to the bit as before.
    expect(lastNumber('BCE(0.3, 0.9)')).toBe(1.6434177197931799);
  });

  it('is +∞ only where a logit is ±∞, with the warning naming the logit', () => {
    const text = 'x = [1e400, 1]\nBCE([0, 1], sigmoid(x))';
    expect(lastNumber(text)).toBe(Infinity);
    const warning = analysisOf(text).diagnostics.find((d) => d.code === 'infinite-divergence');
    expect(warning?.message).toContain('at entry 1, the label is 0 but the predicted probability is 1 (the logit is ∞).');
    expect(warning?.message).not.toContain('write BCE(y, sigmoid(x))');
  });

  it('at precision N, takes the logs from the logits at N digits', () => {
    const value = lastValue('precision 30\nBCE(1, sigmoid(-30))');
    // mpmath: softplus(30) = 30 + ln(1 + e^-30) to 30 digits.
    expect(value?.kind === 'number' && value.precise).toBe('30.0000000000000935762296883974');
    const tiny = lastValue('precision 30\nBCE(0, sigmoid(-100))');
    // mpmath: ln(1 + e^-100) = 3.72007597602083596295969580386…e-44.
    expect(tiny?.kind === 'number' && tiny.precise).toBe('3.72007597602083596295969580386e-44');
  });
});

describe('BCE of a sigmoid, for logits from −10^4 to 10^4', () => {
  const params = { seed: 20261127, numRuns: 300 };
  const logit = fc.double({ min: -1e4, max: 1e4, noNaN: true });
  // softplus(x) = ln(1 + e^x): log1p(e^x) where e^x is a double, and x + e^-x beyond 30, where e^-2x/2 is below x's last digit.
  const softplus = (x: number) => (x < 30 ? Math.log1p(Math.exp(x)) : x + Math.exp(-x));

  it('BCE(0, sigmoid(x)) = softplus(x) and BCE(1, sigmoid(x)) = softplus(−x) (to 1e-12 relative)', () => {
    fc.assert(
      fc.property(logit, (x) => {
        const written = String(x);
        const negative = relativeError(lastNumber(`BCE(0, sigmoid(${written}))`), softplus(x));
        const positive = relativeError(lastNumber(`BCE(1, sigmoid(${written}))`), softplus(-x));
        return negative <= 1e-12 && positive <= 1e-12;
      }),
      params,
    );
  });
});
