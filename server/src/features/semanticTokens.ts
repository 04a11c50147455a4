// Semantic tokens from the lexer, classified with what the analysis knows:
// assigned names, builtin functions, constants, labels, directives and units.
//
// VS Code asks for the tokens of the whole document after every edit, as a
// delta from its last answer. A 10,000-line note has 60,000 tokens (300,000
// numbers); rebuilding them all per edit made 2.4 MB of arrays each time. So
// each answer keeps only where every statement's tokens start, and a delta
// encodes just the statements between the unchanged ones before and after.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver';
import type { Analysis, AnalyzedStatement, ParsedSource } from '../language/analysis';
import { BUILTINS } from '../language/builtins';
import { tokenize, type Token } from '../language/lexer';
import { isReadable } from '../language/parser';
import { CONSTANTS } from '../language/reservedNames';

const TYPES = ['variable', 'function', 'number', 'keyword', 'property', 'string', 'enumMember'] as const;
const MODIFIERS = ['declaration', 'defaultLibrary', 'readonly'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

type TokenType = (typeof TYPES)[number];
type TokenModifier = (typeof MODIFIERS)[number];

const VARIABLE = TYPES.indexOf('variable');

/** A token where the document is: 0-based line and UTF-16 column. */
interface Place {
  line: number;
  character: number;
}

/**
 * Where each statement of one analysis starts and how many tokens it has: what
 * the next analysis's tokens are compared with. It keeps the statements, not
 * the analysis (whose text and caches the next analysis replaces).
 */
class TokenLayout {
  readonly resultId = String(nextResultId++);
  readonly statements: readonly AnalyzedStatement[];
  readonly lines: Int32Array;
  readonly characters: Int32Array;
  readonly counts: Int32Array;

  constructor(analysis: Analysis) {
    const statements = analysis.statements;
    this.statements = statements;
    this.lines = new Int32Array(statements.length);
    this.characters = new Int32Array(statements.length);
    this.counts = new Int32Array(statements.length);
    for (let i = 0; i < statements.length; i++) {
      const { line, character } = analysis.lineIndex.positionAt(statements[i].source.offset);
      this.lines[i] = line;
      this.characters[i] = character;
      this.counts[i] = tokenCount(statements[i].parsed, statements[i].source.text);
    }
  }
}

let nextResultId = 1;
const layouts = new WeakMap<Analysis, TokenLayout>();

function layoutOf(analysis: Analysis): TokenLayout {
  let layout = layouts.get(analysis);
  if (!layout) {
    layout = new TokenLayout(analysis);
    layouts.set(analysis, layout);
  }
  return layout;
}

/** The last answer for each document, so that an edit is answered with the changed stretch (semanticTokens/full/delta). */
export class SemanticTokensSender {
  private readonly sent = new Map<string, TokenLayout>();

  full(uri: string, analysis: Analysis): SemanticTokens {
    const layout = layoutOf(analysis);
    this.sent.set(uri, layout);
    return { resultId: layout.resultId, data: encodedTokens(layout, 0, layout.counts.length, { line: 0, character: 0 }).data };
  }

  delta(uri: string, analysis: Analysis, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, analysis);
    const layout = layoutOf(analysis);
    this.sent.set(uri, layout);
    return { resultId: layout.resultId, edits: layout === previous ? [] : [changedStretch(previous, layout)] };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** Every token of the analysis, delta-encoded as LSP sends them. */
export function semanticTokens(analysis: Analysis): SemanticTokens {
  const layout = layoutOf(analysis);
  return { resultId: layout.resultId, data: encodedTokens(layout, 0, layout.counts.length, { line: 0, character: 0 }).data };
}

/**
 * The one edit that turns the data of `before` into that of `after`. Statements
 * at the start that are the same and in the same place keep their numbers, and
 * so do statements at the end that are the same and all moved by the same number
 * of lines, except the first token after the stretch (it is relative to the token
 * before it). Only the stretch between is encoded; when it is short (what typing
 * changes), the old one too, and the edit leaves out the numbers they share.
 */
function changedStretch(before: TokenLayout, after: TokenLayout): SemanticTokensEdit {
  const old = before.statements;
  const now = after.statements;
  let same = 0;
  while (same < old.length && same < now.length && sameTokens(old[same], now[same]) && before.lines[same] === after.lines[same] && before.characters[same] === after.characters[same]) same++;
  const shift = now.length > 0 && old.length > 0 ? after.lines[now.length - 1] - before.lines[old.length - 1] : 0;
  let moved = 0;
  while (moved < old.length - same && moved < now.length - same) {
    const i = now.length - 1 - moved;
    const j = old.length - 1 - moved;
    if (!sameTokens(old[j], now[i]) || after.lines[i] - before.lines[j] !== shift || after.characters[i] !== before.characters[j]) break;
    moved++;
  }
  let start = 0;
  for (let k = 0; k < same; k++) start += before.counts[k];
  const is = stretchTokens(after, same, now.length - moved);
  if (old.length - moved - same > TRIMMED_STATEMENTS) return { start: 5 * start, deleteCount: 5 * stretchLength(before, same, old.length - moved), data: is };
  const was = stretchTokens(before, same, old.length - moved);
  let head = 0;
  while (head < was.length && head < is.length && was[head] === is[head]) head++;
  let tail = 0;
  while (tail < was.length - head && tail < is.length - head && was[was.length - 1 - tail] === is[is.length - 1 - tail]) tail++;
  return { start: 5 * start + head, deleteCount: was.length - head - tail, data: is.slice(head, is.length - tail) };
}

/** Longer stretches are sent as they are: trimming them would mean encoding the old statements too, for little. */
const TRIMMED_STATEMENTS = 16;

/** The data of statements [from, to) and of the first token after them, the first relative to the last token before. */
function stretchTokens(layout: TokenLayout, from: number, to: number): number[] {
  return encodedTokens(layout, from, layout.counts.length, lastTokenBefore(layout, from), stretchLength(layout, from, to)).data;
}

/** How many tokens `stretchTokens` encodes: those of statements [from, to), and the first one after them if there is one. */
function stretchLength(layout: TokenLayout, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) count += layout.counts[k];
  let next = to;
  while (next < layout.counts.length && layout.counts[next] === 0) next++;
  return next < layout.counts.length ? count + 1 : count;
}

/** Whether two statements have the same tokens, classified the same: the same parse, and for `pi` or `e` the same bindings. */
function sameTokens(a: AnalyzedStatement, b: AnalyzedStatement): boolean {
  return a.parsed === b.parsed && (a.inputs === b.inputs || !namesConstant(a.parsed, a.source.text));
}

/** Where the last token of the statements before `index` is ({0, 0} when there is none, as LSP counts the first token). */
function lastTokenBefore(layout: TokenLayout, index: number): Place {
  let k = index - 1;
  while (k >= 0 && layout.counts[k] === 0) k--;
  return k < 0 ? { line: 0, character: 0 } : encodedTokens(layout, k, k + 1, { line: 0, character: 0 }).last;
}

/** The tokens of statements [from, to), at most `limit` of them, the first relative to `previous`, and where the last one is. */
function encodedTokens(layout: TokenLayout, from: number, to: number, previous: Place, limit = Infinity): { data: number[]; last: Place } {
  let count = 0;
  for (let i = from; i < to && count < limit; i++) count += layout.counts[i];
  // Sized up front: a whole document is 300,000 numbers, which growing by push would copy over and over.
  const data = new Array<number>(5 * Math.min(count, limit));
  let filled = 0;
  let lastLine = previous.line;
  let lastCharacter = previous.character;
  for (let i = from; i < to && filled < data.length; i++) {
    if (layout.counts[i] === 0) continue;
    const analyzed = layout.statements[i];
    const text = analyzed.source.text;
    let line = layout.lines[i];
    let character = layout.characters[i];
    let at = 0;
    for (const token of classifiedTokens(analyzed.parsed, text)) {
      if (filled >= data.length) break;
      // Advance the line and column to the token's start: statements may span lines.
      for (; at < token.start; at++) {
        if (text.charCodeAt(at) === 10) {
          line++;
          character = 0;
        } else {
          character++;
        }
      }
      const bound = token.constant && analyzed.inputs.has(text.slice(token.start, token.start + token.length));
      const deltaLine = line - lastLine;
      data[filled++] = deltaLine;
      data[filled++] = deltaLine === 0 ? character - lastCharacter : character;
      data[filled++] = token.length;
      data[filled++] = bound ? VARIABLE : token.type;
      data[filled++] = bound ? 0 : token.modifiers;
      lastLine = line;
      lastCharacter = character;
    }
  }
  return { data, last: { line: lastLine, character: lastCharacter } };
}

/** A token of one statement: where it starts in the statement's text, how long, and what it is. */
interface StatementToken {
  start: number;
  length: number;
  type: number;
  modifiers: number;
  /** `pi`, `e`: a constant unless the document assigned that name. */
  constant: boolean;
}

/**
 * Per parse (an unchanged statement keeps its parse after an edit): how many
 * tokens it has, twice, plus one when one of them is a constant; one number, so
 * that 10,000 statements hold no object each. The tokens themselves are worked
 * out again when a statement is encoded, which an edit asks of a few.
 */
const statementSummaries = new WeakMap<ParsedSource, number>();

function summaryOf(parsed: ParsedSource, text: string): number {
  let summary = statementSummaries.get(parsed);
  if (summary === undefined) {
    const tokens = classifiedTokens(parsed, text);
    summary = 2 * tokens.length + (tokens.some((token) => token.constant) ? 1 : 0);
    statementSummaries.set(parsed, summary);
  }
  return summary;
}

function tokenCount(parsed: ParsedSource, text: string): number {
  return summaryOf(parsed, text) >> 1;
}

function namesConstant(parsed: ParsedSource, text: string): boolean {
  return (summaryOf(parsed, text) & 1) === 1;
}

/** `parsed` is the parse of `text`. */
function classifiedTokens(parsed: ParsedSource, text: string): StatementToken[] {
  // A statement too long to read has no tokens: it is one diagnostic.
  if (!isReadable(text)) return [];
  const tokens = tokenize(text);
  const classified: StatementToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const kind = classify(tokens, i, parsed.statement.kind);
    if (!kind) continue;
    const [type, modifiers] = kind;
    const token = tokens[i];
    classified.push({
      start: token.span.start,
      length: token.span.end - token.span.start,
      type: TYPES.indexOf(type),
      modifiers: modifiers.reduce((bits, modifier) => bits | (1 << MODIFIERS.indexOf(modifier)), 0),
      constant: modifiers.includes('readonly'),
    });
  }
  return classified;
}

function classify(tokens: Token[], i: number, statementKind: string): [TokenType, TokenModifier[]] | undefined {
  const token = tokens[i];
  const next = tokens[i + 1];
  switch (token.kind) {
    case 'number':
      return ['number', []];
    case 'string':
      return next?.kind === 'operator' && next.text === ':' ? ['property', []] : ['string', []];
    case 'name':
      if (statementKind === 'directive') return i === 0 ? ['keyword', []] : ['enumMember', []];
      if (next?.kind === 'operator' && next.text === '(') return ['function', BUILTINS.has(token.text) ? ['defaultLibrary'] : []];
      if (next?.kind === 'operator' && next.text === ':') return ['property', []];
      if (i === 0 && statementKind === 'assignment') return ['variable', ['declaration']];
      if (CONSTANTS.has(token.text)) return ['variable', ['readonly', 'defaultLibrary']];
      return ['variable', []];
    default:
      return undefined;
  }
}
