// The identities every user relies on, over random distributions (fast-check, seeded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { parseStatement } from '../../server/src/language/parser';
import { crossEntropy, entropy, jensenShannon, klDivergence, binaryCrossEntropy } from '../../server/src/language/measures';
import { convertUnits } from '../../server/src/language/units';
import type { UnitName } from '../../server/src/language/ast';

const SEED = 20261127;
const RUNS = 300;
const params = { seed: SEED, numRuns: RUNS };

/** A random distribution of length n: positive weights (some exactly 0), normalised. */
const distribution = (n: number, zeros = true) =>
  fc.array(zeros ? fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })) : fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n })
    .filter((weights) => weights.some((w) => w > 0))
    .map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return Float64Array.from(weights, (w) => w / total);
    });

const pair = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(distribution(n), distribution(n, false)));
const unit = fc.constantFrom<UnitName>('bits', 'nats', 'bans');

describe('information identities', () => {
  it('KL(P‖Q) ≥ 0', () => {
    fc.assert(fc.property(pair, unit, ([p, q], u) => klDivergence(p, q, u).value >= -1e-15), params);
  });

  it('KL(P‖P) = 0 exactly', () => {
    fc.assert(fc.property(pair, unit, ([p], u) => klDivergence(p, p, u).value === 0), params);
  });

  it('H(P,Q) = H(P) + KL(P‖Q) in one base (to 1e-12 relative)', () => {
    fc.assert(
      fc.property(pair, unit, ([p, q], u) => {
        const ce = crossEntropy(p, q, u).value;
        const sum = entropy(p, u).value + klDivergence(p, q, u).value;
        return Math.abs(ce - sum) <= 1e-12 * Math.max(Math.abs(ce), 1e-300) + 1e-15;
      }),
      params,
    );
  });

  it('JS is symmetric and at most log 2', () => {
    fc.assert(
      fc.property(pair, unit, ([p, q], u) => {
        const forward = jensenShannon(p, q, u).value;
        const backward = jensenShannon(q, p, u).value;
        const log2InUnit = convertUnits(1, 'bits', u);
        return forward === backward && forward >= -1e-15 && forward <= log2InUnit * (1 + 1e-12);
      }),
      params,
    );
  });

  it('unit conversion is exact to rounding: bits × ln 2 = nats = bans × ln 10', () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        const nats = klDivergence(p, q, 'nats').value;
        const bits = klDivergence(p, q, 'bits').value;
        const bans = klDivergence(p, q, 'bans').value;
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-13 * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
        return close(bits * Math.LN2, nats) && close(bans * Math.LN10, nats) && close(convertUnits(bits, 'bits', 'bans'), bans);
      }),
      params,
    );
  });

  it('BCE(y, p) = CE([1−y, y], [1−p, p]) for one entry', () => {
    const probability = fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true });
    fc.assert(
      fc.property(probability, probability, unit, (y, p, u) => {
        const bce = binaryCrossEntropy(Float64Array.of(y), Float64Array.of(p), u).value;
        const ce = crossEntropy(Float64Array.of(1 - y, y), Float64Array.of(1 - p, p), u).value;
        // CE takes log(1 − p) of a rounded 1 − p: an absolute error of about one ulp of 1,
        // which BCE avoids with log1p(−p); the two agree to that.
        return Math.abs(bce - ce) <= 1e-12 * ce + 4 * Number.EPSILON;
      }),
      params,
    );
  });
});

describe('the language', () => {
  it('the parser never throws, whatever the string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      parseStatement(text);
    }), { ...params, numRuns: 2000 });
  });

  it('evaluating a document is deterministic', () => {
    const line = fc.constantFrom('P = [0.5, 0.5]', 'Q = softmax([1, 2])', 'KL(P || Q)', 'H(P, Q) ≈ 0.7', 'units bits', 'R', 'x = 1/3', 'JS(P, Q)', 'precision 20', '[1, 2');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const first = analyze(text, 'kl');
        const second = analyze(text, 'kl');
        const shape = (analysis: typeof first) => JSON.stringify({ diagnostics: analysis.diagnostics, values: analysis.statements.map((s) => s.result.value && JSON.stringify(s.result.value, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v))) });
        expect(shape(second)).toBe(shape(first));
      }),
      params,
    );
  });

  it('an incremental analysis equals a fresh one', () => {
    const line = fc.constantFrom('P = [0.5, 0.5]', 'Q = [0.9, 0.1]', 'P = normalize([1, 3])', 'KL(P || Q)', 'H(P, Q) ≈ 0.7', 'units bits', 'units nats', 'Q', 'x = 1/3');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.array(line, { maxLength: 10 }), (before, after) => {
        const previous = analyze(before.join('\n'), 'kl');
        const incremental = analyze(after.join('\n'), 'kl', undefined, previous);
        const fresh = analyze(after.join('\n'), 'kl');
        const valuesOf = (analysis: typeof fresh) => analysis.statements.map((s) => (s.result.value?.kind === 'number' ? s.result.value.value : s.result.value?.kind));
        expect(valuesOf(incremental)).toEqual(valuesOf(fresh));
        expect(incremental.diagnostics.map((d) => d.code)).toEqual(fresh.diagnostics.map((d) => d.code));
      }),
      params,
    );
  });
});
