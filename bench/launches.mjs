// The documented ways to start the server (docs/editors.md), each on the same
// 10,000-line session: `node server/out/server.js --stdio` as an editor runs
// it, `kl-lens lsp --stdio`, and the VS Code client's flags and environment.
// All run the built server/out/server.js, the bundle a user starts.
import path from 'node:path';
import { documentRows } from './server.mjs';

const FIGURES = new Set(['open → first diagnostics', 'one-character edit → diagnostics', 'server peak memory (VmHWM)']);

export async function launchRows({ root, nodeFlags, serverEnvironment, folder, opens, edits }) {
  const serverPath = path.join(root, 'server/out/server.js');
  const launches = [
    { name: '`node server/out/server.js --stdio`, in the editor\'s environment', nodeFlags: [], serverEnvironment: process.env },
    { name: '`kl-lens lsp --stdio` (node server/out/cli.js lsp --stdio)', nodeFlags: [], serverEnvironment: process.env, serverArguments: [path.join(root, 'server/out/cli.js'), 'lsp', '--stdio'] },
    { name: 'the VS Code client\'s flags and environment', nodeFlags, serverEnvironment },
  ];
  const rows = [];
  for (const launch of launches) {
    const session = await documentRows({ serverPath, ...launch, folder, lines: 10_000, opens, hovers: 10, edits, section: `Launches, 10,000-line document: ${launch.name}` });
    rows.push(...session.filter((row) => FIGURES.has(row.figure)));
  }
  return rows;
}
