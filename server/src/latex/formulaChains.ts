// A formula as chains of parts joined by relations: `a = b \approx c` is one
// chain of three parts. Relations count only outside brackets, braces and
// environments (`\sum_{i=1}` holds no relation). A line break `\\` continues
// the chain when the next line starts with a relation (or the line before ends
// with one), as in `aligned` derivations; otherwise, like `\quad` and the
// relations that are not claims about values (`\Rightarrow`, `\sim`, `:=`,
// `\in`…), it starts a new chain. Alignment environments, `&`, `\tag{}`,
// `\label{}` and the punctuation that ends a sentence are set aside, and a unit
// written after a value (`0.415\text{ bits}`) is taken off its part and kept.
import type { UnitName } from '../language/ast';
import type { RelationKind } from '../language/generalRelations';
import type { Span } from '../language/span';
import type { LatexToken } from './latexTokens';

export type { RelationKind };

export interface ChainPart {
  tokens: LatexToken[];
  /** From the first token to the last (empty where a relation has nothing on one side). */
  span: Span;
  /** A unit written after the value, `\text{ bits}`. */
  unit?: UnitName;
}

export interface ChainRelation {
  kind: RelationKind;
  span: Span;
}

/** `parts[i]` and `parts[i + 1]` are joined by `relations[i]`. */
export interface Chain {
  parts: ChainPart[];
  relations: ChainRelation[];
}

const CHECKED_RELATIONS: Record<string, RelationKind> = {
  approx: '≈', simeq: '≈', thickapprox: '≈', approxeq: '≈',
  neq: '≠', ne: '≠',
  lt: '<', le: '≤', leq: '≤', leqslant: '≤', leqq: '≤',
  gt: '>', ge: '≥', geq: '≥', geqslant: '≥', geqq: '≥',
};

/** Relations that state something other than a comparison of two values: they end a chain. */
const OTHER_RELATIONS = new Set([
  'sim', 'equiv', 'propto', 'cong', 'to', 'rightarrow', 'Rightarrow', 'longrightarrow', 'Longrightarrow', 'implies', 'iff',
  'leftarrow', 'Leftarrow', 'gets', 'leftrightarrow', 'Leftrightarrow', 'Longleftrightarrow', 'mapsto', 'in', 'notin', 'ni',
  'subset', 'subseteq', 'supset', 'supseteq', 'coloneqq', 'coloneq', 'eqqcolon', 'triangleq', 'doteq', 'defeq', 'll', 'gg',
  'perp', 'mid', 'parallel', 'models', 'vdash', 'forall', 'exists', 'quad', 'qquad',
]);

/** `\overset{def}{=}`: a relation decorated with text, not a plain comparison. */
const DECORATED_RELATIONS = new Set(['overset', 'stackrel', 'underset']);

const ALIGNMENT_ENVIRONMENTS = new Set(['aligned', 'align', 'align*', 'alignat', 'alignat*', 'split', 'gathered', 'gather', 'gather*', 'equation', 'equation*', 'eqnarray', 'eqnarray*', 'multline', 'multline*', 'flalign', 'flalign*']);

const LINE_BREAKS = new Set(['\\', 'newline', 'cr']);

const TEXT_COMMANDS = new Set(['text', 'textrm', 'mathrm', 'mbox', 'textnormal', 'operatorname']);

const UNIT_WORDS: Record<string, UnitName> = {
  bit: 'bits', bits: 'bits', shannon: 'bits', shannons: 'bits',
  nat: 'nats', nats: 'nats', nit: 'nats', nits: 'nats',
  ban: 'bans', bans: 'bans', hartley: 'bans', hartleys: 'bans', dit: 'bans', dits: 'bans',
};

type Item = { token: LatexToken } | { relation: RelationKind; span: Span } | { break: true } | { lineBreak: true };

