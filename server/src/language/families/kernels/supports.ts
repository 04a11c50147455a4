// The supports of the continuous families, as a warning names them.

import type { ParetoParameters, UniformParameters } from './parameters';

export const REAL_LINE = 'ℝ';
export const HALF_LINE = '[0, ∞)';
export const POSITIVE_LINE = '(0, ∞)';
export const UNIT_INTERVAL = '(0, 1)';

export function paretoSupport(q: ParetoParameters): string {
  return `[${q.scale}, ∞)`;
}

export function uniformSupport(q: UniformParameters): string {
  return `[${q.low}, ${q.high}]`;
}

/** "normal has mass on ℝ, outside exponential's support [0, ∞)". */
export function outsideText(p: string, pSupport: string, q: string, qSupport: string): string {
  return `${p} has mass on ${pSupport}, outside ${q}'s support ${qSupport}`;
}
