// How numbers are written for people: messages use the shortest exact form,
// hovers 17 significant digits (every double round-trips), lenses a few; a
// number the user wrote is shown as written.
import type { NumberValue } from './values';

/** The shortest text that reads back as the same double; `-0` is written `0`. */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '0';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  return String(x);
}

/** 17 significant digits, the full precision of a double (trailing zeros dropped: 0.5, not 0.50000000000000000). */
export function formatFull(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatNumber(x);
  const [mantissa, exponent] = x.toPrecision(17).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return trimExponent(exponent === undefined ? trimmed : `${trimmed}e${exponent}`);
}

/**
 * A number value in full: as written when the user wrote it as a decimal
 * (`0.415`, not 0.41499999999999998), in its shortest form when they wrote it
 * otherwise (`75%` is 0.75, `1e-3` is 0.001), else its 17 digits.
 */
export function shownNumber(value: NumberValue): string {
  if (value.written === undefined) return formatFull(value.value);
  return /^-?\d*\.?\d+$/.test(value.written) ? value.written : formatNumber(value.value);
}

/** `digits` significant digits, without trailing zeros beyond the first decimal. */
export function formatShort(x: number, digits = 5): string {
  if (!Number.isFinite(x) || x === 0) return formatNumber(x);
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e6) {
    return String(Number(x.toPrecision(digits)));
  }
  return trimExponent(x.toExponential(digits - 1).replace(/\.?0+e/, 'e'));
}

/** Rounds to `decimals` digits after the point, as a user would write it. */
export function formatFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  const text = x.toFixed(Math.max(0, Math.min(100, decimals)));
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function trimExponent(text: string): string {
  return text.replace(/e\+?(-?)0*(\d)/, 'e$1$2');
}
