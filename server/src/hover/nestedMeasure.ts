// The value of a measure written inside a larger statement, as in
// `H(P, Q) == H(P) + KL(P || Q)`: the analysis keeps only the statement's own
// value, so the call is evaluated on demand against the same bindings, units
// and precision, once per statement result. The hover runs on the server's
// thread: it has a statement's time (the analysis's `timePerStatement`), no
// more, and a measure that would take longer has no value here.
import type { Analysis, AnalyzedStatement } from '../language/analysis';
import type { CallExpression } from '../language/ast';
import { evaluationContext } from '../language/context';
import { evaluate } from '../language/evaluator';
import type { NumberValue } from '../language/values';

export type MeasureValue = NumberValue & { detail: NonNullable<NumberValue['detail']> };

const values = new WeakMap<object, Map<number, MeasureValue | undefined>>();

export function nestedMeasure(analysis: Analysis, analyzed: AnalyzedStatement, call: CallExpression): MeasureValue | undefined {
  const byCall = values.get(analyzed.result) ?? new Map<number, MeasureValue | undefined>();
  values.set(analyzed.result, byCall);
  if (byCall.has(call.span.start)) return byCall.get(call.span.start);
  const context = evaluationContext({
    units: analyzed.result.units,
    precision: analyzed.result.precision,
    limits: analysis.options.limits,
    files: analysis.options.files,
    lookup: (name) => analyzed.inputs.get(name),
    // The statement's own diagnostics already say what is wrong here.
    report: () => undefined,
    source: { text: analyzed.source.text, language: 'kl' },
    budget: { milliseconds: analysis.options.timePerStatement },
  });
  const value = evaluate(call, context);
  // Out of time, nothing is kept: how long it took depends on the machine's load, and a later hover tries again.
  if (context.work?.outOfTime) return undefined;
  const measure = value?.kind === 'number' && value.detail ? (value as MeasureValue) : undefined;
  byCall.set(call.span.start, measure);
  return measure;
}
