// Properties of math checking, on formulas generated from random numbers:
// a value rounded honestly always passes, a digit changed beyond the
// tolerance always fails, and no text at all makes the checker throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';

/** A formula and its value, computed here with the operations in the order the formula writes them. */
interface Generated {
  latex: string;
  value: number;
}

const decimal: fc.Arbitrary<Generated> = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, decimals, digits]) => {
    const text = decimals === 0 ? String(whole) : `${whole}.${String(digits % 10 ** decimals).padStart(decimals, '0')}`;
    return { latex: text, value: Number(text) };
  });

/** `f` of the children's values; NaN when any of them is not a finite number (the formula has no value then, as in KL). */
function from(children: Generated[], latex: string, f: (...values: number[]) => number): Generated {
  const values = children.map((child) => child.value);
  return { latex, value: values.every(Number.isFinite) ? f(...values) : NaN };
}

const expression: fc.Arbitrary<Generated> = fc.letrec<{ node: Generated }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    decimal,
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => from([a, b], `(${a.latex}) + (${b.latex})`, (x, y) => x + y)),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => from([a, b], `(${a.latex}) - (${b.latex})`, (x, y) => x - y)),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => from([a, b], `(${a.latex}) \\times (${b.latex})`, (x, y) => x * y)),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => from([a, b], `\\frac{${a.latex}}{${b.latex}}`, (x, y) => x / y)),
    tie('node').map((a) => from([a], `\\sqrt{${a.latex}}`, Math.sqrt)),
    tie('node').map((a) => from([a], `\\log_2(${a.latex})`, Math.log2)),
    tie('node').map((a) => from([a], `\\ln(${a.latex})`, Math.log)),
    fc.tuple(tie('node'), fc.integer({ min: 0, max: 3 })).map(([a, k]) => from([a], `(${a.latex})^{${k}}`, (x) => Math.pow(x, k))),
    tie('node').map((a) => from([a], `-(${a.latex})`, (x) => -x)),
  ),
})).node;

/**
 * Formulas whose value is an ordinary number of moderate size, so that digits
 * after the point mean something; a bare decimal is left out, since its own
 * digits would set the tolerance too.
 */
const checkable = expression.filter((g) => Number.isFinite(g.value) && Math.abs(g.value) < 1e4 && !/^[\d.]+$/.test(g.latex));

function relationsOf(latex: string) {
  const formula = analyze(`$$${latex}$$`, 'markdown').math!.formulas[0];
  return { parts: formula.parts, verdicts: formula.relations.map((relation) => relation.pass) };
}

describe('math checking on random formulas', () => {
  it('a value rounded honestly to any number of decimals passes, with ≈ and with =', () => {
    fc.assert(
      fc.property(checkable, fc.integer({ min: 1, max: 6 }), fc.constantFrom('\\approx', '='), (generated, decimals, relation) => {
        const rounded = generated.value.toFixed(decimals);
        const { parts, verdicts } = relationsOf(`${generated.latex} ${relation} ${rounded}`);
        expect(parts[0].skipped).toBeUndefined();
        expect(verdicts).toEqual([true]);
      }),
      { numRuns: 400 },
    );
  });

  it('a chain of the formula, its exact value and its rounding passes link by link', () => {
    fc.assert(
      fc.property(checkable, fc.integer({ min: 1, max: 6 }), (generated, decimals) => {
        const { verdicts } = relationsOf(`${generated.latex} = ${String(generated.value)} \\approx ${generated.value.toFixed(decimals)}`);
        expect(verdicts).toEqual([true, true]);
      }),
      { numRuns: 200 },
    );
  });

  it('a digit of the rounded value changed beyond the tolerance always fails', () => {
    fc.assert(
      fc.property(checkable, fc.integer({ min: 1, max: 6 }), fc.nat(), fc.integer({ min: 1, max: 9 }), (generated, decimals, where, shift) => {
        const rounded = generated.value.toFixed(decimals);
        const digits = [...rounded].map((ch, i) => (/\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
        const position = digits[where % digits.length];
        const last = position === rounded.length - 1;
        // One unit of the last place can stay within ±0.5 unit of an honest rounding; two or more cannot.
        fc.pre(!last || (shift >= 2 && shift <= 8));
        const changed = `${rounded.slice(0, position)}${(Number(rounded[position]) + shift) % 10}${rounded.slice(position + 1)}`;
        fc.pre(Math.abs(Number(changed) - Number(rounded)) >= 2 * 10 ** -decimals);
        const { verdicts } = relationsOf(`${generated.latex} \\approx ${changed}`);
        expect(verdicts).toEqual([false]);
      }),
      { numRuns: 400 },
    );
  });

  it('a relation between a formula and itself holds, whatever the formula', () => {
    fc.assert(
      fc.property(checkable, (generated) => {
        expect(relationsOf(`${generated.latex} = ${generated.latex}`).verdicts).toEqual([true]);
      }),
      { numRuns: 200 },
    );
  });

  it('no text, LaTeX-like or not, makes the checker throw', () => {
    const pieces = ['\\frac', '\\sqrt', '\\log_2', '\\ln', '\\sum_{i=1}^{3}', '\\left(', '\\right)', '{', '}', '[', ']', '(', ')', '^', '_', '=', '\\approx', '<', '\\ne', '\\\\', '&', ',', '.', '0.75', '2', 'x', 'e', '\\pi', 'H(P, Q)', 'D_{KL}(P||Q)', '\\text{a}', '\\begin{bmatrix}', '\\end{bmatrix}', '\\mathbf{y}', '\\hat', '%', '$', '`', '\\', ' ', '\n'];
    const latexish = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((list) => list.join(''));
    fc.assert(
      fc.property(fc.oneof(latexish, fc.string({ maxLength: 60 })), (text) => {
        const note = `\`\`\`kl\nunits bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\n\`\`\`\n$$${text}$$ and $${text}$ and \\[${text}\\]`;
        const analysis = analyze(note, 'markdown');
        for (const formula of analysis.math!.formulas) {
          for (const part of formula.parts) expect(part.value !== undefined || typeof part.skipped === 'string').toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
