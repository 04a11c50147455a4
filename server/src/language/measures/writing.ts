// How the measures' terms write their numbers: six significant digits, enough
// to recognise an input, short enough to read.
import { formatShort } from '../format';
import type { WrittenTerm } from './types';

export function n(x: number): string {
  return formatShort(x, 6);
}

/** A term whose weight is 0, written 0. */
export const ZERO_TERM: WrittenTerm = { sign: '+', body: '0' };
