// The results of a discrete KL that are not numbers: +∞ because P puts mass
// where Q has none, or no closed form (torch has none either). Values, not
// throws, so that the family records can warn or report an error.

/** KL(P ‖ Q) = +∞: P can take values that Q cannot. */
export interface InfiniteBySupport {
  kind: 'infinite';
  reason: 'support';
  /** P's support, as the spec writes supports: `{0, 1}`, `{0..10}`, `{0, 1, …}`. */
  support: string;
  /** Q's support. */
  otherSupport: string;
  message: string;
}

/** A pair whose KL is finite but has no closed form here (torch raises NotImplementedError for it). */
export interface NoClosedForm {
  kind: 'no-closed-form';
  message: string;
}

/** KL in nats, or why it is not a number. */
export type DiscreteKl = number | InfiniteBySupport | NoClosedForm;

export function infiniteBySupport(p: string, support: string, q: string, otherSupport: string): InfiniteBySupport {
  return {
    kind: 'infinite',
    reason: 'support',
    support,
    otherSupport,
    message: `KL is +∞: ${p} takes values in ${support}, but ${q} only in ${otherSupport}.`,
  };
}

/** Supports as the spec writes them. */
export const NATURALS = '{0, 1, …}';

export function pointSupport(k: number): string {
  return `{${k}}`;
}

export function rangeSupport(n: number): string {
  return n === 0 ? '{0}' : n === 1 ? '{0, 1}' : `{0..${n}}`;
}
