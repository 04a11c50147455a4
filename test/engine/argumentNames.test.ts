// A measure's diagnostics name its arguments as written, not as the formula's
// P and Q: `KL(P || R)` over mismatched lengths speaks of R.
import { describe, expect, it } from 'vitest';
import { analysisOf } from './evaluate';

const messages = (text: string) => analysisOf(text).diagnostics.map((diagnostic) => diagnostic.message);

describe('the names in a measure’s diagnostics', () => {
  it('are the arguments as written when lengths differ', () => {
    expect(messages('P = [0.5, 0.5]\nR = [0.2, 0.3, 0.5]\nKL(P || R)')).toContain('P has 2 outcomes and R has 3; they must have the same number of outcomes.');
  });

  it('are the argument as written for a negative entry', () => {
    expect(messages('Q = [0.75, -0.2, 0.45]\nH(Q)').join('\n')).toMatch(/^Q has a negative probability -0\.2 at outcome 2\./m);
  });
});
