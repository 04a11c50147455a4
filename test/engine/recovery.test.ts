// A half-typed line: the statement it starts ends before the next line that
// parses on its own, only that line gets the error, and every complete
// statement below keeps its value (docs/language.md, "Recovery of a
// half-typed statement"). Statements that do parse over several lines stay whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../server/src/language/analysis';
import type { Value } from '../../server/src/language/values';
import { analysisOf } from './evaluate';

function lineOf(analysis: Analysis, offset: number): number {
  return analysis.lineIndex.positionAt(offset).line + 1;
}

/** Each statement as the user sees it: its first line, its text, its value (a number, or what kind it is), and whether a check passed. */
function shown(analysis: Analysis) {
  return analysis.statements.map(({ source, result }) => ({ line: lineOf(analysis, source.offset), text: source.text, value: valueOf(result.value), ...(result.check ? { pass: result.check.pass } : {}) }));
}

function valueOf(value: Value | undefined): number | string | undefined {
  if (!value) return undefined;
  return value.kind === 'number' ? value.value : value.kind;
}

function errorsOf(analysis: Analysis) {
  return analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, line: lineOf(analysis, d.span.start), column: analysis.lineIndex.positionAt(d.span.start).character + 1, message: d.message }));
}

describe('a half-typed KL(P || above complete lines', () => {
  const text = ['units bits', 'P = [1, 0, 0]', 'Q = [0.75, 0.2, 0.05]', 'KL(P ||', 'H(P)', 'H(Q)', 'H(P, Q) ≈ 0.415', 'KL(P || Q) ≈ 0.415'].join('\n');
  const analysis = analysisOf(text);

  it('is a statement of its own line: the lines below are the statements they are alone', () => {
    expect(shown(analysis).map((s) => [s.line, s.text])).toEqual([
      [1, 'units bits'],
      [2, 'P = [1, 0, 0]'],
      [3, 'Q = [0.75, 0.2, 0.05]'],
      [4, 'KL(P ||'],
      [5, 'H(P)'],
      [6, 'H(Q)'],
      [7, 'H(P, Q) ≈ 0.415'],
      [8, 'KL(P || Q) ≈ 0.415'],
    ]);
  });

  it('gets the only error, located on its own line, at the end where the value is missing', () => {
    expect(errorsOf(analysis)).toEqual([{ code: 'syntax', line: 4, column: 8, message: 'Expected a value (a number, a name, a call or a vector) but found the end of the line.' }]);
  });

  it('leaves every complete statement below with its value, and the checks their verdicts', () => {
    const fresh = analysisOf(text.replace('KL(P ||\n', ''));
    const below = shown(analysis).slice(4).map(({ line: _line, ...rest }) => rest);
    expect(below).toEqual(shown(fresh).slice(3).map(({ line: _line, ...rest }) => rest));
    expect(below.map((s) => s.pass)).toEqual([undefined, undefined, true, true]);
    expect(below[1].value).toBe(-(0.75 * Math.log2(0.75) + 0.2 * Math.log2(0.2) + 0.05 * Math.log2(0.05)));
  });
});

describe('other half-typed lines', () => {
  it('a half-typed vector assignment above an expression', () => {
    const analysis = analysisOf('Q = [0.75, 0.2,\nH([0.5, 0.5])\nx = 2');
    expect(shown(analysis).map((s) => [s.text, s.value])).toEqual([['Q = [0.75, 0.2,', undefined], ['H([0.5, 0.5])', Math.LN2], ['x = 2', 2]]);
    expect(errorsOf(analysis).map((e) => [e.line, e.code])).toEqual([[1, 'syntax']]);
  });

  it('a half-typed map and a half-typed call, one under the other, each cut before the next complete line', () => {
    const analysis = analysisOf('{cat: 0.5,\nH([1, 0])\nmax(1,\nmax(2, 3)');
    expect(shown(analysis).map((s) => [s.line, s.text, s.value])).toEqual([[1, '{cat: 0.5,', undefined], [2, 'H([1, 0])', 0], [3, 'max(1,', undefined], [4, 'max(2, 3)', 3]]);
    expect(errorsOf(analysis).map((e) => e.line)).toEqual([1, 3]);
  });

  it('a line that is not complete on its own stays in the broken statement, with the error where it is', () => {
    const analysis = analysisOf('M = [\n  [1, 0],\n  [0 1],\n]\nH([0.5, 0.5])');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, undefined], [5, Math.LN2]]);
    expect(errorsOf(analysis).map((e) => [e.line, e.column])).toEqual([[3, 6]]);
  });

  it('lines that look like a comment, a blank line or a directive are not complete statements that end it', () => {
    const analysis = analysisOf('KL([1, 0] ||\n  # the prediction:\n  [0.5, 0.5])\nH([1, 0])');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, Math.LN2], [4, 0]]);
  });
});

