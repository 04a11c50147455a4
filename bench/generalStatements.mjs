// Statements about any distribution (docs/math-checking.md): the time one
// general relation adds to the analysis of a note, or one `for P, Q:` check to
// a .kl file, against the same document without it. Each is checked on every
// sample when it holds (the slow case) and stops at its counterexample when it
// does not. Target: 20 ms per relation (issue 18).
import { summary, timed } from './stats.mjs';

const SECTION = 'Statements about any distribution (analysis time per relation)';

const CASES = [
  { figure: 'note: H(P, Q) = H(P) + D_KL(P||Q) (holds: every sample)', kind: 'markdown', text: '$$H(P, Q) = H(P) + D_{KL}(P||Q)$$\n' },
  { figure: 'note: D_KL(P||Q) = Σ p_i log2(p_i/q_i) (holds; a sum written out)', kind: 'markdown', text: '$$D_{KL}(P||Q) = \\sum_{i \\in \\Omega} p_i \\log_2 \\frac{p_i}{q_i}$$\n' },
  { figure: 'note: D_KL(P||R) ≤ D_KL(P||Q) + D_KL(Q||R) (three distributions; fails)', kind: 'markdown', text: '$$D_{KL}(P||R) \\le D_{KL}(P||Q) + D_{KL}(Q||R)$$\n' },
  { figure: "note: the reference note's chain, 4 general links (per link)", kind: 'markdown', links: 4, text: '$$\nH(P, Q) = -\\sum_{i \\in \\Omega}p_i\\log(q_i) = -\\log 2\\sum p_i\\log_2(q_i) \\\\= -\\log 2 (\\sum p_i\\log_2(\\frac{q_i}{p_i}) + \\sum p_i\\log_2 p_i) = \\log_2(D_{KL}(P||Q) + H(P))\n$$\n' },
  { figure: '.kl: for P, Q: H(P, Q) == H(P) + KL(P || Q) (holds)', kind: 'kl', text: 'for P, Q: H(P, Q) == H(P) + KL(P || Q)\n' },
];

export function generalStatementRows({ engine, runs }) {
  return CASES.map(({ figure, kind, text, links = 1 }) => {
    const baseline = kind === 'markdown' ? 'A note.\n' : '1 + 1\n';
    const base = timed(() => engine.analyze(baseline, kind), runs, 3);
    const times = timed(() => engine.analyze(text, kind), runs, 3);
    const floor = summary(base).median;
    return { section: SECTION, figure, unit: 'ms', stat: summary(times.map((t) => Math.max(0, t - floor) / links)), target: { value: 20 } };
  });
}
