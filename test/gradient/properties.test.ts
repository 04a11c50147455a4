// Identities every gradient must satisfy, over random inputs (fast-check, seeded):
// the gradient of CE∘softmax sums to zero, the gradient of KL(P‖Q) in P at P = Q
// is the constant 1/ln(base), and every directional derivative ⟨∇f(x), d⟩ matches
// the engine's own central difference (f(x + hd) − f(x − hd)) / 2h.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitName } from '../../server/src/language/ast';
import { UNIT_LN_BASE } from '../../server/src/language/units';
import { analysisOf } from '../engine/evaluate';

const params = { seed: 20261127, numRuns: 150 };

/** Doubles written so that the document reads back exactly these numbers. */
const written = (values: readonly number[]) => `[${values.map((x) => String(x)).join(', ')}]`;

const logits = (n: number) => fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: n, maxLength: n });
const positive = (n: number) => fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n });
const distribution = (n: number) => positive(n).map((w) => {
  const total = w.reduce((a, b) => a + b, 0);
  const p = w.map((x) => x / total);
  p[n - 1] = 1 - p.slice(0, -1).reduce((a, b) => a + b, 0);
  return p;
});
const unit = fc.constantFrom<UnitName>('bits', 'nats', 'bans');

function gradientOf(text: string): number[] {
  const analysis = analysisOf(text);
  const value = analysis.statements.at(-1)?.result.value;
  if (value?.kind === 'vector') return Array.from(value.data);
  if (value?.kind === 'number') return [value.value];
  throw new Error(`no gradient from\n${text}\n${JSON.stringify(analysis.diagnostics)}`);
}

function valueOf(text: string): number {
  const value = analysisOf(text).statements.at(-1)?.result.value;
  if (value?.kind !== 'number') throw new Error(`no number from\n${text}`);
  return value.value;
}

describe('gradient identities', () => {
  it('the gradient of CE(y, softmax(z)) sums to zero', () => {
    const input = fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(distribution(n), logits(n), unit));
    fc.assert(fc.property(input, ([y, z, u]) => {
      const g = gradientOf(`units ${u}\ny = ${written(y)}\nz = ${written(z)}\ngrad(CE(y, softmax(z)), z)`);
      const scale = g.reduce((a, b) => a + Math.abs(b), 0);
      return Math.abs(g.reduce((a, b) => a + b, 0)) <= 1e-14 * Math.max(scale, 1);
    }), params);
  });

  it('the gradient of CE(y, softmax(z)) is softmax(z)·Σy − y for any logits, where softmax underflows too', () => {
    const wide = (n: number) => fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: n, maxLength: n });
    const input = fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(distribution(n), wide(n)));
    fc.assert(fc.property(input, ([y, z]) => {
      const g = gradientOf(`y = ${written(y)}\nz = ${written(z)}\ngrad(CE(y, softmax(z)), z)`);
      const max = Math.max(...z);
      const e = z.map((x) => Math.exp(x - max));
      const total = e.reduce((a, b) => a + b, 0);
      const mass = y.reduce((a, b) => a + b, 0);
      return g.every((gi, i) => Math.abs(gi - ((e[i] / total) * mass - y[i])) <= 4 * Number.EPSILON);
    }), params);
  });

  it('the gradient of KL(P‖Q) in P at P = Q is 1/ln(base) in every entry', () => {
    const input = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(distribution(n), unit));
    fc.assert(fc.property(input, ([p, u]) => {
      const g = gradientOf(`units ${u}\nQ = ${written(p)}\nP = ${written(p)}\ngrad(KL(P || Q), P)`);
      return g.every((x) => Math.abs(x - 1 / UNIT_LN_BASE[u]) <= 1e-15);
    }), params);
  });

  const LOSSES: { name: string; variable: string; setup: (x: number[]) => string; expression: string; point: (n: number) => fc.Arbitrary<number[]> }[] = [
    { name: 'CE(y, softmax(z))', variable: 'z', setup: (z) => `y = ${written(z.map((_, i) => (i === 0 ? 1 : 0)))}`, expression: 'CE(y, softmax(z))', point: logits },
    { name: 'KL(P ‖ normalize(z))', variable: 'z', setup: (z) => `P = uniform(${z.length})`, expression: 'KL(P || normalize(z))', point: positive },
    { name: 'JS(softmax(z) ‖ Q)', variable: 'z', setup: (z) => `Q = uniform(${z.length})`, expression: 'JS(softmax(z) || Q)', point: logits },
    { name: 'H(softmax(z)) + logsumexp(z)', variable: 'z', setup: () => '', expression: 'H(softmax(z)) + logsumexp(z)', point: logits },
    { name: 'BCE(y, sigmoid(z))', variable: 'z', setup: (z) => `y = ${written(z.map((_, i) => (i % 3) / 2))}`, expression: 'BCE(y, sigmoid(z))', point: logits },
    { name: 'sum(sqrt(z) * log(z + 1)) / max(z)', variable: 'z', setup: () => '', expression: 'sum(sqrt(z) * log(z + 1)) / max(z)', point: positive },
  ];

  for (const loss of LOSSES) {
    it(`the directional derivatives of ${loss.name} match central differences`, () => {
      const input = fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(loss.point(n), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n })));
      fc.assert(fc.property(input, ([x, direction]) => {
        const document = (point: number[], last: string) => [loss.setup(x), `${loss.variable} = ${written(point)}`, last].filter(Boolean).join('\n');
        const g = gradientOf(document(x, `grad(${loss.expression}, ${loss.variable})`));
        const h = 1e-6;
        const shifted = (sign: number) => valueOf(document(x.map((xi, i) => xi + sign * h * direction[i]), loss.expression));
        const difference = (shifted(1) - shifted(-1)) / (2 * h);
        const directional = g.reduce((total, gi, i) => total + gi * direction[i], 0);
        const scale = Math.max(1, g.reduce((a, b) => a + Math.abs(b), 0));
        expect(Math.abs(directional - difference), `${loss.name} at ${written(x)} along ${written(direction)}`).toBeLessThanOrEqual(1e-6 * scale);
      }), { ...params, numRuns: 60 });
    });
  }
});
