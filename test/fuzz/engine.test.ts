// The engine on random input: token soup and damaged real documents, through
// the parser, `analyze` (a .kl file and a Markdown note with LaTeX math) and
// the incremental path. Nothing may throw, and what comes out must hold
// together: spans inside the text, a value or a diagnostic for every
// statement, never NaN as a value. Seeded (FUZZ_SEED), so a failure printed
// by fast-check replays exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonReport, reportOf } from '../../server/src/cli/report';
import { analyze, type DocumentAnalysis } from '../../server/src/notes/documentAnalysis';
import type { Span } from '../../server/src/language/span';
import { parseStatement } from '../../server/src/language/parser';
import { hasNaN } from '../../server/src/language/values';
import { FUZZ_SEED, klTokenSoup, mutated, noteSoup, realKlDocuments, realNotes, repeatedKl, repeatedLatex, runs } from './documents';

const within = (span: Span, length: number) => span.start >= 0 && span.start <= span.end && span.end <= length;

/** What must hold of any analysis, whatever the text. */
function expectCoherent(analysis: DocumentAnalysis): void {
  const { text } = analysis;
  for (const diagnostic of analysis.diagnostics) {
    expect(within(diagnostic.span, text.length), `diagnostic ${diagnostic.code} at ${JSON.stringify(diagnostic.span)}`).toBe(true);
    expect(diagnostic.message.length).toBeGreaterThan(0);
    for (const related of diagnostic.related ?? []) expect(within(related.span, text.length)).toBe(true);
  }
  let previousEnd = 0;
  for (const { source, parsed, result } of analysis.statements) {
    expect(source.offset).toBeGreaterThanOrEqual(previousEnd);
    expect(text.slice(source.offset, source.offset + source.text.length)).toBe(source.text);
    previousEnd = source.offset + source.text.length;
    for (const diagnostic of [...parsed.diagnostics, ...result.diagnostics]) {
      expect(within(diagnostic.span, source.text.length), `statement diagnostic ${diagnostic.code} in ${JSON.stringify(source.text)}`).toBe(true);
    }
    const kind = parsed.statement.kind;
    const said = parsed.diagnostics.length + result.diagnostics.length > 0;
    if (kind === 'assignment' || kind === 'expression') expect(result.value !== undefined || said, source.text).toBe(true);
    if (kind === 'check') expect(result.check !== undefined || said, source.text).toBe(true);
    if (result.value) expect(hasNaN(result.value), source.text).toBe(false);
  }
  for (const formula of analysis.math?.formulas ?? []) {
    expect(within(formula.region.span, text.length)).toBe(true);
    for (const part of formula.parts) expect(within(part.span, text.length)).toBe(true);
    for (const relation of formula.relations) expect(within(relation.span, text.length)).toBe(true);
  }
  const json = jsonReport([reportOf('fuzz', analysis)]);
  expect(json).not.toMatch(/"value": "NaN"/);
}

const options = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns: runs(numRuns) });

describe('fuzzing the parser', () => {
  it('never throws on token soup, and its spans stay inside the statement', () => {
    fc.assert(
      fc.property(klTokenSoup, (text) => {
        const { diagnostics } = parseStatement(text);
        for (const diagnostic of diagnostics) expect(within(diagnostic.span, text.length)).toBe(true);
      }),
      options(3000),
    );
  });
});

describe('fuzzing the analysis of .kl documents', () => {
  it('token soup gives a coherent analysis', () => {
    fc.assert(fc.property(klTokenSoup, (text) => expectCoherent(analyze(text, 'kl'))), options(2000));
  });

  const documents = realKlDocuments();
  it(`damaged real documents (${documents.length} examples and fixtures) give a coherent analysis`, () => {
    fc.assert(fc.property(mutated(documents), (text) => expectCoherent(analyze(text, 'kl'))), options(1500));
  });

  it('after an edit, the incremental analysis says exactly what a fresh one says', () => {
    fc.assert(
      fc.property(fc.constantFrom(...documents), mutated(documents), (before, after) => {
        const incremental = analyze(after, 'kl', undefined, analyze(before, 'kl'));
        const fresh = analyze(after, 'kl');
        expectCoherent(incremental);
        expect(incremental.diagnostics).toEqual(fresh.diagnostics);
        expect(incremental.statements.map((s) => s.result.value)).toEqual(fresh.statements.map((s) => s.result.value));
      }),
      options(500),
    );
  });
});

describe('fuzzing with long repetitions, where lengths and depths reach their limits', () => {
  it('a few KL tokens repeated thousands of times give a coherent analysis', () => {
    fc.assert(fc.property(repeatedKl, (text) => expectCoherent(analyze(text, 'kl'))), options(60));
  }, 120_000);

  it('a few LaTeX tokens repeated thousands of times in a formula give a coherent analysis', () => {
    fc.assert(fc.property(repeatedLatex, (text) => expectCoherent(analyze(`\`\`\`kl\nP = [0.5, 0.5]\n\`\`\`\n${text}`, 'markdown'))), options(60));
  }, 120_000);
});

describe('fuzzing the analysis of Markdown notes, with their LaTeX math', () => {
  it('note soup (kl fences, math, stray dollars) gives a coherent analysis', () => {
    fc.assert(fc.property(noteSoup, (text) => expectCoherent(analyze(text, 'markdown'))), options(1500));
  });

  const notes = realNotes();
  it(`damaged real notes (${notes.length} example notes and LaTeX corpus snippets) give a coherent analysis`, () => {
    fc.assert(fc.property(mutated(notes), (text) => expectCoherent(analyze(text, 'markdown'))), options(1500));
  });
});
