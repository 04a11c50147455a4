// No recursion a document can drive to a stack overflow: the deepest
// expressions the parser accepts (200 nested brackets, calls, signs or powers;
// chains of 1000 operators) and the deepest LaTeX, through every stage that
// walks a tree: the evaluator, grad, every editor feature, the formatter, the
// LaTeX reader, the CLI report. Just over the limits, a diagnostic; at them,
// everything answers.
import { describe, expect, it } from 'vitest';
import { Range } from 'vscode-languageserver';
import { jsonReport, reportOf } from '../../server/src/cli/report';
import { statementLines, styleFor } from '../../server/src/cli/textReport';
import { codeActions } from '../../server/src/features/codeActions';
import { CodeLenses } from '../../server/src/features/codeLens';
import { completion } from '../../server/src/features/completion';
import { definition } from '../../server/src/features/definition';
import { lspDiagnostics } from '../../server/src/features/diagnostics';
import { documentHighlights } from '../../server/src/features/documentHighlights';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { formatDocument } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { mathCodeLenses, mathHover, mathInlayHints } from '../../server/src/features/mathChecks';
import { references } from '../../server/src/features/references';
import { prepareRename, rename } from '../../server/src/features/rename';
import { semanticTokens } from '../../server/src/features/semanticTokens';
import { signatureHelp } from '../../server/src/features/signatureHelp';
import { type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { MAX_NESTING, MAX_TREE_DEPTH } from '../../server/src/language/parser';

const DEPTH = MAX_NESTING - 1;
const CHAIN = MAX_TREE_DEPTH;

/** The deepest statements the parser accepts, each with a name to hover and rename. */
const DEEPEST = [
  `x = ${'('.repeat(DEPTH)}0.5${')'.repeat(DEPTH)}`,
  `s = ${'-'.repeat(DEPTH)}x`,
  `p = ${Array(DEPTH).fill('1').join('^')}`,
  `c = ${Array(CHAIN).fill('x').join(' + ')}`,
  `m = ${Array(CHAIN).fill('x').join(' * ')}`,
  `l = ${'log(exp('.repeat(DEPTH / 2 - 1)}x${'))'.repeat(DEPTH / 2 - 1)}`,
  `h = ${'sum(['.repeat(DEPTH / 2 - 1)}x${'])'.repeat(DEPTH / 2 - 1)}`,
  `P = softmax([${Array(CHAIN - 2).fill('x').join(' + ')}, x])`,
  'Q = [0.5, 0.5]',
  `KL(P || Q) ≈ ${Array(CHAIN - 1).fill('0').join(' + ')} ± 10`,
  `g = grad(${Array(CHAIN - 1).fill('x').join(' * ')}, x)`,
  `g2 = grad(${'log(exp('.repeat(DEPTH / 2 - 1)}x${'))'.repeat(DEPTH / 2 - 1)}, x)`,
  `g3 = grad(${'-'.repeat(DEPTH - 2)}x, x)`,
].join('\n');

/** Every feature, at every statement's start, middle and end: what an editor asks while the user moves around. */
function everyFeature(analysis: Analysis, uri: string): void {
  const lenses = new CodeLenses();
  lenses.lenses(uri, analysis, 5);
  lspDiagnostics(uri, analysis);
  documentSymbols(analysis, 5);
  semanticTokens(analysis);
  foldingRanges(analysis);
  formatDocument(analysis);
  const whole = Range.create(0, 0, analysis.lineIndex.lineCount, 0);
  inlayHints(analysis, whole, 5);
  mathCodeLenses(analysis);
  mathInlayHints(analysis, whole, 5);
  codeActions(uri, analysis, { textDocument: { uri }, range: whole, context: { diagnostics: lspDiagnostics(uri, analysis) } }, 'nats');
  for (const { source } of analysis.statements) {
    for (const offset of [source.offset, source.offset + (source.text.length >> 1), source.offset + source.text.length]) {
      hover(analysis, offset);
      mathHover(analysis, offset);
      completion(analysis, offset, 5);
      signatureHelp(analysis, offset);
      definition(uri, analysis, offset);
      references(uri, analysis, offset, true);
      documentHighlights(analysis, offset);
      prepareRename(analysis, offset);
      rename(uri, analysis, offset, 'renamed');
    }
  }
  reportOf(uri, analysis);
  jsonReport([reportOf(uri, analysis)]);
  statementLines(reportOf(uri, analysis), styleFor(false));
}

describe('the deepest expressions the parser accepts', () => {
  it('evaluate, without a stack overflow, to values', () => {
    const analysis = analyze(DEEPEST, 'kl');
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code}: ${d.message.slice(0, 80)}`)).toEqual([]);
    const values = new Map(analysis.statements.map((s) => [s.parsed.statement.kind === 'assignment' ? s.parsed.statement.name : s.source.text.slice(0, 10), s.result.value]));
    expect(values.get('x')).toMatchObject({ value: 0.5 });
    expect(values.get('c')).toMatchObject({ value: CHAIN * 0.5 });
    expect(values.get('g3')).toMatchObject({ value: (DEPTH - 2) % 2 === 0 ? 1 : -1 });
  });

  it('go through every editor feature, the formatter and the CLI report', () => {
    everyFeature(analyze(DEEPEST, 'kl'), 'file:///deep.kl');
    everyFeature(analyze(`# A note\n\n\`\`\`kl\n${DEEPEST}\n\`\`\`\n`, 'markdown'), 'file:///deep.md');
  });

  it('one level deeper is a too-deep diagnostic, not a crash, in every feature too', () => {
    // CHAIN + 1 terms are CHAIN additions, the most allowed; one more is too many.
    const deeper = [`x = ${'('.repeat(MAX_NESTING + 1)}1${')'.repeat(MAX_NESTING + 1)}`, `c = ${Array(CHAIN + 2).fill('1').join(' + ')}`, 'x', 'c'].join('\n');
    const analysis = analyze(deeper, 'kl');
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['too-deep', 'too-deep', 'input-error', 'input-error']);
    everyFeature(analysis, 'file:///deeper.kl');
  });
});

