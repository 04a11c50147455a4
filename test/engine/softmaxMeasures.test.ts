// Cross-entropy and KL of a softmax whose probabilities underflow: the value a
// user expects from PyTorch's cross_entropy on logits, not +∞. The mpmath
// values are in test/fixtures/reference.json; these are the stories around them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitName } from '../../server/src/language/ast';
import { LONG_VECTOR } from '../../server/src/language/longMeasures';
import { crossEntropy, crossEntropyTermAt, klDivergence, klTermAt } from '../../server/src/language/measures';
import { logitRow, softmaxRows } from '../../server/src/language/softmax';
import { compensatedSum } from '../../server/src/language/summation';
import { UNIT_LN_BASE } from '../../server/src/language/units';
import { analysisOf, codes, lastNumber, relativeError } from './evaluate';

// mpmath: 1000 + ln(1 + e^-1) = 1000.31326168751822283…
const KL_1000 = 1000.3132616875182;

describe('a softmax whose last outcome underflows to 0', () => {
  it('gives KL and CE their finite value, with no warning', () => {
    expect(lastNumber('KL(onehot(3, 3) || softmax([1000, 999, 0]))')).toBe(KL_1000);
    expect(lastNumber('CE(onehot(3, 3), softmax([1000, 999, 0]))')).toBe(KL_1000);
    expect(lastNumber('H(onehot(3, 3), softmax([1000, 999, 0]))')).toBe(KL_1000);
    expect(codes('KL(onehot(3, 3) || softmax([1000, 999, 0]))')).toEqual([]);
  });

  it('does so through a name bound to the softmax, in bits, labelled, and in a batch', () => {
    expect(lastNumber('z = [1000, 999, 0]\nQ = softmax(z)\nKL(onehot(3, 3) || Q)')).toBe(KL_1000);
    expect(relativeError(lastNumber('units bits\nCE(onehot(3, 3), softmax([1000, 999, 0]))'), KL_1000 / Math.LN2)).toBeLessThanOrEqual(1e-15);
    expect(lastNumber('KL({cat: 1} || softmax({cat: 0, dog: 900}))')).toBe(900);
    const batch = lastNumber('KL([[0, 0, 1], [1, 0, 0]] || softmax([[1000, 999, 0], [1000, 999, 0]]))');
    // The mean of 1000.3132… and ln(1 + e^-1) = 0.3132616875182228.
    expect(relativeError(batch, (KL_1000 + 0.3132616875182228) / 2)).toBeLessThanOrEqual(1e-15);
  });

  it('is +∞ only where a logit is −∞, with the warning naming the outcome', () => {
    const text = 'z = [1000, 999, -1e400]\nKL(onehot(3, 3) || softmax(z))';
    expect(lastNumber(text)).toBe(Infinity);
    const warning = analysisOf(text).diagnostics.find((d) => d.code === 'infinite-divergence');
    expect(warning?.message).toContain('at outcome 3, onehot(3, 3) has probability 1 but softmax(z) has 0');
  });

  it('keeps its logits only while it is the softmax: arithmetic on it makes plain numbers again', () => {
    expect(lastNumber('KL(onehot(2, 2) || 1 * softmax([0, -800]))')).toBe(Infinity);
    expect(lastNumber('KL(onehot(2, 2) || -(-softmax([0, -800])))')).toBe(Infinity);
    expect(codes('KL(onehot(2, 2) || -(-softmax([0, -800])))')).toEqual(['infinite-divergence']);
  });

  it('takes a subnormal probability\'s log from the logits too: its double has lost digits', () => {
    // e^-745 is the smallest subnormal, 4.9e-324, which stands for anything from 2.5e-324 to 7.4e-324.
    expect(lastNumber('KL(onehot(2, 2) || softmax([0, -745]))')).toBe(745);
    expect(lastNumber('CE(onehot(2, 2), softmax([0, -740.5]))')).toBe(740.5);
  });

  it('at precision N, computes the softmax again from its logits at N digits', () => {
    const value = analysisOf('precision 30\nKL(onehot(3, 3) || softmax([1000, 999, 0]))').statements.at(-1)?.result.value;
    // mpmath: 1000 + ln(1 + e^-1) to 30 digits.
    expect(value?.kind === 'number' && value.precise).toBe('1000.31326168751822283404899549');
  });

  it('leaves JS as it was: finite, and changed by an underflowed outcome by less than 2e-305', () => {
    expect(lastNumber('JS(onehot(3, 3) || softmax([1000, 999, 0]))')).toBe(lastNumber('JS(onehot(3, 3) || [0.7310585786300049, 0.2689414213699951, 0])'));
  });
});

