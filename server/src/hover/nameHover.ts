// The hover of a name: its value (a table, or a summary when large), its sum
// and entropy, where it was defined, and for a measure the written-out sum.
import { statementAt, type Analysis } from '../language/analysis';
import type { UnitName } from '../language/ast';
import type { Binding } from '../language/context';
import { formatFull } from '../language/format';
import { CONSTANTS } from '../language/reservedNames';
import type { NumberValue } from '../language/values';
import { gradientSections, isGradient } from './gradientHover';
import { code, md, type Markdown } from './markdown';
import { measureSections, valueLines } from './measureHover';
import { namesOf, topLevelCall } from './measureNames';
import { valueMarkdown } from './valueTable';

export function bindingMarkdown(analysis: Analysis, binding: Binding, units: UnitName): Markdown[] {
  const line = analysis.lineIndex.positionAt(binding.definition.start).line + 1;
  const value = binding.value;
  const header = md`${code(binding.name)} — defined at line ${line}`;
  if (isGradient(value)) return [header, ...gradientSections(value)];
  if (value.kind === 'number') {
    const sections = [header, ...valueLines(value)];
    const definition = statementAt(analysis, binding.definition.start);
    const names = definition ? namesOf(definition, topLevelCall(definition)) : { p: 'P', q: 'Q' };
    if (value.detail) sections.push(...measureSections(value as NumberValue & { detail: NonNullable<NumberValue['detail']> }, names));
    return sections;
  }
  return [header, ...valueMarkdown(binding.name, value, units)];
}

export function constantMarkdown(name: string): Markdown[] | undefined {
  const value = CONSTANTS.get(name);
  return value === undefined ? undefined : [md`${code(name)} = ${formatFull(value)} (constant)`];
}
