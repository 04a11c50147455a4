// What a family kernel returns: a divergence in nats, or +∞ with the reason,
// so that the record can warn with it (the spec's "+∞ with a warning that
// names the support"). Partial derivatives are keyed by the parameter names
// of the spec's table (mu, sigma, shape, rate, …).

/** A KL divergence KL(P ‖ Q) in nats. */
export type Divergence =
  | { readonly kind: 'finite'; readonly nats: number }
  /** P puts mass where Q has none: `support` says where, e.g. "P = normal(0, 1) has mass below 0, outside exponential's support [0, ∞)". */
  | { readonly kind: 'infinite'; readonly reason: 'support'; readonly support: string }
  /** Q's log-density is not integrable under P: `condition` says which parameters, e.g. "pareto alpha ≤ 1: E[x] is infinite". */
  | { readonly kind: 'infinite'; readonly reason: 'moment'; readonly condition: string };

/** ∂/∂parameter for each continuous parameter of a family. */
export type Partials = Readonly<Record<string, number>>;

/** The partial derivatives of KL(P ‖ Q) with respect to P's and Q's parameters. */
export interface DivergenceGradient {
  readonly p: Partials;
  readonly q: Partials;
}

export function finite(nats: number): Divergence {
  return { kind: 'finite', nats };
}

/** +∞ because P's support is not inside Q's. */
export function outsideSupport(support: string): Divergence {
  return { kind: 'infinite', reason: 'support', support };
}

/** +∞ because an expectation under P of Q's log-density diverges. */
export function infiniteMoment(condition: string): Divergence {
  return { kind: 'infinite', reason: 'moment', condition };
}

/** An expectation under P, with its partial derivatives by P's parameters. */
export interface Statistic {
  readonly value: number;
  readonly d: Partials;
}

/** Σ coefficient · ∂statistic, parameter by parameter, less ∂H(P) (the gradient of KL = CE − H by P's parameters). */
export function combinePartials(entropy: Partials, terms: readonly (readonly [number, Statistic])[]): Partials {
  const result: Record<string, number> = {};
  for (const name of Object.keys(entropy)) {
    let sum = -entropy[name];
    for (const [coefficient, statistic] of terms) sum += coefficient * (statistic.d[name] ?? 0);
    result[name] = sum;
  }
  return result;
}
