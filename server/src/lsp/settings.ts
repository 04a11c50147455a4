// The `kl` configuration section, read from the client and checked: a value
// of the wrong type or out of range falls back to its default, so a typo in
// settings.json never breaks the server.
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
    significantDigits: wholeNumberIn(raw.significantDigits, 1, 17) ?? DEFAULT_SETTINGS.significantDigits,
    markdownEnabled: typeof markdown.enabled === 'boolean' ? markdown.enabled : DEFAULT_SETTINGS.markdownEnabled,
    maxElements: wholeNumberIn(limits.maxElements, 1, 1e9) ?? DEFAULT_SETTINGS.maxElements,
    maxFileBytes: wholeNumberIn(limits.maxFileBytes, 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_SETTINGS.maxFileBytes,
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

function wholeNumberIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}
