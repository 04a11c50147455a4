// A hover on a measure of long vectors (`KL(P || P)` over 10^7 outcomes took
// 2–3 s on the server's thread): the server's thread shows the analysis's
// value and formula, and never writes the sum term by term, the chart or the
// libraries' values for more than OUTCOMES_WRITTEN_HERE outcomes. The
// background thread writes them once, after its analysis; the hover then shows them.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { hover } from '../../server/src/features/hover';
import { keepLongSections, longMeasureStatements, writeLongSections } from '../../server/src/hover/backgroundSections';
import * as libraryCalls from '../../server/src/hover/libraryCalls';
import { OUTCOMES_WRITTEN_HERE } from '../../server/src/hover/measureHover';
import * as termByTerm from '../../server/src/hover/termByTerm';

vi.mock('../../server/src/hover/termByTerm', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/hover/termByTerm')>();
  return { ...actual, termByTerm: vi.fn(actual.termByTerm) };
});
vi.mock('../../server/src/hover/libraryCalls', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/hover/libraryCalls')>();
  return { ...actual, libraryCalls: vi.fn(actual.libraryCalls) };
});

const passesOverTerms = () => vi.mocked(termByTerm.termByTerm).mock.calls.length + vi.mocked(libraryCalls.libraryCalls).mock.calls.length;
const OUTCOMES = OUTCOMES_WRITTEN_HERE + 1;
const TEXT = `P = uniform(${OUTCOMES})\nKL(P || P)\n`;
const ON_KL = TEXT.indexOf('KL') + 1;
const hoverText = (analysis: Analysis) => (hover(analysis, ON_KL)?.contents as { value: string }).value;

afterEach(() => {
  vi.mocked(termByTerm.termByTerm).mockClear();
  vi.mocked(libraryCalls.libraryCalls).mockClear();
});

describe(`a hover on KL(P || P) over ${OUTCOMES.toLocaleString('en-US')} outcomes`, () => {
  let analysis: Analysis;
  beforeAll(() => {
    analysis = analyze(TEXT, 'kl');
  });

  it('on the server\'s thread: the value and the formula, and no pass over the terms', () => {
    const text = hoverText(analysis);
    expect(text).toContain('**0 nats**');
    expect(text).toContain('D_KL(P‖P) = Σᵢ pᵢ·ln(pᵢ/qᵢ)');
    expect(text).toContain(`${OUTCOMES.toLocaleString('en-US')} outcomes: the sum term by term, the chart and the libraries' values are written only by the background thread`);
    expect(passesOverTerms()).toBe(0);
    // Hovered again: still nothing written here.
    hoverText(analysis);
    expect(passesOverTerms()).toBe(0);
  });

  it('once the background thread wrote them (one pass each), the term-by-term sum and the libraries, without writing them again', () => {
    // What the worker does after its analysis, and what the server's thread keeps of it (on its own revived copy: here, the same analysis).
    expect(longMeasureStatements(analysis)).toEqual([1]);
    const written = [writeLongSections(analysis, 1)];
    expect(vi.mocked(termByTerm.termByTerm).mock.calls.length).toBe(1);
    expect(vi.mocked(libraryCalls.libraryCalls).mock.calls.length).toBe(1);
    const revived = analyze(TEXT, 'kl');
    keepLongSections(revived, structuredClone(written));
    vi.mocked(termByTerm.termByTerm).mockClear();
    vi.mocked(libraryCalls.libraryCalls).mockClear();
    const text = hoverText(revived);
    expect(text).toMatch(/D_KL\(P‖P\) = \d.*·ln/);
    expect(text).toContain('scipy.stats.entropy(p, q)');
    expect(text).not.toContain('written only by the background thread');
    expect(passesOverTerms()).toBe(0);
  });

  it('a short measure is written at once, as before', () => {
    const short = analyze('P = [0.25, 0.75]\nKL(P || [0.5, 0.5])\n', 'kl');
    expect((hover(short, 18)?.contents as { value: string }).value).toContain('D_KL(P‖Q) = 0.25·ln(0.25/0.5) + 0.75·ln(0.75/0.5)');
    expect(passesOverTerms()).toBe(2);
  });
});
