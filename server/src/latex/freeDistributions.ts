// Which distributions a part of a formula names that no `kl` block binds: the
// arguments of a measure (`D_{KL}(P\|Q)`, `H(\mathbf{y})`) and the entries
// read at the index of a sum over the outcomes (`p_i` in `\sum_i p_i \log q_i`).
// A part that names such a distribution, and nothing else unknown, is free: a
// general statement checks it on sampled distributions. A part that also
// names an unknown symbol (`x`, `\lambda`, `p_2`), or a free distribution as a
// whole (`P = Q`, `Q - P`), is not.
import type { LatexNode, LatexSymbol } from './latexSyntax';
import { bareSumIndex, baseNames } from './latexToKl';

export type Freedom =
  /** Names no free distribution. */
  | { kind: 'pure' }
  | { kind: 'free'; distributions: ReadonlySet<string>; entries: ReadonlySet<string> }
  /** Names something a sample cannot give a value. */
  | { kind: 'unknown'; reason: string };

export function freedomOf(node: LatexNode, isBound: (name: string) => boolean): Freedom {
  const distributions = new Set<string>();
  const entries = new Set<string>();
  let unknown: string | undefined;
  const unbound = (symbol: LatexSymbol) => !baseNames(symbol).some(isBound);
  const visit = (node: LatexNode, outcomes: ReadonlySet<string>, counted: ReadonlySet<string>): void => {
    if (unknown) return;
    switch (node.type) {
      case 'measure':
        for (const arg of node.args) {
          const inner = arg.type === 'group' ? arg.inner : arg;
          if (inner.type === 'symbol' && !inner.subscript && !counted.has(inner.name) && unbound(inner)) distributions.add(baseNames(inner)[0]);
          else visit(arg, outcomes, counted);
        }
        return;
      case 'symbol': {
        if (!node.subscript && counted.has(node.name)) return;
        if (!unbound(node)) return;
        const index = node.subscript?.text;
        if (index !== undefined && outcomes.has(index)) {
          entries.add(baseNames(node)[0]);
          return;
        }
        if (!node.subscript && /^[PQRM]$/.test(node.name)) unknown = `${node.name} is a distribution no kl block binds, used as a whole: only its measures are checked for any distribution`;
        else unknown = `'${node.name}${index !== undefined ? `_${index}` : node.subscript ? '_…' : ''}' is not defined in a kl block above, and is not the entry of a distribution at the index of a sum over the outcomes`;
        return;
      }
      case 'bigOperator': {
        if (!node.from || !node.to) {
          const index = node.index ?? bareSumIndex(node.body);
          if (index === undefined) {
            unknown = 'the index of this \\sum is not written, and its terms do not show one';
            return;
          }
          visit(node.body, new Set([...outcomes, index]), counted);
          return;
        }
        visit(node.from, outcomes, counted);
        visit(node.to, outcomes, counted);
        if (node.index !== undefined) visit(node.body, outcomes, new Set([...counted, node.index]));
        return;
      }
      case 'unary':
        return visit(node.operand, outcomes, counted);
      case 'binary':
        visit(node.left, outcomes, counted);
        return visit(node.right, outcomes, counted);
      case 'group':
        return visit(node.inner, outcomes, counted);
      case 'function':
        if (node.base) visit(node.base, outcomes, counted);
        return visit(node.argument, outcomes, counted);
      case 'root':
        visit(node.index, outcomes, counted);
        return visit(node.radicand, outcomes, counted);
      case 'vector':
        return node.elements.forEach((element) => visit(element, outcomes, counted));
      case 'opaque':
        unknown = node.reason;
        return;
      default:
        return;
    }
  };
  visit(node, new Set(), new Set());
  if (distributions.size === 0 && entries.size === 0) return unknown ? { kind: 'unknown', reason: unknown } : { kind: 'pure' };
  return unknown ? { kind: 'unknown', reason: unknown } : { kind: 'free', distributions, entries };
}

/**
 * The distributions of a relation, by the names a sample binds: each entry's
 * letter reads the distribution of the same letter, or of its capital
 * (`p_i` is an entry of P unless p itself is a measure's argument).
 */
export function relationDistributions(sides: readonly Extract<Freedom, { kind: 'free' }>[]): { names: string[]; aliases: Map<string, string> } {
  const named = new Set(sides.flatMap((side) => [...side.distributions]));
  const aliases = new Map<string, string>();
  for (const entry of new Set(sides.flatMap((side) => [...side.entries]))) {
    const capital = entry.toUpperCase();
    const distribution = named.has(entry) ? entry : named.has(capital) || entry !== capital ? capital : entry;
    named.add(distribution);
    if (distribution !== entry) aliases.set(entry, distribution);
  }
  return { names: [...named], aliases };
}
