// A hover over a measure written inside a larger statement evaluates that
// measure on the server's thread, as the user points at it. It has the time
// of one statement there (25 ms in the server), like the analysis: a measure
// that would take longer (its BigNumber logarithms at `precision 200` are
// expected to take about 90 ms) shows KL's documentation instead of holding up
// every request behind it; with no time limit (the CLI, the background
// thread) the hover shows its value.
import { describe, expect, it } from 'vitest';
import { type AnalysisOptions } from '../../server/src/language/analysis';
import { BUILTINS } from '../../server/src/language/builtins';
import { hover } from '../../server/src/features/hover';
import { revivedAnalysis, transferredAnalysis } from '../../server/src/lsp/transferredAnalysis';
import { analyze } from '../../server/src/notes/documentAnalysis';

const SERVER_THREAD: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 10_000_000 }, timePerStatement: 25 };
const NO_TIME_LIMIT: AnalysisOptions = { defaultUnits: 'nats', limits: { maxElements: 10_000_000 } };

/** Ten outcomes at 200 digits: eleven logarithms for KL, about 8 ms each here. */
const P = '[0.05, 0.07, 0.09, 0.11, 0.13, 0.08, 0.12, 0.10, 0.14, 0.11]';
const Q = '[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]';
const DOCUMENT = (precision: string) => `${precision}P = ${P}\nQ = ${Q}\nH(P, Q) == H(P) + KL(P || Q)\n`;

/** The hover over `KL` in the check. */
function hoverOverKl(analysis: ReturnType<typeof analyze>): string {
  const result = hover(analysis, analysis.text.indexOf('KL(') + 1);
  const contents = result?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

/** What the hover shows instead of a value: KL's signature and summary. */
const DOCUMENTATION = `\`${BUILTINS.get('KL')?.signature}\`: ${BUILTINS.get('KL')?.summary}`;

describe('the hover of a measure inside a statement, on the server thread', () => {
  it('shows KL documentation, not its value, where that value would outlast a statement\'s time', () => {
    // The check itself is left pending for the background thread.
    const analysis = analyze(DOCUMENT('precision 200\n'), 'kl', SERVER_THREAD);
    expect(analysis.statements[3].result.pending).toBe('slow');
    expect(hoverOverKl(analysis)).toContain(DOCUMENTATION);
  });

  it('keeps to the server thread\'s time on an analysis the background thread computed', () => {
    const background = analyze(DOCUMENT('precision 200\n'), 'kl', NO_TIME_LIMIT);
    expect(background.statements[3].result.check?.pass).toBe(true);
    const here = revivedAnalysis(transferredAnalysis(background), SERVER_THREAD);
    expect(hoverOverKl(here)).toContain(DOCUMENTATION);
  });

  it('shows the value with no time limit, and of a measure in doubles within the time', () => {
    const precise = hoverOverKl(analyze(DOCUMENT('precision 200\n'), 'kl', NO_TIME_LIMIT));
    const doubles = hoverOverKl(analyze(DOCUMENT(''), 'kl', SERVER_THREAD));
    for (const shown of [precise, doubles]) {
      expect(shown).not.toContain(DOCUMENTATION);
      expect(shown).toMatch(/^`KL\(P \|\| Q\)` = \*\*\d/);
    }
  });
});
