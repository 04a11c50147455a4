// Analyses with a time limit per statement (what the server runs on its own
// thread): what would take long is left pending, never half-computed, and
// the rest of the document is exactly what an analysis without a limit gives.
import { describe, expect, it } from 'vitest';
import { type Analysis, type AnalysisOptions } from '../../server/src/language/analysis';
import { failPending } from '../../server/src/lsp/pendingFailure';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { NUMBERS_STARTED_UNDER_DEADLINE } from '../../server/src/language/context';

const TIMED: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 10_000_000 }, timePerStatement: 25 };
/** A limit no statement here reaches by the clock: what is left pending is left by its size. */
const GENEROUS: AnalysisOptions = { ...TIMED, timePerStatement: 60_000 };

const pendingOf = (analysis: Analysis) => analysis.statements.map((s) => s.result.pending);

describe('a time limit per statement', () => {
  it('leaves an operation on more than 2^21 numbers unstarted, and what reads its result, pending', () => {
    const text = `big = uniform(${NUMBERS_STARTED_UNDER_DEADLINE + 1})\nH(big)\nsmall = uniform(${NUMBERS_STARTED_UNDER_DEADLINE})\nH(small)\nH(big) + H(small)\n`;
    const analysis = analyze(text, 'kl', GENEROUS);
    expect(pendingOf(analysis)).toEqual(['slow', 'reads-pending', undefined, undefined, 'reads-pending']);
    expect(analysis.pending).toEqual({ statements: 3, timedOutNow: true });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.statements[3].result.value).toMatchObject({ value: expect.closeTo(Math.log(NUMBERS_STARTED_UNDER_DEADLINE), 12) });
  });

  it('stops a statement that runs past its time between two operations, and keeps none of its diagnostics', () => {
    // Each softmax of 10^5 entries is expected to take 5 ms and starts; forty of them are not under 25 ms. The 1e-400 would warn.
    const text = `y = ${'softmax('.repeat(40)}uniform(10^5) + 1e-400${')'.repeat(40)}\nz = 1\n`;
    const analysis = analyze(text, 'kl', TIMED);
    expect(pendingOf(analysis)).toEqual(['slow', undefined]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('does not change any value it lets finish', () => {
    const text = 'P = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\nJS(P || Q)\nH(uniform(1000))\ngrad(CE(P, softmax([1, 2, 3])), P)\n';
    const timed = analyze(text, 'kl', TIMED);
    const untimed = analyze(text, 'kl');
    expect(timed.pending).toBeUndefined();
    expect(timed.statements.map((s) => s.result.value)).toEqual(untimed.statements.map((s) => s.result.value));
  });

  it('reuses a pending result while the statement and its inputs stay the same, without trying again', () => {
    const text = `n = ${NUMBERS_STARTED_UNDER_DEADLINE + 1}\nH(uniform(n))\nx = 1\n`;
    const first = analyze(text, 'kl', GENEROUS);
    const edited = analyze(text.replace('x = 1', 'x = 2'), 'kl', GENEROUS, first);
    expect(edited.pending).toEqual({ statements: 1, timedOutNow: false });
    expect(edited.statements[1].result).toBe(first.statements[1].result);
    const changed = analyze(edited.text.replace('n = ', 'n = 1 + '), 'kl', GENEROUS, edited);
    expect(changed.pending?.timedOutNow).toBe(true);
  });

  it('re-evaluates what read a pending value when an edit makes it fail or compute, however far below', () => {
    const filler = Array.from({ length: 200 }, (_, i) => `x${i} = ${i}`).join('\n');
    const text = `y = uniform(${NUMBERS_STARTED_UNDER_DEADLINE + 1})\n${filler}\nH(y)\n`;
    const first = analyze(text, 'kl', GENEROUS);
    expect(first.statements.at(-1)?.result.pending).toBe('reads-pending');
    const failing = analyze(text.replace('uniform(', 'uniform(-'), 'kl', GENEROUS, first);
    expect(failing.pending).toBeUndefined();
    expect(failing.statements.at(-1)?.result.diagnostics.map((d) => d.code)).toEqual(['input-error']);
    const computing = analyze(failing.text.replace('uniform(-', 'uniform('), 'kl', GENEROUS, failing);
    expect(computing.statements.at(-1)?.result.pending).toBe('reads-pending');
    const small = analyze(computing.text.replace(`uniform(${NUMBERS_STARTED_UNDER_DEADLINE + 1})`, 'uniform(4)'), 'kl', GENEROUS, computing);
    expect(small.pending).toBeUndefined();
    expect(small.statements.at(-1)?.result.value).toMatchObject({ value: expect.closeTo(Math.log(4), 14) });
    expect(small.statements.map((s) => s.result.value)).toEqual(analyze(small.text, 'kl').statements.map((s) => s.result.value));
  });

  it('after a failure in the background, reports it on the statement and evaluates what read it again', () => {
    const text = `y = uniform(${NUMBERS_STARTED_UNDER_DEADLINE + 1})\nH(y)\n1 + 1\n`;
    const failed = failPending(analyze(text, 'kl', GENEROUS), 'out of memory');
    const next = analyze(text, 'kl', GENEROUS, failed);
    expect(next.pending).toBeUndefined();
    expect(next.diagnostics.map((d) => [d.code, d.span.start])).toEqual([['not-computed', 0], ['input-error', text.indexOf('y)')]]);
    expect(next.diagnostics[0].message).toBe('KL Lens could not compute this statement in the background: out of memory.');
    expect(next.statements[2].result.value).toMatchObject({ value: 2 });
  });
});
