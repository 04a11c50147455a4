// The value of a measure written inside a larger statement, as in
// `H(P, Q) == H(P) + KL(P || Q)`: the analysis keeps only the statement's own
// value, so the call is evaluated on demand against the same bindings, units
// and precision, once per statement result.
import type { Analysis, AnalyzedStatement } from '../language/analysis';
import type { CallExpression } from '../language/ast';
import { writtenOnOneLine } from '../language/comments';
import type { EvaluationContext } from '../language/context';
import { evaluate } from '../language/evaluator';
import type { NumberValue } from '../language/values';

export type MeasureValue = NumberValue & { detail: NonNullable<NumberValue['detail']> };

const values = new WeakMap<object, Map<number, MeasureValue | undefined>>();

export function nestedMeasure(analysis: Analysis, analyzed: AnalyzedStatement, call: CallExpression): MeasureValue | undefined {
  const byCall = values.get(analyzed.result) ?? new Map<number, MeasureValue | undefined>();
  values.set(analyzed.result, byCall);
  if (byCall.has(call.span.start)) return byCall.get(call.span.start);
  const text = analyzed.source.text;
  const context: EvaluationContext = {
    units: analyzed.result.units,
    ...(analyzed.result.precision !== undefined ? { precision: analyzed.result.precision } : {}),
    limits: analysis.options.limits,
    ...(analysis.options.files ? { files: analysis.options.files } : {}),
    lookup: (name) => analyzed.inputs.get(name),
    // The statement's own diagnostics already say what is wrong here.
    report: () => undefined,
    textOf: (span) => writtenOnOneLine(text.slice(span.start, span.end)),
    work: { numbers: 0, refused: false },
  };
  const value = evaluate(call, context);
  const measure = value?.kind === 'number' && value.detail ? (value as MeasureValue) : undefined;
  byCall.set(call.span.start, measure);
  return measure;
}
