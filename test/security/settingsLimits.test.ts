// A repository's .vscode/settings.json, or any client, asking for limits the
// server must not grant: VS Code ignores a workspace's values of the limits in
// Restricted Mode (restrictedConfigurations), and the server takes every
// number over its hard maximum as that maximum, however the settings arrive
// (workspace/configuration, didChangeConfiguration, initializationOptions), so
// `uniform(999999999)` is a limit diagnostic, never an 8 GB allocation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DEFAULT_SETTINGS, HARD_MAXIMUMS, readSettings } from '../../server/src/lsp/settings';
import { ensureBuilt, LspSession, ROOT } from '../lsp/lspSession';

const HUGE = { significantDigits: 1e6, limits: { maxElements: 999_999_999, maxFileBytes: 2 ** 50 } };

interface SettingSchema {
  type: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
};
const properties = manifest.contributes.configuration.properties;

describe('the settings a repository may not change in Restricted Mode', () => {
  it('are the limits and the trace, listed in restrictedConfigurations', () => {
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['kl.limits.maxElements', 'kl.limits.maxFileBytes', 'kl.trace.server']);
  });

  it('give every number setting the maximum the server holds it to', () => {
    const numbers = Object.entries(properties).filter(([, schema]) => schema.type === 'integer' || schema.type === 'number');
    expect(Object.fromEntries(numbers.map(([name, schema]) => [name, schema.maximum]))).toEqual({
      'kl.significantDigits': HARD_MAXIMUMS.significantDigits,
      'kl.limits.maxElements': HARD_MAXIMUMS.maxElements,
      'kl.limits.maxFileBytes': HARD_MAXIMUMS.maxFileBytes,
    });
    for (const [, schema] of numbers) expect(schema.default as number).toBeLessThanOrEqual(schema.maximum as number);
  });
});

describe('reading the settings', () => {
  it('takes every number over its hard maximum as the maximum', () => {
    const settings = readSettings(HUGE);
    expect(settings.maxElements).toBe(HARD_MAXIMUMS.maxElements);
    expect(settings.maxFileBytes).toBe(HARD_MAXIMUMS.maxFileBytes);
    expect(settings.significantDigits).toBe(HARD_MAXIMUMS.significantDigits);
    expect(readSettings({ limits: { maxElements: 1e300, maxFileBytes: Number.MAX_SAFE_INTEGER } })).toMatchObject({ maxElements: HARD_MAXIMUMS.maxElements, maxFileBytes: HARD_MAXIMUMS.maxFileBytes });
  });

  it('keeps a value at or under the maximum, and gives the default for what is not a whole number of at least 1', () => {
    expect(readSettings({ limits: { maxElements: HARD_MAXIMUMS.maxElements, maxFileBytes: 1024 } })).toMatchObject({ maxElements: HARD_MAXIMUMS.maxElements, maxFileBytes: 1024 });
    for (const bad of [0, -5, 0.5, Infinity, NaN, '1e9', null, [1e9], { value: 1e9 }]) {
      expect(readSettings({ significantDigits: bad, limits: { maxElements: bad, maxFileBytes: bad } })).toEqual(DEFAULT_SETTINGS);
    }
  });
});

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

describe('the server, given limits over the hard maximum', () => {
  let session: LspSession | undefined;
  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  const DOCUMENT = 'P = uniform(999999999)\nH(uniform(1000))\n';

  /**
   * The diagnostic of line 1 once there is one: a statement over 2^21 numbers
   * is first left pending, and the worker that computes it in the background
   * meets the limit.
   */
  async function limitDiagnostic(uri: string, unlike = ''): Promise<Diagnostic | undefined> {
    for (let i = 0; i < 400; i++) {
      const found = (await (session as LspSession).diagnostics(uri)).find((diagnostic) => diagnostic.range.start.line === 0);
      if (found && !(unlike && messageOf(found).includes(unlike))) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return undefined;
  }

  function expectTheHardLimit(diagnostic: Diagnostic | undefined): void {
    expect(diagnostic?.code).toBe('too-large');
    expect(diagnostic && messageOf(diagnostic)).toContain(`over the limit of ${HARD_MAXIMUMS.maxElements.toLocaleString('en-US')}`);
  }

  it('through workspace/configuration: uniform(999999999) is refused at the hard maximum', async () => {
    ensureBuilt();
    session = await LspSession.start({ settings: HUGE });
    const uri = 'file:///security/pulled.kl';
    session.open(uri, DOCUMENT);
    expectTheHardLimit(await limitDiagnostic(uri));
  }, 60_000);

  it('through didChangeConfiguration, pulled or pushed: the same', async () => {
    ensureBuilt();
    for (const noConfigurationRequests of [false, true]) {
      session = await LspSession.start({ settings: {}, noConfigurationRequests });
      const uri = `file:///security/changed-${noConfigurationRequests ? 'pushed' : 'pulled'}.kl`;
      session.open(uri, DOCUMENT);
      const before = await limitDiagnostic(uri);
      expect(before && messageOf(before)).toContain('over the limit of 10,000,000');
      await session.changeSettings(HUGE);
      // The analysis is redone with the new settings and published again for the same version.
      expectTheHardLimit(await limitDiagnostic(uri, 'limit of 10,000,000 '));
      await session.stop();
      session = undefined;
    }
  }, 60_000);

  it('through initializationOptions, from a client that cannot be asked: the same', async () => {
    ensureBuilt();
    session = await LspSession.start({ settings: HUGE, noConfigurationRequests: true });
    const uri = 'file:///security/initialized.kl';
    session.open(uri, DOCUMENT);
    expectTheHardLimit(await limitDiagnostic(uri));
  }, 60_000);
});
