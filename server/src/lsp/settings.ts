// The `kl` configuration section, read from the client and checked: a value
// of the wrong type or below its minimum falls back to its default, so a typo
// in settings.json never breaks the server, and a number over its hard maximum
// is that maximum, whoever sent it: VS Code ignores a repository's values of
// the limits in Restricted Mode (package.json's restrictedConfigurations),
// other editors may not, and no value lifts what the server will allocate.
import type { UnitName } from '../language/ast';
import { DEFAULT_LIMITS } from '../language/context';
import { DEFAULT_MAX_FILE_BYTES } from '../language/load/fileHost';

export type Display = 'lenses' | 'inlay' | 'both';

export interface Settings {
  units: UnitName;
  display: Display;
  significantDigits: number;
  markdownEnabled: boolean;
  maxElements: number;
  /** load() refuses files larger than this. */
  maxFileBytes: number;
  /** `kl.hover.charts`; absent: decided by the client (lsp/hoverRendering.ts). */
  hoverCharts: boolean | undefined;
}

/**
 * The most any setting may say. Elements: ten times the default, 800 MB of
 * doubles held by one document (and as much again by its worker) and 10^9
 * numbers computed by one statement. File bytes: 1 GiB, room for a `.npy` of
 * that many doubles.
 */
export const HARD_MAXIMUMS = {
  significantDigits: 17,
  maxElements: 100_000_000,
  maxFileBytes: 1024 * 1024 * 1024,
} as const;

export const DEFAULT_SETTINGS: Settings = {
  units: 'nats',
  display: 'lenses',
  significantDigits: 5,
  markdownEnabled: true,
  maxElements: DEFAULT_LIMITS.maxElements,
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  hoverCharts: undefined,
};

/** Reads the client's `kl` section (any shape) into checked settings. */
export function readSettings(section: unknown): Settings {
  const raw = isRecord(section) ? section : {};
  const markdown = isRecord(raw.markdown) ? raw.markdown : {};
  const limits = isRecord(raw.limits) ? raw.limits : {};
  const hover = isRecord(raw.hover) ? raw.hover : {};
  return {
    units: raw.units === 'bits' || raw.units === 'nats' || raw.units === 'bans' ? raw.units : DEFAULT_SETTINGS.units,
    display: raw.display === 'lenses' || raw.display === 'inlay' || raw.display === 'both' ? raw.display : DEFAULT_SETTINGS.display,
    significantDigits: wholeNumberUpTo(raw.significantDigits, HARD_MAXIMUMS.significantDigits) ?? DEFAULT_SETTINGS.significantDigits,
    markdownEnabled: typeof markdown.enabled === 'boolean' ? markdown.enabled : DEFAULT_SETTINGS.markdownEnabled,
    maxElements: wholeNumberUpTo(limits.maxElements, HARD_MAXIMUMS.maxElements) ?? DEFAULT_SETTINGS.maxElements,
    maxFileBytes: wholeNumberUpTo(limits.maxFileBytes, HARD_MAXIMUMS.maxFileBytes) ?? DEFAULT_SETTINGS.maxFileBytes,
    hoverCharts: typeof hover.charts === 'boolean' ? hover.charts : DEFAULT_SETTINGS.hoverCharts,
  };
}

/** Whether the analyses must be redone (not only the lenses and hints redrawn). */
export function changesAnalysis(before: Settings, after: Settings): boolean {
  return before.units !== after.units || before.maxElements !== after.maxElements || before.maxFileBytes !== after.maxFileBytes || before.markdownEnabled !== after.markdownEnabled;
}

export function showsLenses(settings: Settings): boolean {
  return settings.display !== 'inlay';
}

export function showsInlayHints(settings: Settings): boolean {
  return settings.display !== 'lenses';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number of at least 1, at most `max` (a larger one is `max`); anything else undefined. */
function wholeNumberUpTo(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? Math.min(value, max) : undefined;
}