describe('statements over several lines that parse are whole', () => {
  it('a matrix over several lines with comments', () => {
    const analysis = analysisOf('M = [\n  [0.2, 0.8],   # first row\n  # (a comment line)\n  [0.5, 0.5]    # the last row parses on its own\n]\nH(M)');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, 'matrix'], [6, -(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8) + Math.log(0.5)) / 2]]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('a labelled map over several lines with comments', () => {
    const analysis = analysisOf('L = {\n  cat: 0.5,  # mostly\n  # a comment line\n  dog: 0.5\n}\nH(L)');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, 'vector'], [6, Math.LN2]]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('a call whose arguments are lines that parse on their own', () => {
    const analysis = analysisOf('max(\n  1,\n  2\n)\nKL([1, 0] ||\n  [0.5, 0.5]\n)');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, 2], [5, Math.LN2]]);
  });

  it('a vector written with leading commas, most of whose lines parse alone', () => {
    const analysis = analysisOf('P = [\n  0.25\n  , 0.75\n]\nH(P)');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, 'vector'], [5, -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75))]]);
  });

  it('a half-typed line that the lines below complete is one statement: `KL(P ||` over `Q)`', () => {
    const analysis = analysisOf('P = [1, 0]\nQ = [0.5, 0.5]\nKL(P ||\nQ)');
    expect(shown(analysis).map((s) => [s.line, s.value])).toEqual([[1, 'vector'], [2, 'vector'], [3, Math.LN2]]);
  });
});

describe('in the kl blocks of a Markdown note', () => {
  const note = ['# Notes', '', '```kl', 'P = [1, 0]', 'KL(P ||', 'H(P)', '```', '', 'Prose.', '', '```kl', 'H([0.5, 0.5])', 'max(1,', '```', '', '```kl', '2', '```'].join('\n');
  const analysis = analysisOf(note, 'markdown');

  it('cuts the half-typed line before the next complete one, with the note’s line numbers', () => {
    expect(shown(analysis).map((s) => [s.line, s.text, s.value])).toEqual([
      [4, 'P = [1, 0]', 'vector'],
      [5, 'KL(P ||', undefined],
      [6, 'H(P)', 0],
      [12, 'H([0.5, 0.5])', Math.LN2],
      [13, 'max(1,', undefined],
      [17, '2', 2],
    ]);
  });

  it('ends an open statement at the end of its block: the error is on the half-typed line, the next block is evaluated', () => {
    expect(errorsOf(analysis).map((e) => e.line)).toEqual([5, 13]);
  });
});

describe('whatever the lines, one half-typed line costs only itself', () => {
  const COMPLETE = ['P = [0.5, 0.5]', 'Q = [0.9, 0.1]', 'H(P)', 'KL(P || Q)', 'KL(P || Q) ≈ 0.5', 'x = max(1, 2)', '[0.25, 0.75]', '-1', '{a: 0.5, b: 0.5}', 'H(P, Q) == H(P) + KL(P || Q)', 'units bits', '# a comment'];
  // Not a half-typed assignment: that one unbinds its name, and the statements reading it say so.
  const HALF_TYPED = ['KL(P ||', 'H(P', '[0.5,', 'max(', '{a: 0.5,', 'KL(P || [0.5,', 'H((P)', '-(1 +'];

  it('every other statement keeps its text and value, and the only error is on the half-typed line', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...COMPLETE), { minLength: 1, maxLength: 12 }), fc.constantFrom(...HALF_TYPED), fc.nat(), (lines, half, at) => {
        const place = at % (lines.length + 1);
        const withHalf = analysisOf([...lines.slice(0, place), half, ...lines.slice(place)].join('\n'));
        const without = analysisOf(lines.join('\n'));
        const others = shown(withHalf).filter((s) => s.line !== place + 1).map(({ text, value, pass }) => ({ text, value, pass }));
        expect(others).toEqual(shown(without).map(({ text, value, pass }) => ({ text, value, pass })));
        expect(errorsOf(withHalf).filter((e) => e.code === 'syntax').map((e) => e.line)).toEqual([place + 1]);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('any mix of fragments and lines splits into statements in order, each of whole lines, without throwing', () => {
    const FRAGMENTS = [...COMPLETE, ...HALF_TYPED, 'Q = [0.75, 0.2,', ')', ']', '}', '  1,', '  Q)', '', ']])', '((', 'x = (', '"unclosed'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const analysis = analysisOf(text);
        let end = -1;
        for (const { source } of analysis.statements) {
          expect(source.offset).toBeGreaterThan(end);
          expect(source.offset === 0 || text[source.offset - 1] === '\n').toBe(true);
          expect(text.slice(source.offset, source.offset + source.text.length)).toBe(source.text);
          end = source.offset + source.text.length;
        }
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
