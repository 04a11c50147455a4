// `precision N` work on the server's thread: a measure whose BigNumber
// logarithms would outlast the statement's time (25 ms in the server) is not
// started there. It is left pending, like any slow statement, for the
// background thread, which computes it with no time limit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AnalysisOptions } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import * as bigMeasures from '../../server/src/language/bigMeasures';

vi.mock('../../server/src/language/bigMeasures', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/language/bigMeasures')>();
  return { ...actual, preciseMeasure: vi.fn(actual.preciseMeasure) };
});

const SERVER_THREAD: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 10_000_000 }, timePerStatement: 25 };
const preciseCalls = () => vi.mocked(bigMeasures.preciseMeasure).mock.calls.length;

afterEach(() => vi.mocked(bigMeasures.preciseMeasure).mockClear());

/** Twenty measures at 1000 digits, each of other numbers (nothing is reused). */
const twentyLines = `precision 1000\n${Array.from({ length: 20 }, (_, i) => `H([0.${10 + i}, 0.${90 - i}])`).join('\n')}\n`;

describe('precise measures on a thread with a deadline', () => {
  it('leaves each measure at precision 1000 pending, without taking a single BigNumber logarithm', () => {
    const analysis = analyze(twentyLines, 'kl', SERVER_THREAD);
    expect(analysis.statements.slice(1).map((s) => s.result.pending)).toEqual(Array(20).fill('slow'));
    expect(analysis.pending).toEqual({ statements: 20, timedOutNow: true });
    expect(preciseCalls()).toBe(0);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('does the same for KL, BCE and perplexity, and for a statement that reads a pending one', () => {
    const text = 'precision 1000\nP = [0.25, 0.75]\nQ = [0.5, 0.5]\nk = KL(P || Q)\nBCE(0.25, 0.5)\nperplexity(P)\nk + 1\n';
    const analysis = analyze(text, 'kl', SERVER_THREAD);
    expect(analysis.statements.map((s) => s.result.pending)).toEqual([undefined, undefined, undefined, 'slow', 'slow', 'slow', 'reads-pending']);
    expect(preciseCalls()).toBe(0);
  });

  it('computes a cheap precise measure at once (precision 50)', () => {
    const analysis = analyze('precision 50\nH([0.25, 0.75])\n', 'kl', SERVER_THREAD);
    expect(analysis.pending).toBeUndefined();
    expect(analysis.statements[1].result.value).toMatchObject({ precise: expect.stringMatching(/^0\.56233514461880\d+/) });
  });

  it('gives the background thread (no deadline) every precise value', () => {
    const analysis = analyze('precision 1000\nH([0.25, 0.75])\n', 'kl');
    expect(analysis.pending).toBeUndefined();
    const precise = (analysis.statements[1].result.value as { precise?: string }).precise ?? '';
    // H([1/4, 3/4]) = ln 4 − (3/4) ln 3 = 0.5623351446188083…, to 1000 digits.
    expect(precise.replace(/^0\./, '').length).toBeGreaterThanOrEqual(999);
    expect(precise.startsWith('0.56233514461880')).toBe(true);
  });
});
