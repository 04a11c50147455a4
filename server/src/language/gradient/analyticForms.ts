// The textbook results a gradient may be an instance of, recognised from the
// shape of the expression (never used to compute it: the hover shows them next
// to the computed gradient, so the user sees the derivation agree).
//   ∂/∂z CE(y, softmax(z)) = softmax(z) − y   (also H(y, softmax(z)), KL(y ‖ softmax(z)); Σy = 1)
//   ∂/∂x BCE(y, sigmoid(x)) = sigmoid(x) − y  (divided by n for n entries: BCE is their mean)
// In bits or bans the result is divided by ln 2 or ln 10; a batch of N rows by N.
// Written in the language itself, so that it can be pasted into a check.
import type { Expression, UnitName } from '../ast';
import { BUILTINS } from '../builtins';
import type { EvaluationContext } from '../context';
import { NORMALIZATION_TOLERANCE } from '../distributions';
import { compensatedSum } from '../summation';
import type { Value } from '../values';

const UNIT_DIVISOR: Record<UnitName, string> = { nats: '', bits: 'log(2)', bans: 'log(10)' };

/** The closed form of `expression`'s gradient with respect to `variable`, when it is a classic one. */
export function analyticForm(expression: Expression, variable: string, point: Value, result: Value, mentioning: ReadonlySet<Expression>, context: EvaluationContext): string | undefined {
  if (expression.type !== 'call' || result.kind !== 'number' || !result.unit) return undefined;
  const measure = BUILTINS.get(expression.callee)?.name;
  const [truth, prediction] = expression.args;
  if (!truth || !prediction || mentioning.has(truth)) return undefined;
  const squash = wrapsVariable(prediction, variable);
  const y = operandText(truth, context);
  const detail = result.detail;
  if (squash === 'softmax' && (measure === 'CE' || measure === 'KL' || (measure === 'H' && expression.args.length === 2))) {
    if (detail?.kind !== 'categorical' || !detail.rows.every((row) => Math.abs(compensatedSum(row.p) - 1) <= NORMALIZATION_TOLERANCE)) return undefined;
    const batchOfTruths = detail.rows.length > 1 && point.kind !== 'matrix';
    if (batchOfTruths) return undefined;
    return scaled(`softmax(${variable}) - ${y}`, point.kind === 'matrix' ? point.rows : 1, result.unit);
  }
  if (squash === 'sigmoid' && measure === 'BCE') {
    const entries = point.kind === 'number' ? 1 : point.kind === 'vector' || point.kind === 'matrix' ? point.data.length : 0;
    return entries > 0 ? scaled(`sigmoid(${variable}) - ${y}`, entries, result.unit) : undefined;
  }
  return undefined;
}

/** `softmax` for `softmax(z)` when z is the variable itself, likewise `sigmoid`. */
function wrapsVariable(expression: Expression, variable: string): 'softmax' | 'sigmoid' | undefined {
  if (expression.type !== 'call' || expression.args.length !== 1) return undefined;
  const [argument] = expression.args;
  if (argument.type !== 'name' || argument.name !== variable) return undefined;
  const name = BUILTINS.get(expression.callee)?.name;
  return name === 'softmax' || name === 'sigmoid' ? name : undefined;
}

function operandText(expression: Expression, context: EvaluationContext): string {
  const text = context.textOf(expression.span).replace(/\s+/g, ' ').trim();
  return expression.type === 'binary' || expression.type === 'unary' ? `(${text})` : text;
}

/** `form`, divided by the batch size and the unit's ln(base) when they are not 1. */
function scaled(form: string, count: number, unit: UnitName): string {
  const divisors = [count > 1 ? String(count) : '', UNIT_DIVISOR[unit]].filter((divisor) => divisor !== '');
  if (divisors.length === 0) return form;
  return `(${form}) / ${divisors.length === 1 ? divisors[0] : `(${divisors.join(' * ')})`}`;
}
