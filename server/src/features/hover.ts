// Hover: over a name, its value; over a directive, what it does; over a
// measure inside a larger expression, that measure's own value; over another
// builtin there, its documentation; anywhere else on a statement, the
// statement's value (for a measure: the formula, the sum term by term, a
// chart, the scipy/torch equivalents) and its warnings.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { statementAt, type Analysis, type AnalyzedStatement } from '../language/analysis';
import { statementExpressions, walkExpression, type CallExpression } from '../language/ast';
import { BUILTINS } from '../language/builtins';
import { formatFull, formatNumber } from '../language/format';
import { inputsInError } from '../language/statementEvaluation';
import { shiftSpan, type Span } from '../language/span';
import { UNIT_BASE } from '../language/units';
import type { NumberValue, Value } from '../language/values';
import { gradientSections, isGradient } from '../hover/gradientHover';
import { measureSections, valueLines } from '../hover/measureHover';
import { nestedMeasure } from '../hover/nestedMeasure';
import { bindingMarkdown, constantMarkdown } from '../hover/nameHover';
import type { Names } from '../hover/termByTerm';
import { namesOf, topLevelCall } from '../hover/measureNames';
import { valueMarkdown } from '../hover/valueTable';
import { nameAt } from '../lsp/nameIndex';
import { rangeOf } from '../lsp/ranges';
import { PENDING_TEXT } from '../lsp/resultText';

export function hover(analysis: Analysis, offset: number): Hover | null {
  const analyzed = statementAt(analysis, offset);
  if (!analyzed || inComment(analyzed, offset - analyzed.source.offset)) return null;
  const sections = sectionsAt(analysis, analyzed, offset);
  if (!sections || sections.sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.sections.join('\n\n') }, range: rangeOf(analysis, sections.span) };
}

function sectionsAt(analysis: Analysis, analyzed: AnalyzedStatement, offset: number): { sections: string[]; span: Span } | undefined {
  const statement = analyzed.parsed.statement;
  const units = analyzed.result.units;
  const occurrence = nameAt(analysis, offset);
  if (occurrence) {
    const binding = occurrence.binding;
    const sections = binding ? bindingMarkdown(analysis, binding, units) : constantMarkdown(occurrence.name);
    if (sections) return { sections, span: occurrence.span };
    // A name without a value yet, in a statement computed in the background or not evaluated for it: what the statement says.
    if (!analyzed.result.pending && inputsInError(analyzed.result, analyzed.source.text).length === 0) return undefined;
  }
  const whole = { start: analyzed.source.offset, end: analyzed.source.offset + analyzed.source.text.length };
  if (statement.kind === 'directive') {
    const text = statement.directive === 'units'
      ? `\`units ${statement.units}\`: every measure below is in ${statement.units}, logarithms in base ${statement.units === 'nats' ? 'e' : formatNumber(UNIT_BASE[statement.units])}, until the next \`units\`.`
      : `\`precision ${statement.digits}\`: the discrete measures below are computed with ${statement.digits} significant digits (mathjs BigNumber).`;
    return { sections: [text], span: whole };
  }
  const call = calleeAt(analyzed, offset - analyzed.source.offset);
  const topCall = topLevelCall(analyzed);
  if (call && call !== topCall) {
    const builtin = BUILTINS.get(call.callee);
    if (!builtin) return undefined;
    const span = shiftSpan(call.span, analyzed.source.offset);
    const measure = builtin.category === 'measure' ? nestedMeasure(analysis, analyzed, call) : undefined;
    if (measure) {
      const written = analyzed.source.text.slice(call.span.start, call.span.end);
      return { sections: [...valueLines(measure, written.includes('\n') ? undefined : written), ...measureSections(measure, namesOf(analyzed, call))], span };
    }
    const sections = [`\`${builtin.signature}\`: ${builtin.summary}`, builtin.formula ? `\`${builtin.formula}\`` : '', builtin.example ? `Example: \`${builtin.example}\`` : ''].filter(Boolean);
    return { sections, span: shiftSpan(call.calleeSpan, analyzed.source.offset) };
  }
  const value = analyzed.result.value;
  if (analyzed.result.pending) return { sections: [`${PENDING_TEXT.title}: ${PENDING_TEXT.explanation}`], span: whole };
  if (!value) {
    const failed = inputsInError(analyzed.result, analyzed.source.text);
    return failed.length > 0 ? { sections: [notEvaluatedLine(analysis, analyzed, failed)], span: whole } : undefined;
  }
  const sections: string[] = [];
  if (statement.kind === 'assignment' && analyzed.binding) {
    sections.push(...bindingMarkdown(analysis, analyzed.binding, units));
  } else {
    const check = analyzed.result.check;
    if (statement.kind === 'check' && check) sections.push(checkLine(analyzed, value));
    sections.push(...valueSections(value, namesOf(analyzed, topCall), units, writtenValue(analyzed)));
  }
  sections.push(...warnings(analyzed));
  return { sections, span: whole };
}

