// What a gradient was computed from, kept on its value so that a hover can say
// which expression was differentiated, by which name, and the textbook result
// when the expression is one of the classic losses.
import type { UnitName } from '../ast';

export interface GradientDetail {
  /** The name differentiated by, as written: `z` in `grad(CE(y, softmax(z)), z)`. */
  variable: string;
  /** The differentiated expression, as written. */
  expression: string;
  /** The expression's value at the point (the engine's own evaluation of it). */
  value: number;
  /** The unit of the expression's value, which is also the gradient's. */
  unit?: UnitName;
  /** The closed form when the expression is a classic loss, e.g. `softmax(z) − y`. */
  analyticForm?: string;
}