const params = { seed: 20261127, numRuns: 300 };
const unit = fc.constantFrom<UnitName>('bits', 'nats', 'bans');

/** A distribution of n outcomes, some exactly 0. */
const distribution = (n: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: n, maxLength: n })
    .filter((weights) => weights.some((w) => w > 0))
    .map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return Float64Array.from(weights, (w) => w / total);
    });

/** Softmax's probabilities and their logits, as the engine makes them. */
function softmaxOf(z: Float64Array) {
  const { probabilities, logits } = softmaxRows(z, z.length);
  return { q: probabilities, row: logitRow(logits, 0, z.length) };
}

describe('measures of softmax(z), over random logits', () => {
  it('on long vectors (their own loops, in nats with a faster log) agree with the terms of the short loops to 1e-13', () => {
    const n = 4 * LONG_VECTOR;
    // Logits from −2000 to 1000: most probabilities underflow, some are subnormal, a few are normal.
    const z = Float64Array.from({ length: n }, (_, i) => 1000 - ((i * 7919) % 3001));
    const p = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 1 + (i % 11)));
    const total = compensatedSum(p);
    p.forEach((x, i) => (p[i] = x / total));
    const { q, row } = softmaxOf(z);
    for (const u of ['nats', 'bits', 'bans'] as const) {
      const terms = (term: typeof crossEntropyTermAt) => compensatedSum(Array.from(p, (_, i) => term(p, q, i, Math.log, 1, row))) / UNIT_LN_BASE[u];
      expect(relativeError(crossEntropy(p, q, u, row).value, terms(crossEntropyTermAt))).toBeLessThanOrEqual(1e-13);
      expect(relativeError(klDivergence(p, q, u, row).value, terms(klTermAt))).toBeLessThanOrEqual(1e-13);
    }
    expect(crossEntropy(p, q, 'nats').value).toBe(Infinity);
  });

  it('where no probability underflows (logit gaps under 700), equal softmax-then-measure to the last bit', () => {
    const input = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(distribution(n), fc.array(fc.double({ min: -350, max: 350, noNaN: true }), { minLength: n, maxLength: n }), unit));
    fc.assert(fc.property(input, ([p, z, u]) => {
      const { q, row } = softmaxOf(Float64Array.from(z));
      expect(crossEntropy(p, q, u, row)).toEqual(crossEntropy(p, q, u));
      expect(klDivergence(p, q, u, row)).toEqual(klDivergence(p, q, u));
    }), params);
  });

  it('for any logits, +∞ exactly where p > 0 at a logit of −∞; otherwise finite, and CE within 1e-12 of Σ p·(ln Σ e^z − z)', () => {
    const logit = fc.oneof({ weight: 12, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(-Infinity) });
    const input = fc.integer({ min: 2, max: 40 }).chain((n) => fc.tuple(distribution(n), fc.array(logit, { minLength: n, maxLength: n }), unit))
      .filter(([, z]) => z.some((x) => x > -Infinity));
    fc.assert(fc.property(input, ([p, zs, u]) => {
      const z = Float64Array.from(zs);
      const { q, row } = softmaxOf(z);
      const infinite = Array.from(p).some((pi, i) => pi > 0 && z[i] === -Infinity);
      const ce = crossEntropy(p, q, u, row).value;
      const kl = klDivergence(p, q, u, row).value;
      expect(ce === Infinity).toBe(infinite);
      expect(kl === Infinity).toBe(infinite);
      if (infinite) return;
      expect(Number.isFinite(ce) && Number.isFinite(kl)).toBe(true);
      // The definition, written out: −ln qᵢ = ln Σⱼ e^(zⱼ − max) − (zᵢ − max), with no softmax in between.
      const max = Math.max(...z);
      const lnTotal = Math.log(Array.from(z).reduce((sum, zj) => sum + Math.exp(zj - max), 0));
      const reference = Array.from(p).reduce((sum, pi, i) => sum + (pi === 0 ? 0 : pi * (lnTotal - (z[i] - max))), 0) / UNIT_LN_BASE[u];
      // Where qᵢ ≈ 1, ln of its double is off by an ulp of 1: the absolute part.
      expect(Math.abs(ce - reference)).toBeLessThanOrEqual(1e-12 * reference + 8 * Number.EPSILON);
    }), params);
  });
});
