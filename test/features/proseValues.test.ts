// Values in prose: a `` `kl: …` `` code span in a note's text, evaluated with
// the bindings of the kl blocks above it (checked against mpmath), shown as an
// inlay hint and a hover; what is wrong in one is a warning on it, and the
// rest of the note is untouched. Hostile spans (HTML, 1 MB, a thousand) too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { FeatureDocument } from '../support/markedDocument';

interface ProseCase {
  name: string;
  note: string;
  expected: { value: string; unit: string }[];
}

const CASES = (JSON.parse(readFileSync(path.join(__dirname, '../fixtures/prose-values.json'), 'utf8')) as { cases: ProseCase[] }).cases;
const RELATIVE = 1e-12;

function note(text: string, settings: Record<string, unknown> = {}): FeatureDocument {
  return new FeatureDocument(text, { uri: 'file:///prose/note.md', settings });
}

describe('values in prose, against mpmath', () => {
  for (const reference of CASES) {
    it(reference.name, () => {
      const values = analyze(reference.note, 'markdown').prose!.values;
      expect(values).toHaveLength(reference.expected.length);
      values.forEach((prose, i) => {
        const value = prose.value!;
        expect(value.kind).toBe('number');
        if (value.kind !== 'number') return;
        const expected = Number(reference.expected[i].value);
        expect(Math.abs(value.value - expected)).toBeLessThanOrEqual(RELATIVE * Math.abs(expected));
        expect(value.unit).toBe(reference.expected[i].unit);
      });
    });
  }
});

describe('values in prose in the editor', () => {
  const text = CASES[0].note;

  it('has an inlay hint after each span, with the significant digits of the setting', () => {
    const document = note(text);
    const hints = document.inlayHints().filter((hint) => String(hint.label).startsWith('='));
    expect(hints.map((hint) => hint.label)).toEqual(['= 0.20752 bits', '= 1 bits']);
    expect(hints[0].position).toEqual(document.positionAfter('`kl: KL(P || Q)`'));
    expect(note(text, { significantDigits: 3 }).inlayHints().map((hint) => hint.label)).toContain('= 0.208 bits');
  });

  it('has a hover on the span with the value at full precision', () => {
    const document = note(text);
    expect(document.hoverText({ needle: 'KL(P || Q)`', shift: 3 })).toBe('`KL(P || Q)` = 0.20751874963942191 bits');
  });

  it('sees only the bindings above it: a span above the block names an unknown name, a warning on the name', () => {
    const document = note('Before: `kl: KL(P || Q)`.\n\n```kl\nP = [0.5, 0.5]\nQ = [0.25, 0.75]\nKL(P || Q)\n```\n');
    const warnings = document.diagnostics().filter((d) => d.range.start.line === 0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].severity).toBe(2);
    expect(document.textIn(warnings[0].range)).toBe('P');
    expect(warnings[0].message).toContain('P');
    expect(document.inlayHints().map((hint) => hint.label)).toContainEqual(expect.stringMatching(/^⚠ /));
    // The block below still has its value.
    expect(document.lensTitles().concat(document.inlayHints().map((hint) => String(hint.label))).join('\n')).toContain('KL = 0.14384 nats');
  });

  it('a span that does not parse gets a located warning, and the note keeps working', () => {
    const text = '```kl\nP = [0.5, 0.5]\n```\n\nBroken `kl: H(P` and fine `kl: H(P)`.\n';
    const analysis = analyze(text, 'markdown');
    const values = analysis.prose!.values;
    expect(values.map((prose) => prose.value === undefined)).toEqual([true, false]);
    const warning = analysis.diagnostics.find((d) => d.severity === 'warning' && d.span.start > text.indexOf('Broken'))!;
    expect(warning.span.start).toBeGreaterThanOrEqual(text.indexOf('`kl: H(P`'));
    expect(warning.span.end).toBeLessThanOrEqual(text.indexOf('` and'));
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses an assignment, a check and an empty span with a warning, and ignores spans in fences, math and comments', () => {
    const text = '```kl\nP = [0.5, 0.5]\n```\n\n`kl: X = 1` `kl: H(P) == 0` `kl:`\n\n```\n`kl: H(P)`\n```\n\n$`kl: H(P)`$ <!-- `kl: H(P)` -->\n';
    const analysis = analyze(text, 'markdown');
    expect(analysis.prose!.values.map((prose) => prose.error)).toEqual([
      expect.stringContaining('not an assignment'),
      expect.stringContaining('not a check'),
      expect.stringContaining('needs an expression'),
    ]);
  });

  it('leaves a plain code span alone', () => {
    expect(analyze('Write `H(P)` or `kl` or `klx: 1`.\n', 'markdown').prose!.values).toEqual([]);
  });
});

