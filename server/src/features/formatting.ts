// Formatting: one space around binary operators, `||`, `=`, `≈`, `±`; one
// after commas and colons; none inside brackets, before `(` of a call, around
// `^` or after a unary sign. Spellings (`~=`, `‖`, `·`), comments, line breaks
// and indentation are kept. A statement is changed only when it parses and its
// reformatted text parses to the same tree: formatting never changes meaning.
import { commentStart } from '../language/comments';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { Analysis, AnalyzedStatement } from '../language/analysis';
import { tokenize, type Token } from '../language/lexer';
import { parseStatement } from '../language/parser';
import { offsetOf, rangeOf } from '../lsp/ranges';

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

export function formatDocument(analysis: Analysis, range?: Range): TextEdit[] {
  const start = range ? (offsetOf(analysis, range.start) ?? 0) : 0;
  const end = range ? (offsetOf(analysis, range.end) ?? analysis.text.length) : analysis.text.length;
  const edits: TextEdit[] = [];
  for (const analyzed of analysis.statements) {
    const source = analyzed.source;
    if (source.offset + source.text.length < start || source.offset > end) continue;
    const formatted = formatStatement(analyzed);
    if (formatted === undefined) continue;
    const oldLines = source.text.split('\n');
    const newLines = formatted.split('\n');
    let lineOffset = source.offset;
    oldLines.forEach((oldLine, i) => {
      if (newLines[i] !== oldLine) edits.push({ range: rangeOf(analysis, { start: lineOffset, end: lineOffset + oldLine.length }), newText: newLines[i] });
      lineOffset += oldLine.length + 1;
    });
  }
  return edits;
}

/** The statement's text reformatted, or undefined when it is already formatted or cannot be safely. */
function formatStatement(analyzed: AnalyzedStatement): string | undefined {
  if (analyzed.parsed.diagnostics.length > 0 || analyzed.parsed.statement.kind === 'blank') return undefined;
  const text = analyzed.source.text;
  let previous: Token | undefined;
  const lines = text.split('\n').map((line) => {
    const formatted = formatLine(line, previous);
    previous = formatted.last ?? previous;
    return formatted.text;
  });
  const result = lines.join('\n');
  if (result === text) return undefined;
  const reparsed = parseStatement(result);
  if (reparsed.diagnostics.length > 0 || treeOf(reparsed.statement) !== treeOf(analyzed.parsed.statement)) return undefined;
  return result;
}

function formatLine(line: string, previousLineToken: Token | undefined): { text: string; last?: Token } {
  const carriageReturn = line.endsWith('\r') ? '\r' : '';
  const body = carriageReturn ? line.slice(0, -1) : line;
  const commentAt = commentStart(body);
  const code = body.slice(0, commentAt);
  const comment = body.slice(commentAt);
  const indentation = /^[ \t]*/.exec(code)?.[0] ?? '';
  const tokens = tokenize(code).filter((token) => token.kind !== 'end');
  if (tokens.length === 0) return { text: line };
  let out = indentation;
  tokens.forEach((token, i) => {
    if (i > 0) out += spaceBetween(tokens[i - 1], token, i >= 2 ? tokens[i - 2] : previousLineToken);
    out += code.slice(token.span.start, token.span.end);
  });
  const gap = comment ? (/[ \t]*$/.exec(code)?.[0] || ' ') : '';
  return { text: `${out}${gap}${comment}${carriageReturn}`, last: tokens[tokens.length - 1] };
}

/** The space between two tokens on a line; `beforeA` tells whether `a` is a unary sign. */
function spaceBetween(a: Token, b: Token, beforeA: Token | undefined): string {
  const isOperator = (token: Token, texts: Set<string> | string) => token.kind === 'operator' && (typeof texts === 'string' ? token.text === texts : texts.has(token.text));
  if (isOperator(b, ',') || isOperator(b, ':') || isOperator(b, CLOSERS) || isOperator(a, OPENERS)) return '';
  if (isOperator(b, '(') && a.kind === 'name') return '';
  if (isOperator(a, '^') || isOperator(b, '^')) return '';
  if ((isOperator(a, '-') || isOperator(a, '+')) && isUnary(beforeA)) return '';
  return ' ';
}

/** A sign is unary at the start or after an operator other than a closing bracket. */
function isUnary(before: Token | undefined): boolean {
  return before === undefined || (before.kind === 'operator' && !CLOSERS.has(before.text));
}

/** The statement's tree without positions, to compare two parses. */
function treeOf(statement: unknown): string {
  return JSON.stringify(statement, (key, value: unknown) => (key === 'span' || key.endsWith('Span') ? undefined : value));
}
