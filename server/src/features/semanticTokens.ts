// Semantic tokens from the lexer, classified with what the analysis knows:
// assigned names, builtin functions, constants, labels, directives and units.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensDelta, type SemanticTokensLegend } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { BUILTINS } from '../language/builtins';
import { tokenize, type Token } from '../language/lexer';

const TYPES = ['variable', 'function', 'number', 'keyword', 'property', 'string', 'enumMember'] as const;
const MODIFIERS = ['declaration', 'defaultLibrary', 'readonly'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

type TokenType = (typeof TYPES)[number];
type TokenModifier = (typeof MODIFIERS)[number];

const CONSTANTS = new Set(['pi', 'π', 'e']);
const cache = new WeakMap<Analysis, SemanticTokens>();

/** A token of one statement: where it starts in the statement's text, how long, and what it is. */
interface StatementToken {
  start: number;
  length: number;
  type: number;
  modifiers: number;
  /** `pi`, `e`: a constant unless the document assigned that name. */
  constant?: boolean;
}

/** Per parse: an unchanged statement reuses its parse, and so its tokens, after an edit. */
const statementTokens = new WeakMap<object, StatementToken[]>();

/**
 * The tokens of each document's analyses, and the last ones sent, so that an
 * edit is answered with the changed stretch of numbers (semanticTokens/full/delta)
 * instead of every token of a long document again.
 */
export class SemanticTokensSender {
  private readonly sent = new Map<string, SemanticTokens>();

  full(uri: string, analysis: Analysis): SemanticTokens {
    const tokens = semanticTokens(analysis);
    this.sent.set(uri, tokens);
    return tokens;
  }

  delta(uri: string, analysis: Analysis, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, analysis);
    const tokens = this.full(uri, analysis);
    return { resultId: tokens.resultId, edits: tokens.resultId === previous.resultId ? [] : [changedStretch(previous.data, tokens.data)] };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** One edit that turns `before` into `after`: what lies between their common start and common end. */
function changedStretch(before: number[], after: number[]): { start: number; deleteCount: number; data: number[] } {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, deleteCount: before.length - start - end, data: after.slice(start, after.length - end) };
}

let nextResultId = 1;

export function semanticTokens(analysis: Analysis): SemanticTokens {
  const cached = cache.get(analysis);
  if (cached) return cached;
  const builder = new SemanticTokensBuilder();
  const variable = TYPES.indexOf('variable');
  for (const analyzed of analysis.statements) {
    const text = analyzed.source.text;
    let { line, character } = analysis.lineIndex.positionAt(analyzed.source.offset);
    let at = 0;
    for (const token of tokensOf(analyzed.parsed, text)) {
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
      builder.push(line, character, token.length, bound ? variable : token.type, bound ? 0 : token.modifiers);
    }
  }
  const built = { resultId: String(nextResultId++), data: builder.build().data };
  cache.set(analysis, built);
  return built;
}

/** `parsed` is the parse of `text`: the engine shares one parse among statements with the same text. */
function tokensOf(parsed: Analysis['statements'][number]['parsed'], text: string): StatementToken[] {
  const cached = statementTokens.get(parsed);
  if (cached) return cached;
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
      ...(modifiers.includes('readonly') ? { constant: true } : {}),
    });
  }
  statementTokens.set(parsed, classified);
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
