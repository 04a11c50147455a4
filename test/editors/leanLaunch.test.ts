// Every editor configuration of docs/editors.md starts the server as the VS Code
// client does: its Node flags and environment (server/src/nodeFlags.ts), the
// leanest launch (docs/performance.md, "Started without the flags"). The editor
// tests run these same snippets; this checks they keep giving both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import { ROOT, snippet } from './documentedSetup';

const page = readFileSync(path.join(ROOT, 'docs/editors.md'), 'utf8');
const helix = /^```toml\n(\[language-server\.kl-lens\][\s\S]*?)^```$/m.exec(page)?.[1] ?? '';

/** How each configuration writes a variable of the environment: its value, or empty for one the server goes without. */
const setups: [string, string, (name: string, value: string) => string][] = [
  ['Neovim', snippet('lua', 'kl-lens.lua'), (name, value) => `${name} = '${value}'`],
  ['Emacs', snippet('elisp', 'kl-lens.el'), (name, value) => `"${name}=${value}"`],
  ['Helix', helix, (name, value) => `${name} = "${value}"`],
];

describe('the documented editor configurations', () => {
  it.each(setups)('%s starts the server with the VS Code client\'s flags and environment', (_, text, variable) => {
    expect(text).toContain('/server/out/server.js');
    for (const flag of SERVER_NODE_FLAGS) expect(text).toMatch(new RegExp(`['"]${flag}['"]`));
    for (const [name, value] of Object.entries(SERVER_ENVIRONMENT)) expect(text).toContain(variable(name, value ?? ''));
  });
});
