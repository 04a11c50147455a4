// Information units: the base of the logarithm in every measure.
import type { UnitName } from './ast';

export const UNIT_NAMES: readonly UnitName[] = ['bits', 'nats', 'bans'];

export const UNIT_BASE: Record<UnitName, number> = { bits: 2, nats: Math.E, bans: 10 };

/** ln of the base: a value in nats divided by this is the value in the unit. */
export const UNIT_LN_BASE: Record<UnitName, number> = { bits: Math.LN2, nats: 1, bans: Math.LN10 };

/** The logarithm in the unit's base, with the library's own log2/log10 for exactness. */
export function logIn(unit: UnitName): (x: number) => number {
  return unit === 'bits' ? Math.log2 : unit === 'bans' ? Math.log10 : Math.log;
}

export function convertUnits(value: number, from: UnitName, to: UnitName): number {
  return from === to ? value : (value * UNIT_LN_BASE[from]) / UNIT_LN_BASE[to];
}

/** `log2`, `ln`, `log10`: how a formula writes the unit's logarithm. */
export const UNIT_LOG_NAME: Record<UnitName, string> = { bits: 'log2', nats: 'ln', bans: 'log10' };
