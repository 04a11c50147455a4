// A family's constructor: its arguments checked against the definition's
// parameters (their kinds, finite), then the family's own check, each problem
// a located diagnostic.
import type { CallExpression } from '../ast';
import type { EvaluationContext } from '../context';
import { error } from '../diagnostics';
import type { Value } from '../values';
import type { FamilyDefinition } from './familyDefinition';
import type { FamilyName, FamilyParameters, FamilyValue, ParameterKind, ParameterValue } from './familyValue';

/** `normal(mu, sigma)`. */
export function familySignature(definition: FamilyDefinition): string {
  return `${definition.name}(${definition.parameters.map((parameter) => parameter.name).join(', ')})`;
}

export function constructFamily(definition: FamilyDefinition, args: readonly Value[], call: CallExpression, context: EvaluationContext): FamilyValue | undefined {
  const parameters: Record<string, ParameterValue> = {};
  for (let i = 0; i < definition.parameters.length; i++) {
    const { name, kind } = definition.parameters[i];
    const parameter = parameterOf(args[i], kind);
    if (parameter === undefined) {
      context.report(error('type-mismatch', call.span, `${familySignature(definition)} takes ${kindsText(definition)}.`));
      return undefined;
    }
    parameters[name] = parameter;
  }
  const typed = parameters as FamilyParameters[FamilyName];
  const problem = definition.check(typed);
  if (problem) {
    const index = definition.parameters.findIndex((parameter) => parameter.name === problem.parameter);
    context.report(error('domain', call.args[index].span, problem.message));
    return undefined;
  }
  return { kind: 'family', family: definition.name, parameters: typed } as FamilyValue;
}

/** The argument as a parameter of `kind`, all its numbers finite; undefined otherwise. */
function parameterOf(value: Value, kind: ParameterKind): ParameterValue | undefined {
  if (value.kind !== kind) return undefined;
  switch (value.kind) {
    case 'number':
      return Number.isFinite(value.value) ? value.value : undefined;
    case 'vector':
      return value.data.every(Number.isFinite) ? value.data : undefined;
    case 'matrix':
      return value.data.every(Number.isFinite) ? { rows: value.rows, columns: value.columns, data: value.data } : undefined;
    default:
      return undefined;
  }
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four'];

/** `two finite numbers`; `a vector mu and a matrix Sigma, all finite`. */
function kindsText(definition: FamilyDefinition): string {
  const parameters = definition.parameters;
  if (parameters.every((parameter) => parameter.kind === 'number')) {
    return `${COUNT_WORDS[parameters.length] ?? parameters.length} finite number${parameters.length === 1 ? '' : 's'}`;
  }
  const each = parameters.map((parameter) => `a ${parameter.kind} ${parameter.name}`);
  return `${each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each.at(-1)}` : each[0]}, all finite`;
}