/** `⚠ **Not evaluated**: `Q` has an error where it is assigned (line 3).` */
function notEvaluatedLine(analysis: Analysis, analyzed: AnalyzedStatement, names: readonly string[]): string {
  const lines = new Map<string, number>();
  for (const statement of analysis.statements) {
    if (statement === analyzed) break;
    const assigned = statement.parsed.statement;
    if (assigned.kind === 'assignment' && names.includes(assigned.name)) lines.set(assigned.name, analysis.lineIndex.positionAt(statement.source.offset).line + 1);
  }
  const where = names.map((name) => `\`${name}\` (line ${lines.get(name) ?? '?'})`);
  const which = where.length === 1 ? `${where[0]} has an error where it is assigned` : `${where.slice(0, -1).join(', ')} and ${where[where.length - 1]} have errors where they are assigned`;
  return `⚠ **Not evaluated**: ${which}. Fix it there and this statement is evaluated again.`;
}

function valueSections(value: Value, names: Names, units: AnalyzedStatement['result']['units'], written: string | undefined): string[] {
  if (isGradient(value)) return gradientSections(value);
  if (value.kind !== 'number') return valueMarkdown('value', value, units);
  const sections = valueLines(value, written);
  if (value.detail) sections.push(...measureSections(value as NumberValue & { detail: NonNullable<NumberValue['detail']> }, names));
  return sections;
}

function checkLine(analyzed: AnalyzedStatement, actual: Value): string {
  const check = analyzed.result.check;
  const statement = analyzed.parsed.statement;
  if (!check || statement.kind !== 'check') return '';
  const pass = check.pass;
  const tolerance = check.tolerances.reduce((a, b) => (b.value > a.value ? b : a));
  const within = tolerance.kind === 'absolute' ? `±${formatNumber(tolerance.value)}` : `a relative ${formatNumber(tolerance.value)}`;
  const written = analyzed.source.text.slice(statement.right.span.start, statement.right.span.end);
  if (actual.kind !== 'number') {
    return pass ? `✓ **check passes**: every entry is within ${within} of \`${written}\`` : `✗ **check fails** on ${check.failedEntries.length} entries (${check.failedEntries.slice(0, 5).map((i) => i + 1).join(', ')}${check.failedEntries.length > 5 ? ', …' : ''}); the largest difference is ${formatNumber(check.difference)}`;
  }
  return pass
    ? `✓ **check passes**: ${formatFull(actual.value)} is within ${within} of \`${written}\``
    : `✗ **check fails**: ${formatFull(actual.value)} differs from \`${written}\` by ${formatNumber(check.difference)}, more than ${within}`;
}

function warnings(analyzed: AnalyzedStatement): string[] {
  return analyzed.result.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').map((diagnostic) => `⚠ ${diagnostic.message}`);
}

/** The expression whose value the statement shows, as written (when it fits on a line). */
function writtenValue(analyzed: AnalyzedStatement): string | undefined {
  const statement = analyzed.parsed.statement;
  const expression = statement.kind === 'check' ? statement.left : statement.kind === 'expression' ? statement.expression : undefined;
  if (!expression) return undefined;
  const text = analyzed.source.text.slice(expression.span.start, expression.span.end);
  return text.length <= 60 && !text.includes('\n') && !text.includes('`') ? text : undefined;
}

/** The call whose function name is at `relative`, if any. */
function calleeAt(analyzed: AnalyzedStatement, relative: number): CallExpression | undefined {
  let found: CallExpression | undefined;
  for (const expression of statementExpressions(analyzed.parsed.statement)) {
    walkExpression(expression, (node) => {
      if (node.type === 'call' && node.calleeSpan.start <= relative && relative <= node.calleeSpan.end) found = node;
    });
  }
  return found;
}

/** Whether `relative` is inside a `#` comment of the statement's text. */
function inComment(analyzed: AnalyzedStatement, relative: number): boolean {
  const text = analyzed.source.text;
  const lineStart = text.lastIndexOf('\n', relative - 1) + 1;
  let quote = '';
  for (let i = lineStart; i < relative && i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return true;
  }
  return false;
}
