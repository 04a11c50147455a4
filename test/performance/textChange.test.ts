// What an edit changed between two versions of a text, found by comparing
// them, and the line index of the new version made from the old one's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../server/src/language/span';
import { textChange } from '../../server/src/language/textChange';

const SEED = 20261127;

describe('what an edit changed', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 3000 });

  it('is the stretch between the common start and the common end of the two texts', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const { start, oldEnd, newEnd } = textChange(before, after);
        expect(before.slice(0, start)).toBe(after.slice(0, start));
        expect(before.slice(oldEnd)).toBe(after.slice(newEnd));
        expect(before.length - oldEnd).toBe(after.length - newEnd);
        // Nothing more is in common: the characters just inside the stretch differ (or it is empty on one side).
        if (start < oldEnd && start < newEnd) expect(before[start]).not.toBe(after[start]);
        if (oldEnd > start && newEnd > start) expect(before[oldEnd - 1]).not.toBe(after[newEnd - 1]);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('lets the line index of the old text become that of the new one', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edited = new LineIndex(before).edited(after, textChange(before, after));
        const fresh = new LineIndex(after);
        expect(edited.lineCount).toBe(fresh.lineCount);
        for (let line = 0; line < fresh.lineCount; line++) expect(edited.lineStart(line)).toBe(fresh.lineStart(line));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
