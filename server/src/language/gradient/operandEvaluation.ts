// The forward pass computes each value with the engine's own evaluator, so a
// gradient is the derivative of exactly what the document evaluates to (the
// same validation, labels, batches, warnings and rounding). A node whose
// operands are already known is evaluated with each operand replaced by a
// reference to a binding that holds its value; the binding names contain a
// character no document can write, and the spans stay the operands' own.
import type { Expression, NameReference } from '../ast';
import type { Binding, Evaluate, EvaluationContext } from '../context';
import type { Value } from '../values';

const OPERAND_PREFIX = '\u0000operand ';

/** Evaluates `node` as the engine does, with its direct operands taken as the given values. */
export function evaluateOverOperands(node: Expression, operands: readonly Value[], context: EvaluationContext, evaluate: Evaluate): Value | undefined {
  const bindings = new Map<string, Binding>();
  const stand = (operand: Expression, index: number): NameReference => {
    const name = `${OPERAND_PREFIX}${index}`;
    bindings.set(name, { name, value: operands[index], version: 0, definition: operand.span });
    return { type: 'name', name, span: operand.span };
  };
  const substituted = withOperands(node, stand);
  const scope: EvaluationContext = { ...context, lookup: (name) => bindings.get(name) ?? context.lookup(name) };
  return evaluate(substituted, scope);
}

function withOperands(node: Expression, stand: (operand: Expression, index: number) => NameReference): Expression {
  switch (node.type) {
    case 'unary':
      return { ...node, operand: stand(node.operand, 0) };
    case 'binary':
      return { ...node, left: stand(node.left, 0), right: stand(node.right, 1) };
    case 'call':
      return { ...node, args: node.args.map(stand) };
    case 'vector':
      return { ...node, elements: node.elements.map(stand) };
    case 'map':
      return { ...node, entries: node.entries.map((entry, i) => ({ ...entry, value: stand(entry.value, i) })) };
    default:
      return node;
  }
}

/** The operand expressions of `node`, in the order `evaluateOverOperands` takes their values. */
export function operandsOf(node: Expression): readonly Expression[] {
  switch (node.type) {
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'call':
      return node.args;
    case 'vector':
      return node.elements;
    case 'map':
      return node.entries.map((entry) => entry.value);
    default:
      return [];
  }
}