export function splitChains(tokens: readonly LatexToken[]): Chain[] {
  const items = topLevelItems(tokens);
  const chains: Chain[] = [];
  let current: Chain | undefined;
  let part: LatexToken[] = [];
  const finishPart = (end: number) => {
    if (!current) current = { parts: [], relations: [] };
    current.parts.push(chainPart(part, end));
    part = [];
  };
  const finishChain = () => {
    if (part.length > 0 || current) finishPart(lastEnd(part, current));
    if (current && current.parts.some((p) => p.tokens.length > 0)) chains.push(current);
    current = undefined;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if ('token' in item) part.push(item.token);
    else if ('relation' in item) {
      finishPart(item.span.start);
      current!.relations.push({ kind: item.relation, span: item.span });
    } else if ('lineBreak' in item) {
      const previous = items[i - 1];
      const next = items[i + 1];
      const continues = (previous && 'relation' in previous) || (next && 'relation' in next);
      if (!continues) finishChain();
    } else {
      finishChain();
    }
  }
  finishChain();
  return chains;
}

/** The tokens at brace depth 0 become relations and breaks; the rest stays as it is. */
function topLevelItems(tokens: readonly LatexToken[]): Item[] {
  const items: Item[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'command' && (token.text === 'begin' || token.text === 'end')) {
      const name = environmentName(tokens, i + 1);
      if (name && depth === 0 && ALIGNMENT_ENVIRONMENTS.has(name.name)) {
        i = name.last;
        continue;
      }
      depth = Math.max(0, depth + (token.text === 'begin' ? 1 : -1));
      items.push({ token });
      continue;
    }
    if (token.kind === 'symbol' && (token.text === '{' || token.text === '(' || token.text === '[')) depth++;
    if (token.kind === 'symbol' && (token.text === '}' || token.text === ')' || token.text === ']')) depth = Math.max(0, depth - 1);
    if (depth > 0 || (token.kind === 'symbol' && (token.text === '}' || token.text === ')' || token.text === ']'))) {
      items.push({ token });
      continue;
    }
    if (token.kind === 'symbol' && token.text === '&') continue;
    if (token.kind === 'command' && (token.text === 'tag' || token.text === 'label')) {
      i = skipStarAndGroup(tokens, i + 1);
      continue;
    }
    if (token.kind === 'command' && LINE_BREAKS.has(token.text)) {
      items.push({ lineBreak: true });
      i = skipSpacingArgument(tokens, i + 1);
      continue;
    }
    const relation = relationAt(tokens, i);
    if (relation) {
      if (relation.kind) items.push({ relation: relation.kind, span: { start: token.span.start, end: tokens[relation.last].span.end } });
      else items.push({ break: true });
      i = relation.last;
      continue;
    }
    items.push({ token });
  }
  return items;
}

/** The relation starting at `tokens[i]`: its kind (none for relations that end a chain) and its last token. */
function relationAt(tokens: readonly LatexToken[], i: number): { kind?: RelationKind; last: number } | undefined {
  const token = tokens[i];
  const next = tokens[i + 1];
  const adjacent = next !== undefined && next.span.start === token.span.end;
  if (token.kind === 'command') {
    // `\not=` is ≠; `\not` before any other relation negates what is not checked: the chain ends.
    if (token.text === 'not') return next?.text === '=' && next.kind === 'symbol' ? { kind: '≠', last: i + 1 } : { last: Math.min(i + 1, tokens.length - 1) };
    const kind = CHECKED_RELATIONS[token.text];
    if (kind) return { kind, last: i };
    if (OTHER_RELATIONS.has(token.text)) return { last: i };
    if (DECORATED_RELATIONS.has(token.text)) return { last: skipGroup(tokens, skipGroup(tokens, i + 1)) - 1 };
    return undefined;
  }
  if (token.kind !== 'symbol') return undefined;
  switch (token.text) {
    case '=':
      return adjacent && next.text === '=' ? { kind: '=', last: i + 1 } : { kind: '=', last: i };
    case '<':
    case '>':
      if (adjacent && next.text === '=') return { kind: token.text === '<' ? '≤' : '≥', last: i + 1 };
      return { kind: token.text as '<' | '>', last: i };
    case '!':
      return adjacent && next.text === '=' ? { kind: '≠', last: i + 1 } : undefined;
    case ':':
      return adjacent && next.text === '=' ? { last: i + 1 } : undefined;
    default:
      return undefined;
  }
}

