// On a thread with a deadline, an operation is started only if it can be
// expected to end before it (context.ts, NANOSECONDS_PER_NUMBER): the clock is
// read only between operations, so one that would end far past the deadline
// must not begin. Which operations begin is seen by counting the calls of the
// loops that do their work.
import { describe, expect, it, vi } from 'vitest';
import { type AnalysisOptions } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import * as longMeasures from '../../server/src/language/longMeasures';
import * as softmax from '../../server/src/language/softmax';

vi.mock('../../server/src/language/softmax', async (original) => {
  const actual = await original<typeof import('../../server/src/language/softmax')>();
  return { ...actual, softmaxRows: vi.fn(actual.softmaxRows) };
});
vi.mock('../../server/src/language/longMeasures', async (original) => {
  const actual = await original<typeof import('../../server/src/language/longMeasures')>();
  return { ...actual, entropyNats: vi.fn(actual.entropyNats) };
});

const TIMED: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 10_000_000 }, timePerStatement: 25 };

describe('an operation under a deadline', () => {
  it('does not start a softmax of a million entries (about 50 ms by its estimate) with 25 ms to go', () => {
    const softmaxRows = vi.mocked(softmax.softmaxRows);
    softmaxRows.mockClear();
    const analysis = analyze('y = softmax(uniform(10^6))\n', 'kl', TIMED);
    expect(analysis.statements[0].result.pending).toBe('slow');
    expect(softmaxRows).not.toHaveBeenCalled();
  });

  it('starts the same softmax on a thread without a deadline', () => {
    const softmaxRows = vi.mocked(softmax.softmaxRows);
    softmaxRows.mockClear();
    const analysis = analyze('y = softmax(uniform(10^6))\n', 'kl', { ...TIMED, timePerStatement: undefined });
    expect(analysis.statements[0].result.pending).toBeUndefined();
    expect(softmaxRows).toHaveBeenCalledTimes(1);
  });

  it('starts a measure of a million outcomes (about 10 ms by its estimate)', () => {
    const entropyNats = vi.mocked(longMeasures.entropyNats);
    entropyNats.mockClear();
    analyze('P = uniform(10^6)\nH(P)\n', 'kl', TIMED);
    expect(entropyNats).toHaveBeenCalledTimes(1);
  });
});
