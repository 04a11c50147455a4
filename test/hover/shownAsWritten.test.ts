// What the lens and the hover show of what the user wrote: a parenthesis kept,
// a comment left out, a written number as written, a warning once, and every
// number of a lens at the digits the setting asks for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeLenses } from '../../server/src/features/codeLens';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { analysisOf } from '../engine/evaluate';

const EXAMPLES = path.resolve(__dirname, '../../examples');

function lensTitles(text: string, digits = 5): Map<number, string> {
  const analysis = analysisOf(text);
  return new Map(new CodeLenses().lenses('file:///lens.kl', analysis, digits).map((lens) => [lens.range.start.line + 1, lens.command?.title ?? '']));
}

function hoverAt(text: string, needle: string, shift = 0): string {
  const analysis = analysisOf(text);
  const answer = hover(analysis, text.indexOf(needle) + shift);
  if (!answer) throw new Error(`no hover at ${needle}`);
  return (answer.contents as { value: string }).value;
}

describe('the right side of a check in its lens', () => {
  it('keeps the parenthesis it starts with (examples/gradients.kl)', () => {
    const text = readFileSync(path.join(EXAMPLES, 'gradients.kl'), 'utf8');
    const line = text.split('\n').findIndex((each) => each.includes('≈ (softmax(z) - y) / log(2)')) + 1;
    expect(lensTitles(text).get(line)).toMatch(/^✓ \(softmax\(z\) - y\) \/ log… \(\[/);
  });

  it('keeps parentheses at either end, whole', () => {
    const titles = lensTitles('x = 0.5\n(x + 1) * 2 ≈ (x + 1) * 2\nx ≈ (x)\n2 * (x + 1) ≈ 2 * (x + 1)');
    expect(titles.get(2)).toBe('✓ (x + 1) * 2 (3)');
    expect(titles.get(3)).toBe('✓ (x) (0.5)');
    expect(titles.get(4)).toBe('✓ 2 * (x + 1) (3)');
  });

  it('leaves out the comments of a right side written over several lines', () => {
    const titles = lensTitles('softmax([2, 1, 0.1]) ≈ [0.659,  # the true class\n  0.242, 0.099]');
    expect(titles.get(1)).toBe('✓ [0.659, 0.242, 0.099] ([0.659, 0.24243, 0.098566])');
  });
});

describe('the hover of an expression in parentheses', () => {
  it('repeats the expression whole', () => {
    expect(hoverAt('(0.5 + 0.25) * 2', '*')).toContain('`(0.5 + 0.25) * 2` = **1.5**');
  });
});

describe('a number the user wrote', () => {
  it('is shown as written in the hover of its statement and of its name, not as its double', () => {
    expect(hoverAt('0.415', '0.415')).toBe('**0.415**');
    expect(hoverAt('-0.341', '0.341')).toBe('**-0.341**');
    expect(hoverAt('x = 0.415\nx', 'x', 'x = 0.415\n'.length)).toBe('`x` — defined at line 1\n\n**0.415**');
    expect(hoverAt('75%', '75')).toBe('`75%` = **0.75**');
  });

  it('is shown as written in the hover of a check', () => {
    expect(hoverAt('x = 0.415\nx ≈ 0.425', '≈')).toContain('✗ **check fails**: 0.415 differs from `0.425`');
    expect(hoverAt('x = 0.415\nx ≈ 0.4', '≈')).toContain('✓ **check passes**: 0.415 is within ±0.05 of `0.4`');
  });

  it('a computed number keeps its 17 digits', () => {
    // -log2(0.75) = 0.41503749927884381… (mpmath)
    expect(hoverAt('units bits\nKL([1, 0] || [0.75, 0.25])', 'KL')).toContain('**0.41503749927884381 bits**');
    expect(hoverAt('0.4 + 0.015', '+')).toContain('`0.4 + 0.015` = **0.41500000000000004**');
  });
});

describe('the warnings of a hover', () => {
  it('leaves out the warning under the pointer, which the editor already shows there (examples/cross-entropy.kl)', () => {
    const text = readFileSync(path.join(EXAMPLES, 'cross-entropy.kl'), 'utf8');
    const shown = hoverAt(text, 'KL(Q || P)');
    expect(shown).toContain('= ∞ bits');
    expect(shown.match(/is infinite/g)).toBeNull();
  });

  it('shows a warning located elsewhere in the statement once', () => {
    const shown = hoverAt('units bits\nP = [1, 0]\nQ = [0.5, 0.5]\nKL(Q || P) ≈ 1', '≈');
    expect(shown.match(/is infinite/g)).toHaveLength(1);
  });
});

describe('the digits of a lens', () => {
  const TEXT = 'units bits\nH([0.7, 0.2, 0.1])\nsoftmax([2, 1, 0.1])\n{cat: 1/3, dog: 2/3}\nnormal(1/3, 2/3)';

  it.each([3, 5, 8])('are kl.significantDigits for every number, scalar or entry (%i)', (digits) => {
    // H([0.7, 0.2, 0.1]) = 1.15677964944… bits; softmax([2, 1, 0.1]) = [0.65900113888…, 0.24243297070…, 0.09856589040…] (mpmath).
    const round = (x: number) => String(Number(x.toPrecision(digits)));
    const titles = lensTitles(TEXT, digits);
    expect(titles.get(2)).toBe(`H = ${round(1.1567796494470395)} bits`);
    expect(titles.get(3)).toBe(`= [${[0.6590011388859679, 0.24243297070471392, 0.09856589040931818].map(round).join(', ')}]`);
    expect(titles.get(4)).toBe(`= {cat: ${round(1 / 3)}, dog: ${round(2 / 3)}}`);
    expect(titles.get(5)).toBe(`= normal(${round(1 / 3)}, ${round(2 / 3)})`);
    const analysis = analysisOf(TEXT);
    const hints = inlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, digits).map((hint) => hint.label);
    expect(hints).toContain(`= [${[0.6590011388859679, 0.24243297070471392, 0.09856589040931818].map(round).join(', ')}]`);
  });
});
