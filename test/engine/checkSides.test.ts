// What a check compares, as a user writes it: labelled distributions label by
// label, matrices entry by entry with each written number's own digits, and
// never an empty side. A failure says which entries differ, with the numbers
// the user wrote shown as written.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../server/src/language/diagnostics';
import { analysisOf } from './evaluate';

/** The last statement's check verdict and the document's diagnostics, with the text each one marks. */
function checked(text: string): { pass: boolean | undefined; diagnostics: (Pick<Diagnostic, 'code' | 'message'> & { at: string })[] } {
  const analysis = analysisOf(text);
  return {
    pass: analysis.statements.at(-1)?.result.check?.pass,
    diagnostics: analysis.diagnostics.map((d) => ({ code: d.code, message: d.message, at: text.slice(d.span.start, d.span.end) })),
  };
}

describe('a check of labelled distributions', () => {
  it('compares label by label: the same probabilities under swapped labels fail', () => {
    const result = checked('P = {cat: 0.9, dog: 0.1}\nP ≈ {dog: 0.9, cat: 0.1}');
    expect(result.pass).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].message).toBe("Check failed on 2 of 2 outcomes: 'cat': 0.9 vs 0.1 (±0.05); 'dog': 0.1 vs 0.9 (±0.05). Largest difference 0.8.");
  });

  it('passes when the labels match in another order', () => {
    expect(checked('P = {cat: 0.9, dog: 0.1}\nP ≈ {dog: 0.1, cat: 0.9}')).toEqual({ pass: true, diagnostics: [] });
  });

  it('counts a label missing on one side as 0 there, and says which side lacks it', () => {
    const result = checked('{a: 1} ≈ {b: 1}');
    expect(result.pass).toBe(false);
    expect(result.diagnostics[0].message).toBe("Check failed on 2 of 2 outcomes: 'a': 1 vs 0 (relative 0.000001, not on the right); 'b': 0 vs 1 (relative 0.000001, not on the left). Largest difference 1.");
    expect(checked('{a: 1, b: 0} ≈ {a: 1}')).toEqual({ pass: true, diagnostics: [] });
  });

  it("takes each label's tolerance from the digits written for that label", () => {
    // cat written 0.9004 allows ±0.00005: 0.9 is out; dog written 0.12 allows ±0.005: 0.1 is out.
    const result = checked('P = {cat: 0.9, dog: 0.1}\nP ≈ {dog: 0.1, cat: 0.9004}');
    expect(result.pass).toBe(false);
    expect(result.diagnostics[0].message).toBe("Check failed on 1 of 2 outcomes: 'cat': 0.9 vs 0.9004 (±0.00005). Largest difference 0.00039999999999995595.");
    expect(checked('P = {cat: 0.9, dog: 0.1}\nP ≈ {dog: 0.12, cat: 0.9}').diagnostics[0].message).toBe("Check failed on 1 of 2 outcomes: 'dog': 0.1 vs 0.12 (±0.005). Largest difference 0.01999999999999999.");
    expect(checked('P = {cat: 0.9, dog: 0.1}\nP ≈ {dog: 0.1, cat: 0.9}').pass).toBe(true);
  });

  it('compares a number with every outcome, by label', () => {
    const result = checked('P = {cat: 0.5, dog: 0.4}\nP ≈ 0.5');
    expect(result.diagnostics[0].message).toBe("Check failed on 1 of 2 outcomes: 'dog': 0.4 vs 0.5 (±0.05). Largest difference 0.09999999999999998.");
  });

  it('refuses to compare a labelled distribution with an unlabelled vector by position', () => {
    const result = checked('P = {cat: 0.9, dog: 0.1}\nP ≈ [0.9, 0.1]');
    expect(result.pass).toBeUndefined();
    expect(result.diagnostics).toEqual([{ code: 'type-mismatch', at: '≈', message: 'This check cannot compare its sides: a labelled distribution is compared label by label, and a vector of 2 entries has no labels; give it labels too, e.g. {cat: 0.7, dog: 0.3}.' }]);
  });

  it('aligns softmax values and loaded-style labels the way KL does: KL of the two sides is 0 exactly when the check passes', () => {
    const text = 'P = {cat: 0.9, dog: 0.1}\nQ = {dog: 0.1, cat: 0.9}\nKL(P || Q)\nP ≈ Q';
    const analysis = analysisOf(text);
    expect(analysis.statements[2].result.value).toMatchObject({ kind: 'number', value: 0 });
    expect(analysis.statements[3].result.check?.pass).toBe(true);
  });
});

