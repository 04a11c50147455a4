// The hover of a gradient: what was differentiated, by which name and at what
// loss; the textbook closed form when the expression is a classic loss (the
// entries themselves come from automatic differentiation, so the two agreeing
// is the check); the entries, and a chart of them with negative bars down.
import type { GradientDetail } from '../language/gradient/gradientDetail';
import { formatFull, formatShort } from '../language/format';
import { compensatedSum } from '../language/summation';
import type { MatrixValue, NumberValue, Value, VectorValue } from '../language/values';
import { histogram, signedBarChart } from './charts';
import { cells, code, image, joinMarkdown, md, repeated, type Markdown } from './markdown';
import { TABLE_LIMIT } from './valueTable';

export type GradientValue = (NumberValue | VectorValue | MatrixValue) & { gradient: GradientDetail };

const MATRIX_ROWS = 8;
const MATRIX_COLUMNS = 10;

export function isGradient(value: Value): value is GradientValue {
  return (value.kind === 'number' || value.kind === 'vector' || value.kind === 'matrix') && value.gradient !== undefined;
}

export function gradientSections(value: GradientValue): Markdown[] {
  const { variable, expression, unit, analyticForm } = value.gradient;
  const per = unit ? md` (${unit} per unit of ${code(variable)})` : '';
  const sections = [md`**∇** of ${code(expression)} with respect to ${code(variable)}${per}; the expression is ${formatFull(value.gradient.value)}${unit ? ` ${unit}` : ''} here.`];
  if (analyticForm) {
    const classic = analyticForm.includes('softmax(') ? 'softmax with cross-entropy' : 'sigmoid with binary cross-entropy';
    sections.push(md`Analytic form (${classic}): ${code(analyticForm)}. The entries below are computed by automatic differentiation, not from this form.`);
  }
  return [...sections, ...entrySections(value)];
}

function entrySections(value: GradientValue): Markdown[] {
  const unit = value.unit ? ` ${value.unit}` : '';
  if (value.kind === 'number') return [md`**${formatFull(value.value)}${unit}**`];
  if (value.kind === 'matrix') return [matrixTable(value)];
  const name = `∂/∂${value.gradient.variable}`;
  const sum = md`sum ${formatFull(compensatedSum(value.data))}${unit}`;
  if (value.data.length > TABLE_LIMIT) {
    return [md`${value.data.length.toLocaleString('en-US')} entries · ${sum}`, image('entries of the gradient', histogram(value.data, `${name}: ${value.data.length} entries`))];
  }
  const labelOf = (i: number) => (value.labels ? value.labels[i] : String(i + 1));
  const rows = Array.from(value.data, (x, i) => md`| ${labelOf(i)} | ${formatFull(x)} |`);
  return [
    joinMarkdown([md`| ${value.labels ? 'label' : 'i'} | ${name} |`, md`| --- | ---: |`, ...rows], md`\n`),
    sum,
    image('entries of the gradient', signedBarChart(value.data, Array.from(value.data, (_, i) => labelOf(i)), name)),
  ];
}

function matrixTable(value: MatrixValue & { gradient: GradientDetail }): Markdown {
  const rows = Math.min(value.rows, MATRIX_ROWS);
  const columns = Math.min(value.columns, MATRIX_COLUMNS);
  const more = value.columns > columns ? md` | …` : '';
  const lines = [
    md`| row | ${cells(Array.from({ length: columns }, (_, c) => c + 1))}${more} |`,
    md`| --- |${repeated(md` ---: |`, columns)}${more ? md` --- |` : ''}`,
  ];
  for (let r = 0; r < rows; r++) {
    const entries = Array.from(value.data.subarray(r * value.columns, r * value.columns + columns), (x) => formatShort(x, 6));
    lines.push(md`| ${r + 1} | ${cells(entries)}${more} |`);
  }
  if (value.rows > rows) lines.push(md`| … |${repeated(md` … |`, columns)}${more ? md` … |` : ''}`);
  return joinMarkdown(lines, md`\n`);
}