function chainPart(tokens: LatexToken[], end: number): ChainPart {
  let kept = tokens;
  while (kept.length > 0 && isTrailingPunctuation(kept[kept.length - 1])) kept = kept.slice(0, -1);
  const unit = trailingUnit(kept);
  if (unit) kept = kept.slice(0, unit.first);
  while (kept.length > 0 && isTrailingPunctuation(kept[kept.length - 1])) kept = kept.slice(0, -1);
  const span = kept.length > 0 ? { start: kept[0].span.start, end: kept[kept.length - 1].span.end } : { start: end, end };
  return unit ? { tokens: kept, span, unit: unit.unit } : { tokens: kept, span };
}

function isTrailingPunctuation(token: LatexToken): boolean {
  return token.kind === 'symbol' && (token.text === '.' || token.text === ',' || token.text === ';');
}

/** `\text{ bits}` (or `\mathrm{nats}`…) as the last tokens of a part. */
function trailingUnit(tokens: readonly LatexToken[]): { unit: UnitName; first: number } | undefined {
  const n = tokens.length;
  if (n < 4 || tokens[n - 1].text !== '}') return undefined;
  let open = n - 2;
  while (open >= 0 && tokens[open].kind === 'letter') open--;
  if (open < 1 || tokens[open].text !== '{' || tokens[open - 1].kind !== 'command' || !TEXT_COMMANDS.has(tokens[open - 1].text)) return undefined;
  const word = tokens.slice(open + 1, n - 1).map((token) => token.text).join('').toLowerCase();
  const unit = UNIT_WORDS[word];
  return unit ? { unit, first: open - 1 } : undefined;
}

function lastEnd(part: readonly LatexToken[], chain: Chain | undefined): number {
  if (part.length > 0) return part[part.length - 1].span.end;
  const relation = chain?.relations[chain.relations.length - 1];
  return relation ? relation.span.end : 0;
}

/** `{name}` after `\begin`/`\end`: the name (with a `*`) and the index of the closing brace. */
export function environmentName(tokens: readonly LatexToken[], i: number): { name: string; last: number } | undefined {
  if (tokens[i]?.text !== '{') return undefined;
  let name = '';
  let j = i + 1;
  while (j < tokens.length && (tokens[j].kind === 'letter' || tokens[j].text === '*')) name += tokens[j++].text;
  return tokens[j]?.text === '}' ? { name, last: j } : undefined;
}

/** The index after a brace group starting at `i` (or `i` itself when there is none). */
function skipGroup(tokens: readonly LatexToken[], i: number): number {
  if (tokens[i]?.text !== '{') return i + 1;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].text === '{' && tokens[j].kind === 'symbol') depth++;
    else if (tokens[j].text === '}' && tokens[j].kind === 'symbol' && --depth === 0) return j + 1;
  }
  return tokens.length;
}

/** `\tag*{1}`: the index of the last token of the argument. */
function skipStarAndGroup(tokens: readonly LatexToken[], i: number): number {
  const start = tokens[i]?.text === '*' ? i + 1 : i;
  return skipGroup(tokens, start) - 1;
}

/** `\\[4pt]`: a line break's optional spacing, skipped; returns the index of the last token taken. */
function skipSpacingArgument(tokens: readonly LatexToken[], i: number): number {
  if (tokens[i]?.text !== '[') return i - 1;
  let j = i + 1;
  while (j < tokens.length && (tokens[j].kind === 'number' || tokens[j].kind === 'letter')) j++;
  return tokens[j]?.text === ']' && j > i + 1 ? j : i - 1;
}
