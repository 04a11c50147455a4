// Semantic tokens from the lexer, classified with what the analysis knows:
// assigned names, builtin functions, constants, labels, directives and units.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
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

export function semanticTokens(analysis: Analysis): SemanticTokens {
  const cached = cache.get(analysis);
  if (cached) return cached;
  const builder = new SemanticTokensBuilder();
  for (const analyzed of analysis.statements) {
    const text = analyzed.source.text;
    const kind = analyzed.parsed.statement.kind;
    const tokens = tokenize(text);
    let { line, character } = analysis.lineIndex.positionAt(analyzed.source.offset);
    let at = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const classified = classify(tokens, i, kind, (name) => analyzed.inputs.has(name));
      if (!classified) continue;
      // Advance the line and column to the token's start: statements may span lines.
      for (; at < token.span.start; at++) {
        if (text.charCodeAt(at) === 10) {
          line++;
          character = 0;
        } else {
          character++;
        }
      }
      const [type, modifiers] = classified;
      builder.push(line, character, token.span.end - token.span.start, TYPES.indexOf(type), modifiers.reduce((bits, modifier) => bits | (1 << MODIFIERS.indexOf(modifier)), 0));
    }
  }
  const built = builder.build();
  cache.set(analysis, built);
  return built;
}

function classify(tokens: Token[], i: number, statementKind: string, isBound: (name: string) => boolean): [TokenType, TokenModifier[]] | undefined {
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
      if (CONSTANTS.has(token.text) && !isBound(token.text)) return ['variable', ['readonly', 'defaultLibrary']];
      return ['variable', []];
    default:
      return undefined;
  }
}