describe('a check with an empty side', () => {
  const EMPTY = 'there is nothing to compare, so the check can neither pass nor fail. Write the values it should have.';

  it.each([
    ['[] ≈ 0.9', '[]', 'left', 'a vector of 0 entries'],
    ['[] ≈ 0', '[]', 'left', 'a vector of 0 entries'],
    ['[0.5] ≈ []', '[]', 'right', 'a vector of 0 entries'],
    ['{} ≈ {a: 1}', '{}', 'left', 'a labelled distribution of 0 outcomes'],
    ['[[]] ≈ 0', '[[]]', 'left', 'a 1×0 matrix'],
    ['E = []\nE ≈ 0.9', 'E', 'left', 'a vector of 0 entries'],
  ])('%s is an error on the empty side, not a ✓', (text, at, side, kind) => {
    const result = checked(text);
    expect(result.pass).toBeUndefined();
    expect(result.diagnostics).toEqual([{ code: 'empty-check', at, message: `The ${side} side of this check is empty (${kind}): ${EMPTY}` }]);
  });
});

describe('a check of matrices', () => {
  it('takes each entry\'s tolerance from its own digits, as for a vector', () => {
    expect(checked('[[0.2689, 0.7311]] ≈ [[0.269, 0.731]]')).toEqual({ pass: true, diagnostics: [] });
    expect(checked('[0.2689, 0.7311] ≈ [0.269, 0.731]')).toEqual({ pass: true, diagnostics: [] });
    expect(checked('softmax([[1, 2], [3, 3]]) ≈ [[0.269, 0.731], [0.5, 0.5]]')).toEqual({ pass: true, diagnostics: [] });
  });

  it('names a failing entry by row and column', () => {
    const result = checked('[[0.2689, 0.7311], [0.5, 0.5]] ≈ [[0.269, 0.731], [0.5, 0.6]]');
    expect(result.diagnostics[0].message).toBe('Check failed on 1 of 4 entries: row 2, column 2: 0.5 vs 0.6 (±0.05). Largest difference 0.09999999999999998.');
  });

  it('keeps the relative tolerance for a row that is not written out', () => {
    const result = checked('r = [0.2689, 0.7311]\n[[0.2689, 0.7311], [0.2689, 0.7311]] ≈ [r, [0.269, 0.731]]');
    expect(result).toEqual({ pass: true, diagnostics: [] });
    expect(checked('r = [0.269, 0.731]\n[[0.2689, 0.7311], [0.2689, 0.7311]] ≈ [r, [0.269, 0.731]]').pass).toBe(false);
  });

  it('refuses sides of different shapes, even with as many numbers', () => {
    expect(checked('[[1, 2, 3], [4, 5, 6]] ≈ [[1, 2], [3, 4], [5, 6]]').diagnostics).toEqual([{ code: 'type-mismatch', at: '≈', message: 'This check cannot compare its sides: the left side is a 2×3 matrix and the right side a 3×2 matrix.' }]);
    expect(checked('[[0.5, 0.5]] ≈ [0.5, 0.5]').diagnostics).toEqual([{ code: 'type-mismatch', at: '≈', message: 'This check cannot compare its sides: the left side is a 1×2 matrix and the right side a vector of 2 entries.' }]);
  });
});

describe('the numbers a failed check shows', () => {
  it('shows a number the user wrote as written, on either side and through a name', () => {
    expect(checked('x = -0.34\nx ≈ -0.341').diagnostics[0].message).toBe('Check failed: the left side is -0.34, the right side -0.341; they differ by 0.0010000000000000009, more than the tolerance ±0.0005.');
    expect(checked('v = [-0.34, 0.24]\nv ≈ [-0.341, 0.242]').diagnostics[0].message).toBe('Check failed on 2 of 2 entries: entry 1: -0.34 vs -0.341 (±0.0005); entry 2: 0.24 vs 0.242 (±0.0005). Largest difference 0.0020000000000000018.');
  });

  it('shows a computed number with all 17 digits', () => {
    // -log2(0.75) = 0.41503749927884381… (mpmath); a tolerance from digits is shown as the decimal it is.
    expect(checked('units bits\nKL([1, 0] || [0.75, 0.25]) ≈ 0.4149').diagnostics[0].message).toMatch(/^Check failed: the left side is 0\.41503749927884381 bits, the right side 0\.4149; they differ by 0\.00013749927884\d+, more than the tolerance ±0\.00005\.$/);
    // mpmath: e²/(e² + e + e^0.1) − 1 = -0.34099886111403209…
    expect(checked('softmax([2, 1, 0.1]) - onehot(1, 3) ≈ [-0.342, 0.242, 0.099]').diagnostics[0].message).toMatch(/^Check failed on 1 of 3 entries: entry 1: -0\.340998861114032\d* vs -0\.342 \(±0\.0005\)/);
  });
});
