// The names a measure's hover writes it with: the arguments as the user wrote
// them (`D_KL(ŷ‖y)`) when they are short, else P and Q (y and p for BCE).
import type { AnalyzedStatement } from '../language/analysis';
import type { CallExpression, Expression } from '../language/ast';
import { BUILTINS } from '../language/builtins';
import type { Names } from './termByTerm';

/** The call that is the statement's value (`KL(P || Q)`, or the left side of a check). */
export function topLevelCall(analyzed: AnalyzedStatement): CallExpression | undefined {
  const statement = analyzed.parsed.statement;
  const expression = statement.kind === 'check' ? statement.left : statement.kind === 'expression' || statement.kind === 'assignment' ? statement.expression : undefined;
  return expression?.type === 'call' ? expression : undefined;
}

/** The names to write the measure with: the arguments as written when they are short, else P and Q. */
export function namesOf(analyzed: AnalyzedStatement, call: CallExpression | undefined): Names {
  const isBce = call && BUILTINS.get(call.callee)?.name === 'BCE';
  const fallback = isBce ? { p: 'y', q: 'p' } : { p: 'P', q: 'Q' };
  if (!call) return fallback;
  const written = (argument: Expression | undefined, otherwise: string) => {
    if (!argument) return otherwise;
    const text = analyzed.source.text.slice(argument.span.start, argument.span.end);
    return text.length <= 12 && !/\s/.test(text) ? text : otherwise;
  };
  return { p: written(call.args[0], fallback.p), q: written(call.args[1], fallback.q) };
}
