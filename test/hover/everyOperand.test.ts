// Every measure and check on every kind of operand, as a user might write it
// by mistake or on purpose: an empty vector, an empty matrix, a normal
// distribution, a labelled one, a batch, a string. Whatever the statement
// says, every feature answers it (hover anywhere on it, lens, inlay hint, code
// actions, symbols, completion, the CLI report) and none throws: a hover is a
// result or null.
import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver';
import { jsonReport, reportOf } from '../../server/src/cli/report';
import { diagnosticLines, failureLines, statementLines, styleFor } from '../../server/src/cli/textReport';
import { codeActions } from '../../server/src/features/codeActions';
import { CodeLenses } from '../../server/src/features/codeLens';
import { completion } from '../../server/src/features/completion';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { signatureHelp } from '../../server/src/features/signatureHelp';
import { lspDiagnostics } from '../../server/src/features/diagnostics';
import { analysisOf } from '../engine/evaluate';

const OPERANDS = ['[]', '{}', '[[]]', 'normal(0, 1)', 'normal(1, 2)', '[0.5, 0.5]', '{a: 1}', 'L', '[[0.5, 0.5], [0.2, 0.8]]', '0.5', '"s"', 'softmax([1, 2])', 'E'];
const UNARY = ['H(x)', 'perplexity(x)', 'sum(x)', 'softmax(x)', 'normalize(x)', 'x', 'x ≈ 0', 'x ≈ 0.9', 'x == x', 'grad(H(x), x)'];
const BINARY = ['H(x, y)', 'CE(x, y)', 'KL(x || y)', 'JS(x || y)', 'BCE(x, y)', 'x ≈ y', 'x - y', 'x ≈ y ± 0.1'];

function documentOf(units: string): string {
  const lines = [`units ${units}`, 'L = {cat: 0.9, dog: 0.1}', 'E = []'];
  for (const x of OPERANDS) {
    for (const form of UNARY) lines.push(form.replace(/x/g, x));
    for (const y of OPERANDS) for (const form of BINARY) lines.push(form.replace(/x/g, x).replace(/y/g, y));
  }
  return lines.join('\n');
}

describe('every feature on every operand', () => {
  for (const units of ['nats', 'bits']) {
    it(`answers without throwing (${units})`, () => {
      const text = documentOf(units);
      const analysis = analysisOf(text);
      const lines = text.split('\n');
      let offset = 0;
      for (const line of lines) {
        // At every token's start and end, and past the end of the line.
        const places = new Set<number>([0, line.length]);
        for (const match of line.matchAll(/[\w.]+|[^\s\w]/g)) places.add(match.index).add(match.index + match[0].length);
        for (const place of places) {
          const answer = hover(analysis, offset + place);
          if (answer) expect(answer.contents).toBeTruthy();
          signatureHelp(analysis, offset + place);
        }
        completion(analysis, offset + line.length, 5);
        offset += line.length + 1;
      }
      const whole: Range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      new CodeLenses().lenses('file:///every.kl', analysis, 5);
      inlayHints(analysis, whole, 5);
      documentSymbols(analysis, 5);
      const diagnostics = lspDiagnostics('file:///every.kl', analysis);
      for (const diagnostic of diagnostics) codeActions('file:///every.kl', analysis, { textDocument: { uri: 'file:///every.kl' }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }, 'nats');
      const report = reportOf('every.kl', analysis);
      jsonReport([report]);
      const style = styleFor(false);
      statementLines(report, style);
      diagnosticLines(report, style);
      failureLines(report, style);
    });
  }
});
