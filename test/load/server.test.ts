// In the editor: a note that loads a file shows its diagnostics, follows the
// file when the editor reports it changed, and turns load() off and on with
// the workspace's trust, over a real stdio connection to the built server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from '../lsp/lspSession';
import { workspace } from './workspace';

const space = workspace();
const student = space.write('student.json', '[0.25, 0.75]');
const uri = pathToFileURL(join(space.root, 'note.kl')).href;
let session: LspSession;

beforeAll(async () => {
  session = await LspSession.start();
});
afterAll(async () => {
  await session.stop();
});

/** The diagnostics the server publishes after `action`, for the document's current version. */
async function publishedAfter(action: () => void): Promise<{ code: string | number | undefined; message: string }[]> {
  const before = session.published.length;
  action();
  const deadline = Date.now() + 5000;
  while (!session.published.slice(before).some((each) => each.uri === uri)) {
    if (Date.now() > deadline) throw new Error('no diagnostics published');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return session.published.slice(before).filter((each) => each.uri === uri).at(-1)!.diagnostics.map((d) => ({ code: d.code, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

describe('a note loading a file, open in the editor', () => {
  it('loads the file next to it', async () => {
    const diagnostics = await publishedAfter(() => session.open(uri, 'Q = load("student.json")\nH(Q) ≈ 0.5623351446188083'));
    expect(diagnostics).toEqual([]);
  });

  it('follows the file when the editor reports that it changed', async () => {
    writeFileSync(student, '[0.25, "0.75"]');
    const diagnostics = await publishedAfter(() => void session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(student).href, type: 2 }] }));
    expect(diagnostics).toEqual([
      { code: 'load-error', message: "Cannot read 'student.json': line 1, column 8: entry 2 is a string, not a number." },
      { code: 'input-error', message: expect.stringContaining('Q has an error where it is assigned') },
    ]);
  });

  it('turns load() off when the workspace is not trusted, and on again', async () => {
    writeFileSync(student, '[0.25, 0.75]');
    const untrusted = await publishedAfter(() => void session.connection.sendNotification('kl/trustChanged', { trusted: false }));
    expect(untrusted[0]).toEqual({ code: 'untrusted', message: expect.stringContaining('load() is off in an untrusted workspace') });
    const trusted = await publishedAfter(() => void session.connection.sendNotification('kl/trustChanged', { trusted: true }));
    expect(trusted).toEqual([]);
  });
});
