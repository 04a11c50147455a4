// The numbers a writer rounded by hand: `0.415`, `-0.415`, `41.5\%`,
// `1.5 \times 10^{-3}`, alone or as the entries of a vector. Their digits set
// the tolerance of a relation (the spec's rule: ±0.5·10^−d for d decimals, the
// same function as the KL checks use), and they are what a quick fix rewrites.
import { toleranceOfWrittenNumber } from '../language/checks';
import { formatFixed } from '../language/format';
import type { Span } from '../language/span';
import type { LatexNode } from './latexSyntax';

export interface WrittenNumber {
  /** The literal, sign included; for `m \times 10^{k}`, the mantissa `m` only (what a fix rewrites). */
  span: Span;
  /** Half a unit of the last digit written. */
  tolerance: number;
  /** Digits after the point of the (mantissa of the) number. */
  decimals: number;
  style: 'plain' | 'percent' | 'e-notation' | 'times-ten';
  /** k in `m \times 10^{k}` or `me-k`. */
  exponent: number;
}

/** One entry per number the part holds (one for a scalar); undefined where no digits were rounded. */
export function writtenNumbers(node: LatexNode): (WrittenNumber | undefined)[] {
  if (node.type === 'vector') return node.elements.flatMap((element) => (element.type === 'vector' ? writtenNumbers(element) : [writtenNumber(element)]));
  return [writtenNumber(node)];
}

function writtenNumber(node: LatexNode): WrittenNumber | undefined {
  if (node.type === 'binary' && node.operator === '*' && node.form === undefined) {
    const mantissa = signedNumber(node.left);
    const exponent = powerOfTenExponent(node.right);
    if (!mantissa || exponent === undefined || !/^\d*\.\d+$/.test(mantissa.text)) return undefined;
    const tolerance = toleranceOfWrittenNumber(`${mantissa.text}e${exponent}`)!;
    return { span: node.left.span, tolerance, decimals: decimalsOf(mantissa.text), style: 'times-ten', exponent };
  }
  const number = signedNumber(node);
  const tolerance = number && toleranceOfWrittenNumber(number.text);
  if (!number || tolerance === undefined) return undefined;
  const scientific = /^([^eE]*)[eE]([-+]?\d+)$/.exec(number.text);
  if (scientific) return { span: node.span, tolerance, decimals: decimalsOf(scientific[1]), style: 'e-notation', exponent: Number(scientific[2]) };
  const percent = number.text.endsWith('%');
  return { span: node.span, tolerance, decimals: decimalsOf(number.text.replace('%', '')), style: percent ? 'percent' : 'plain', exponent: 0 };
}

/** `0.415` or `-0.415`. */
function signedNumber(node: LatexNode): { text: string } | undefined {
  const operand = node.type === 'unary' ? node.operand : node;
  return operand.type === 'number' ? operand : undefined;
}

function decimalsOf(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** k of `10^{k}` (k a whole number, maybe negative). */
function powerOfTenExponent(node: LatexNode): number | undefined {
  if (node.type !== 'binary' || node.operator !== '^' || node.left.type !== 'number' || node.left.text !== '10') return undefined;
  const exponent = node.right;
  const magnitude = exponent.type === 'unary' ? exponent.operand : exponent;
  if (magnitude.type !== 'number' || !/^\d+$/.test(magnitude.text)) return undefined;
  return exponent.type === 'unary' && exponent.operator === '-' ? -magnitude.value : magnitude.value;
}

/** `value` written as the literal was: the same decimals, a percentage as a percentage, the same power of ten. */
export function rewrite(value: number, written: WrittenNumber): { span: Span; text: string } | undefined {
  if (!Number.isFinite(value)) return undefined;
  switch (written.style) {
    case 'plain':
      return { span: written.span, text: formatFixed(value, written.decimals) };
    case 'percent':
      return { span: written.span, text: `${formatFixed(value * 100, written.decimals)}\\%` };
    case 'times-ten':
      return { span: written.span, text: formatFixed(value / Math.pow(10, written.exponent), written.decimals) };
    case 'e-notation':
      return { span: written.span, text: `${formatFixed(value / Math.pow(10, written.exponent), written.decimals)}e${written.exponent}` };
  }
}