describe('hostile values in prose', () => {
  it('a span holding HTML and Markdown is evaluated as code and reported, never run', () => {
    const analysis = analyze('`kl: <script>alert(1)</script> **x**`\n', 'markdown');
    expect(analysis.prose!.values).toHaveLength(1);
    expect(analysis.prose!.values[0].error).toBeDefined();
    expect(analysis.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('a 1 MB span is refused with a located warning', () => {
    const span = `\`kl: ${'1 + '.repeat(250_000)}1\``;
    const analysis = analyze(`Text ${span}.\n`, 'markdown');
    expect(analysis.prose!.values).toHaveLength(1);
    expect(analysis.prose!.values[0].value).toBeUndefined();
    expect(analysis.prose!.values[0].source.length).toBeLessThanOrEqual(200);
    expect(analysis.diagnostics.map((d) => [d.code, d.severity, d.span])).toEqual([['too-large', 'warning', { start: 5, end: 5 + span.length }]]);
  });

  it('on a thread with a time limit, the spans not reached are pending, for the background thread', () => {
    const text = '```kl\nP = [0.5, 0.5]\n```\n\n' + Array.from({ length: 1000 }, (_, i) => `\`kl: H(P) + ${i}\`\n`).join('\n');
    const limited = analyze(text, 'markdown', { defaultUnits: 'nats', limits: { maxElements: 1e7 }, timePerStatement: 1e-6 });
    expect(limited.prose!.unevaluated).toBeGreaterThan(0);
    expect(limited.prose!.values.length + limited.prose!.unevaluated!).toBe(1000);
    expect(limited.pending).toMatchObject({ statements: 0, formulas: limited.prose!.unevaluated, timedOutNow: true });
    // The background thread's analysis has no time limit: every span gets its value.
    const background = analyze(text, 'markdown', { defaultUnits: 'nats', limits: { maxElements: 1e7 } });
    expect(background.prose!.values).toHaveLength(1000);
    expect(background.pending).toBeUndefined();
  });

  it('past 10,000 spans, one warning says where the note stopped', () => {
    const text = Array.from({ length: 10_002 }, () => '`kl: 1`').join(' ') + '\n';
    const analysis = analyze(text, 'markdown');
    expect(analysis.prose!.values).toHaveLength(10_000);
    const stop = analysis.diagnostics.filter((d) => d.code === 'too-large');
    expect(stop.map((d) => [d.span.start, d.message])).toEqual([[10_000 * 8, expect.stringContaining('the first 10,000 values in prose of a note; this one and the 1 after it are not evaluated')]]);
  });

  it('a thousand spans each get their value', () => {
    const text = '```kl\nP = [0.5, 0.5]\n```\n\n' + Array.from({ length: 1000 }, (_, i) => `Line ${i}: \`kl: H(P) + ${i}\`.\n`).join('\n');
    const values = analyze(text, 'markdown').prose!.values;
    expect(values).toHaveLength(1000);
    values.forEach((prose, i) => expect(prose.value).toMatchObject({ kind: 'number', value: Math.log(2) + i }));
  });
});
