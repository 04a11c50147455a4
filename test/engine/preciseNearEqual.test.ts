// Every measure at `precision N` on nearly equal pairs (10^-6 … 10^-14
// apart), against mpmath at 2N digits (test/fixtures/make_near_equal.py): the
// value shown is the reference correctly rounded to N digits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisOf } from './evaluate';

interface PrecisionCase {
  id: string;
  document: string;
  digits: number;
  expected: string;
  rounded: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/near-equal.json'), 'utf8')) as { precision: PrecisionCase[] };

describe('every measure at precision N on nearly equal pairs', () => {
  for (const reference of fixture.precision) {
    it(`${reference.id}: ${reference.document.split('\n').at(-1)}`, () => {
      const analysis = analysisOf(reference.document);
      expect(analysis.diagnostics).toEqual([]);
      const value = analysis.statements.at(-1)?.result.value;
      expect(value?.kind === 'number' && value.precise !== undefined).toBe(true);
      const precise = value?.kind === 'number' ? (value.precise as string) : '';
      expect(decimalDigits(precise), `${precise} vs ${reference.expected}`).toEqual(decimalDigits(reference.rounded));
      // A logarithm at 1000 digits takes tens of milliseconds: the largest of these cases, seconds on a loaded machine.
    }, reference.digits >= 1000 ? 120_000 : undefined);
  }
});

/** A decimal string as its significant digits (no trailing zeros) and the exponent of its first digit. */
function decimalDigits(text: string): { sign: string; digits: string; exponent: number } {
  const match = /^(-?)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!match) return { sign: '?', digits: text, exponent: 0 };
  const [, sign, whole, fraction, power] = match;
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  return { sign, digits: all.slice(leading).replace(/0+$/, ''), exponent: whole.length - leading - 1 + Number(power ?? 0) };
}
