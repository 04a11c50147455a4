// Reverse-mode differentiation: the forward pass records every value that
// depends on the variable, with the rule that carries an adjoint (∂ result /
// ∂ this value) back to its operands; the backward pass runs the records in
// reverse order. Values that do not depend on the variable are constants and
// are not recorded.
import type { Span } from '../span';
import type { Value } from '../values';
import { sizeOf } from './layout';

/** Why a derivative does not exist, and in which sub-expression. */
export interface Singularity {
  span: Span;
  message: string;
}

export interface PullbackInput {
  operands: readonly Value[];
  output: Value;
  /** ∂ result / ∂ output, entry by entry. */
  adjoint: Float64Array;
  /** Which operands depend on the variable: only their adjoints are asked for. */
  dependent: readonly boolean[];
  /** Records that a derivative is infinite or does not exist; the entries it reaches become NaN. */
  singular(message: string): void;
}

/** ∂ result / ∂ operand for each operand (undefined for constants). */
export type Pullback = (input: PullbackInput) => (Float64Array | undefined)[];

export interface Traced {
  value: Value;
  /** Whether the value changes with the variable. */
  dependent: boolean;
}

interface Step extends Traced {
  operands: readonly Traced[];
  pullback: Pullback;
  span: Span;
}

const MAX_SINGULARITIES = 3;

export class Tape {
  private readonly steps: Step[] = [];
  private readonly adjoints = new Map<Traced, Float64Array>();
  readonly singularities: Singularity[] = [];

  constant(value: Value): Traced {
    return { value, dependent: false };
  }

  /** The variable itself: the one dependent value with no operands. */
  variable(value: Value): Traced {
    return { value, dependent: true };
  }

  /** A value computed from `operands` at `span`; constant when no operand depends on the variable. */
  record(value: Value, operands: readonly Traced[], pullback: Pullback, span: Span): Traced {
    if (!operands.some((operand) => operand.dependent)) return this.constant(value);
    const step: Step = { value, dependent: true, operands, pullback, span };
    this.steps.push(step);
    return step;
  }

  /** ∂ output / ∂ variable, entry by entry; NaN where a singularity reached. */
  gradient(output: Traced, variable: Traced): Float64Array {
    this.adjoints.clear();
    this.adjoints.set(output, Float64Array.of(1));
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i];
      const adjoint = this.adjoints.get(step);
      if (!adjoint) continue;
      const contributions = step.pullback({
        operands: step.operands.map((operand) => operand.value),
        output: step.value,
        adjoint,
        dependent: step.operands.map((operand) => operand.dependent),
        singular: (message) => this.noteSingularity(step.span, message),
      });
      step.operands.forEach((operand, k) => {
        const contribution = contributions[k];
        if (operand.dependent && contribution) this.accumulate(operand, contribution);
      });
    }
    return this.adjoints.get(variable) ?? new Float64Array(sizeOf(variable.value));
  }

  private accumulate(target: Traced, contribution: Float64Array): void {
    const existing = this.adjoints.get(target);
    if (!existing) {
      this.adjoints.set(target, Float64Array.from(contribution));
      return;
    }
    for (let i = 0; i < existing.length; i++) existing[i] += contribution[i];
  }

  private noteSingularity(span: Span, message: string): void {
    if (this.singularities.length >= MAX_SINGULARITIES) return;
    if (this.singularities.some((known) => known.message === message)) return;
    this.singularities.push({ span, message });
  }
}

/**
 * g·d for one entry: a derivative nobody needs (g = 0) is not asked for, and
 * an infinite or undefined one is reported and becomes NaN.
 */
export function chainEntry(g: number, d: number, input: PullbackInput, why: () => string): number {
  if (g === 0) return 0;
  if (!Number.isFinite(d)) {
    input.singular(why());
    return NaN;
  }
  return g * d;
}
