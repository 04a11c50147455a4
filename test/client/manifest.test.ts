// The commands of the extension are named once (server/src/lsp/klProtocol.ts):
// package.json's manifest contributes exactly the palette commands, its
// walkthrough links to them, and the copy commands the server sends stay out
// of the palette (they need the text they copy).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY_AS_PYTHON_COMMAND, COPY_VALUE_COMMAND, HOVER_LINK_COMMANDS, PALETTE_COMMANDS } from '../../server/src/lsp/klProtocol';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    walkthroughs: { steps: { description: string; completionEvents?: string[] }[] }[];
  };
}

const root = join(__dirname, '../..');
// The manifest as VS Code shows it in English: its %keys% replaced from package.nls.json.
const englishTexts = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'), (_key, value: unknown) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) ? (englishTexts[value.slice(1, -1)] ?? value) : value,
) as Manifest;
const palette = Object.values(PALETTE_COMMANDS);

describe("the manifest's commands", () => {
  it('are the palette commands of klProtocol.ts, each once', () => {
    expect(manifest.contributes.commands.map((entry) => entry.command).sort()).toEqual([...palette].sort());
  });

  it("leave out the commands the server sends in lenses and hover links", () => {
    const contributed = manifest.contributes.commands.map((entry) => entry.command);
    expect(contributed).not.toContain(COPY_VALUE_COMMAND);
    expect(contributed).not.toContain(COPY_AS_PYTHON_COMMAND);
    expect([...HOVER_LINK_COMMANDS].sort()).toEqual([COPY_AS_PYTHON_COMMAND, COPY_VALUE_COMMAND].sort());
  });

  it('are what the walkthrough links to and waits for', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    const linked = steps.flatMap((step) => [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]));
    const awaited = steps.flatMap((step) => step.completionEvents ?? []).filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length));
    expect(linked.length).toBeGreaterThan(0);
    expect(awaited.length).toBeGreaterThan(0);
    for (const command of [...linked, ...awaited]) expect(palette).toContain(command);
  });

  it('are what every translation of the walkthrough links to', () => {
    const translations = readdirSync(root).filter((file) => /^package\.nls(\.[\w-]+)?\.json$/.test(file));
    expect(translations).toContain('package.nls.json');
    for (const file of translations) {
      const texts = Object.values(JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>);
      for (const [, command] of texts.join('\n').matchAll(/\(command:([\w.]+)\)/g)) expect(palette, file).toContain(command);
    }
  });

  it('are each registered by the client', () => {
    const client = ['extension.ts', 'walkthrough.ts', 'copyCommands.ts', 'statusItem.ts', 'exportCommand.ts'].map((file) => readFileSync(join(root, 'client/src', file), 'utf8')).join('\n');
    for (const key of Object.keys(PALETTE_COMMANDS)) expect(client).toContain(`registerCommand(PALETTE_COMMANDS.${key},`);
    for (const name of ['COPY_VALUE_COMMAND', 'COPY_AS_PYTHON_COMMAND']) expect(client).toContain(`registerCommand(${name},`);
  });
});
