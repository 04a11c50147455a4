// The hover of a gradient: what was differentiated, by which name and at what
// loss; the textbook closed form when the expression is a classic loss (the
// entries themselves come from automatic differentiation, so the two agreeing
// is the check); the entries, and a chart of them with negative bars down.
import type { GradientDetail } from '../language/gradient/gradientDetail';
import { formatFull, formatShort } from '../language/format';
import { compensatedSum } from '../language/summation';
import type { MatrixValue, NumberValue, Value, VectorValue } from '../language/values';
import { histogram, signedBarChart } from './charts';
import { escapeCell, TABLE_LIMIT } from './valueTable';

export type GradientValue = (NumberValue | VectorValue | MatrixValue) & { gradient: GradientDetail };

const MATRIX_ROWS = 8;
const MATRIX_COLUMNS = 10;

export function isGradient(value: Value): value is GradientValue {
  return (value.kind === 'number' || value.kind === 'vector' || value.kind === 'matrix') && value.gradient !== undefined;
}

export function gradientSections(value: GradientValue): string[] {
  const { variable, expression, unit, analyticForm } = value.gradient;
  const per = unit ? ` (${unit} per unit of \`${variable}\`)` : '';
  const sections = [`**∇** of \`${expression}\` with respect to \`${variable}\`${per}; the expression is ${formatFull(value.gradient.value)}${unit ? ` ${unit}` : ''} here.`];
  if (analyticForm) {
    const classic = analyticForm.includes('softmax(') ? 'softmax with cross-entropy' : 'sigmoid with binary cross-entropy';
    sections.push(`Analytic form (${classic}): \`${analyticForm}\`. The entries below are computed by automatic differentiation, not from this form.`);
  }
  return [...sections, ...entrySections(value)];
}

function entrySections(value: GradientValue): string[] {
  const unit = value.unit ? ` ${value.unit}` : '';
  if (value.kind === 'number') return [`**${formatFull(value.value)}${unit}**`];
  if (value.kind === 'matrix') return [matrixTable(value)];
  const name = `∂/∂${value.gradient.variable}`;
  const sum = `sum ${formatFull(compensatedSum(value.data))}${unit}`;
  if (value.data.length > TABLE_LIMIT) {
    return [`${value.data.length.toLocaleString('en-US')} entries · ${sum}`, `![entries of the gradient](${histogram(value.data, `${name}: ${value.data.length} entries`)})`];
  }
  const labelOf = (i: number) => (value.labels ? value.labels[i] : String(i + 1));
  const rows = Array.from(value.data, (x, i) => `| ${escapeCell(labelOf(i))} | ${formatFull(x)} |`);
  return [
    [`| ${value.labels ? 'label' : 'i'} | ${escapeCell(name)} |`, '| --- | ---: |', ...rows].join('\n'),
    sum,
    `![entries of the gradient](${signedBarChart(value.data, Array.from(value.data, (_, i) => labelOf(i)), name)})`,
  ];
}

function matrixTable(value: MatrixValue & { gradient: GradientDetail }): string {
  const rows = Math.min(value.rows, MATRIX_ROWS);
  const columns = Math.min(value.columns, MATRIX_COLUMNS);
  const more = value.columns > columns ? ' | …' : '';
  const lines = [
    `| row | ${Array.from({ length: columns }, (_, c) => c + 1).join(' | ')}${more} |`,
    `| --- |${' ---: |'.repeat(columns)}${more ? ' --- |' : ''}`,
  ];
  for (let r = 0; r < rows; r++) {
    const cells = Array.from(value.data.subarray(r * value.columns, r * value.columns + columns), (x) => formatShort(x, 6));
    lines.push(`| ${r + 1} | ${cells.join(' | ')}${more} |`);
  }
  if (value.rows > rows) lines.push(`| … |${' … |'.repeat(columns)}${more ? ' … |' : ''}`);
  return lines.join('\n');
}
