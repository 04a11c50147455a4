// Whatever a user types, in whatever order, the analysis built from the
// previous one says exactly what a fresh analysis of the same text says: the
// same statements at the same places, the same values, bindings, inputs and
// diagnostics, the same lines. Edits come one after another (each analysis is
// the previous one of the next), some of several changes at once, in .kl files
// and in the kl blocks of Markdown notes, and near the document-wide limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnalysisOptions, type DocumentKind } from '../../server/src/language/analysis';
import { analyze, type DocumentAnalysis } from '../../server/src/notes/documentAnalysis';
import type { Binding } from '../../server/src/language/context';

const SEED = 20261127;

const LINES = [
  'P = [0.5, 0.5]',
  'Q = [0.9, 0.1]',
  'P = normalize([1, 3])',
  'KL(P || Q)',
  'H(P, Q) ≈ 0.7',
  'JS(P || Q) ≈ 0.1',
  'units bits',
  'units nats',
  'precision 20',
  'Q',
  'x = 1/3',
  'y = x + 1',
  'x = H(Z)',
  'Z = P',
  'R = [',
  '  0.25,',
  '  0.75]',
  'H(R)',
  'bad = nope + 1',
  'H(bad)',
  'P = [0.5, 0.5',
  'H(P) # entropy',
  '# a note',
  '',
  // Half-typed lines, and what may complete them a few lines below (the recovery rule).
  'KL(P ||',
  'max(',
  '  H(P),',
  ')',
  '  Q)',
];

/** What a user types into a line: characters that open and close brackets, start names, comments and lines. */
const TYPED = [' ', 'x', 'P', '1', '.', ',', '[', ']', '(', ')', '=', '#', '\n', '\n\n', 'Q = [0.5, 0.5]\n', 'H(P)'];

/** One change of an edit, placed by fractions of the text so that it fits any text. */
type Change =
  | { kind: 'replace line' | 'insert line' | 'delete line'; at: number; line: string }
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constantFrom('replace line' as const, 'insert line' as const, 'delete line' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), line: fc.constantFrom(...LINES) }),
  fc.record({ kind: fc.constant('type' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...TYPED) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 12 }) }),
);

/** An edit: one change, or several at once (what an editor sends for a multi-cursor edit or a replace-all). */
const edit = fc.array(change, { minLength: 1, maxLength: 3 });

function applied(text: string, { kind, at, ...rest }: Change): string {
  const lines = text.split('\n');
  const line = Math.min(lines.length - 1, Math.floor(at * lines.length));
  switch (kind) {
    case 'replace line':
      lines[line] = (rest as { line: string }).line;
      return lines.join('\n');
    case 'insert line':
      lines.splice(line, 0, (rest as { line: string }).line);
      return lines.join('\n');
    case 'delete line':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'type': {
      const offset = Math.floor(at * text.length);
      return text.slice(0, offset) + (rest as { text: string }).text + text.slice(offset);
    }
    case 'delete': {
      const offset = Math.floor(at * text.length);
      return text.slice(0, offset) + text.slice(offset + (rest as { length: number }).length);
    }
  }
}

/** A binding as the features see it: its name, where it was assigned, its value. */
const bindingSaid = (binding: Binding | undefined) => binding && { name: binding.name, definition: binding.definition, value: binding.value };

/** Everything an analysis says, as plain data. */
function said(analysis: DocumentAnalysis) {
  return {
    regions: analysis.regions,
    lineStarts: Array.from({ length: analysis.lineIndex.lineCount }, (_, line) => analysis.lineIndex.lineStart(line)),
    statements: analysis.statements.map((statement) => ({
      source: statement.source,
      diagnostics: [...statement.parsed.diagnostics, ...statement.result.diagnostics],
      units: statement.result.units,
      precision: statement.result.precision,
      value: statement.result.value,
      check: statement.result.check,
      binding: bindingSaid(statement.binding),
      inputs: [...statement.inputs].map(([name, binding]) => [name, bindingSaid(binding)]),
    })),
    diagnostics: analysis.diagnostics,
    math: analysis.math?.diagnostics,
  };
}

/** What only an analysis made from a previous one could get wrong: the bindings a statement read are the very bindings of the statements above it. */
function expectInputsFromAbove(analysis: DocumentAnalysis): void {
  const inForce = new Map<string, Binding | undefined>();
  for (const statement of analysis.statements) {
    for (const [name, binding] of statement.inputs) expect(binding, `${name} read by ${JSON.stringify(statement.source.text)}`).toBe(inForce.get(name));
    const parsed = statement.parsed.statement;
    if (parsed.kind === 'assignment') inForce.set(parsed.name, statement.binding);
  }
}

/** Analyses `texts` one after another, each from the previous analysis, and checks each against a fresh analysis. */
function expectEditsLikeFresh(texts: readonly string[], kind: DocumentKind, options?: AnalysisOptions): void {
  let previous = analyze(texts[0], kind, options);
  for (const text of texts.slice(1)) {
    const incremental = analyze(text, kind, options, previous);
    const fresh = analyze(text, kind, options);
    expect(said(incremental)).toEqual(said(fresh));
    expectInputsFromAbove(incremental);
    previous = incremental;
  }
}

/** A document and the texts a run of edits makes of it. */
const editedDocument = (document: fc.Arbitrary<string>) =>
  fc.tuple(document, fc.array(edit, { minLength: 1, maxLength: 8 })).map(([text, edits]) => {
    const texts = [text];
    for (const changes of edits) texts.push(changes.reduce(applied, texts[texts.length - 1]));
    return texts;
  });

const klDocument = fc.array(fc.constantFrom(...LINES), { maxLength: 24 }).map((lines) => lines.join('\n'));

/** A note: prose, `kl` blocks of the same lines (fenced with backticks or tildes, the last maybe left open), math that reads their names. */
const note = fc
  .array(
    fc.oneof(
      fc.constant('Some prose.'),
      fc.constant('$H(P) = 1$'),
      fc.array(fc.constantFrom(...LINES), { maxLength: 8 }).map((lines) => ['```kl', ...lines, '```'].join('\n')),
      fc.array(fc.constantFrom(...LINES), { maxLength: 8 }).map((lines) => ['~~~kl', ...lines, '~~~'].join('\n')),
      fc.array(fc.constantFrom(...LINES), { maxLength: 8 }).map((lines) => ['```kl', ...lines].join('\n')),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join('\n'));

describe('a run of edits to a .kl document', () => {
  it('gives, edit after edit, what a fresh analysis gives', () => {
    fc.assert(fc.property(editedDocument(klDocument), (texts) => expectEditsLikeFresh(texts, 'kl')), { seed: SEED, numRuns: 400 });
  });

  it('gives what a fresh analysis gives near the document-wide limit, where a result may be refused', () => {
    const options: AnalysisOptions = { defaultUnits: 'bits', limits: { maxElements: 3 } };
    fc.assert(fc.property(editedDocument(klDocument), (texts) => expectEditsLikeFresh(texts, 'kl', options)), { seed: SEED, numRuns: 200 });
  });
});

describe('a run of edits to a Markdown note', () => {
  it('gives, edit after edit, what a fresh analysis gives (inside kl blocks, in the prose, on the fences)', () => {
    fc.assert(fc.property(editedDocument(note), (texts) => expectEditsLikeFresh(texts, 'markdown')), { seed: SEED, numRuns: 300 });
  });
});