describe('deep LaTeX in a note', () => {
  const formulas = [
    `$$${'\\frac{1}{'.repeat(5000)}2${'}'.repeat(5000)} = 1$$`,
    `$$${'{'.repeat(20_000)}1${'}'.repeat(20_000)} = 1$$`,
    `$$${'\\left('.repeat(5000)}1${'\\right)'.repeat(5000)} = 1$$`,
    `$$2${'^{2'.repeat(5000)}${'}'.repeat(5000)} = 4$$`,
    `$$${'\\sqrt{'.repeat(5000)}1${'}'.repeat(5000)} = 1$$`,
    `$$${'-'.repeat(20_000)}1 = 1$$`,
    `$$${Array(20_000).fill('1').join(' + ')} = 20000$$`,
    `$$${'\\log('.repeat(5000)}2${')'.repeat(5000)} = 0$$`,
    `$$${'H('.repeat(5000)}P${')'.repeat(5000)} = 0$$`,
    `$$\\sum_{i=1}^{${'9'.repeat(400)}} i = 1$$`,
  ];

  it.each(formulas.map((formula) => [formula.slice(0, 30), formula]))('%s… is read without a stack overflow, and every feature answers', (_, formula) => {
    const note = `\`\`\`kl\nP = [0.5, 0.5]\n\`\`\`\n\n${formula}\n`;
    const analysis = analyze(note, 'markdown');
    expect(analysis.math?.formulas).toHaveLength(1);
    everyFeature(analysis, 'file:///latex.md');
  });

  it('a chain of 20,000 terms is skipped with the reason, its other side still computed', () => {
    const analysis = analyze(`$$${Array(20_000).fill('1').join(' + ')} = 20000$$\n`, 'markdown');
    const [left, right] = analysis.math?.formulas[0].parts ?? [];
    expect(left.skipped).toBe('more than 1000 operations in one part');
    expect(right.value).toMatchObject({ value: 20_000 });
  });
});
