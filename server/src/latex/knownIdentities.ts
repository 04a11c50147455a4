// The right statement to show beside a wrong one, when a side of it is a
// measure the textbooks state an identity or a bound for: a failed equality
// about H(P, Q) is shown H(P, Q) = H(P) + D_{KL}(P||Q), one about D_{KL}(P||Q)
// the same identity solved for it, and a failed inequality the measure's
// bounds (D_{KL}(P||Q) \ge 0, JS(P||Q) \le \log 2…). Written with the
// distributions' names as the relation writes them, in LaTeX.
import type { RelationKind } from './formulaChains';
import type { LatexNode } from './latexSyntax';

/** The identity (for `=`, `≈`, `≠`) or the bounds (for `<`, `≤`…) of the measure `side` is, if it is one. */
export function knownIdentity(kind: RelationKind, side: LatexNode, textOf: (node: LatexNode) => string): string | undefined {
  const node = side.type === 'group' ? side.inner : side;
  if (node.type !== 'measure') return undefined;
  const names = node.args.map(textOf);
  const equality = kind === '=' || kind === '≈' || kind === '≠';
  const written = textOf(node);
  switch (node.measure) {
    case 'CE':
    case 'H':
      if (names.length === 1) return equality ? `${written} = -\\sum_i p_i \\log p_i` : `0 \\le ${written} \\le \\log n`;
      if (names.length !== 2) return undefined;
      return equality ? `${written} = H(${names[0]}) + D_{KL}(${names[0]}||${names[1]})` : `${written} \\ge H(${names[0]})`;
    case 'KL':
      if (names.length !== 2) return undefined;
      return equality ? `${written} = H(${names[0]}, ${names[1]}) - H(${names[0]})` : `${written} \\ge 0`;
    case 'JS':
      if (names.length !== 2) return undefined;
      return equality
        ? `${written} = \\frac{1}{2} D_{KL}(${names[0]}||M) + \\frac{1}{2} D_{KL}(${names[1]}||M), M = \\frac{1}{2}(${names[0]} + ${names[1]})`
        : `0 \\le ${written} \\le \\log 2`;
    default:
      return undefined;
  }
}
