// load() against a repository that changes under it, and what its messages
// tell of the world outside. A second process swaps a folder of the path for
// a link leading out, as fast as it can, while this one loads: the file read
// is the file checked, or nothing. And a link leading out says so without
// saying where, nor whether anything is there.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, type FileHost } from '../../server/src/language/load/fileHost';
import { nodeFileSystem } from '../../server/src/language/load/nodeFileHosts';
import { isLoadProblem, readLoad } from '../../server/src/language/load/readLoad';

const root = mkdtempSync(join(tmpdir(), 'kl-race-workspace-'));
const outside = mkdtempSync(join(tmpdir(), 'kl-race-outside-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** A host over the node file system; a new file system object each time, so that no load is answered from the cache. */
function host(): FileHost {
  return { documentPath: join(root, 'notes.kl'), workspaceRoot: root, trusted: true, maxFileBytes: DEFAULT_MAX_FILE_BYTES, fileSystem: { ...nodeFileSystem } };
}

// Swaps root/data between a folder and a link to `outside` until killed or
// until its time is up.
const SWAPPER = `
const { renameSync } = require('node:fs');
const [data, real, link, seconds] = process.argv.slice(1);
const end = Date.now() + Number(seconds) * 1000;
while (Date.now() < end) {
  renameSync(data, real); renameSync(link, data);
  renameSync(data, link); renameSync(real, data);
}
`;

describe('a folder of the path swapped for a link between the checks and the open', () => {
  it('over 10,000 loads against a swapper, none reads the file outside', async () => {
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data/p.json'), '[0.5, 0.5]');
    writeFileSync(join(outside, 'p.json'), '[0.25, 0.25, 0.5]');
    symlinkSync(outside, join(root, 'data-link'));
    const swapper = spawn(process.execPath, ['-e', SWAPPER, join(root, 'data'), join(root, 'data-real'), join(root, 'data-link'), '30'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const ended = new Promise<void>((resolve) => swapper.on('exit', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const seen = { inside: 0, outside: 0, refusedOrMissing: 0 };
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const outcome = readLoad('data/p.json', host(), 1000);
      if ('tooSlow' in outcome || isLoadProblem(outcome)) seen.refusedOrMissing++;
      else if (outcome.value.data.length === 3) seen.outside++;
      else seen.inside++;
    }
    swapper.kill();
    await ended;

    expect(seen.outside).toBe(0);
    // The race was live: the swapper ran, and loads met both the folder and the link.
    expect(seen.inside).toBeGreaterThan(0);
    expect(seen.refusedOrMissing).toBeGreaterThan(0);
  }, 60_000);
});

describe('what a refused path tells of the outside', () => {
  const message = (written: string) => {
    const outcome = readLoad(written, host(), 1000);
    expect(isLoadProblem(outcome as never)).toBe(true);
    return (outcome as { message: string }).message.replace(written, 'PATH');
  };

  it('a link to a file outside, to a missing file outside and to nothing: one message, naming no target', () => {
    writeFileSync(join(outside, 'secret.json'), '[1]');
    symlinkSync(join(outside, 'secret.json'), join(root, 'to-file.json'));
    symlinkSync(join(outside, 'no-such.json'), join(root, 'to-missing.json'));
    symlinkSync(join(root, 'nothing-here.json'), join(root, 'dangling.json'));
    symlinkSync(join(outside, 'no-such-folder'), join(root, 'to-missing-folder'));
    const messages = ['to-file.json', 'to-missing.json', 'dangling.json', 'to-missing-folder/x.json'].map(message);
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toBe("'PATH' is a symbolic link leading outside the workspace or to no file: load() reads only files inside it.");
    for (const text of messages) expect(text).not.toContain(outside);
  });

  it('a file simply missing inside the workspace is still said to be missing, where it was looked for', () => {
    expect(message('absent.json')).toBe(`There is no file 'PATH' (looked for ${join(root, 'absent.json')}).`);
  });

  it('paths outside by their spelling: the same message whether the file exists or not', () => {
    expect(message(join(outside, 'secret.json'))).toBe(message(join(outside, 'no-such.json')));
  });
});

describe('what a link into a folder nobody may enter tells', () => {
  const canBeDenied = process.getuid?.() !== 0;
  it.runIf(canBeDenied)('the same message as a link leading out, not "permission denied"', () => {
    mkdirSync(join(outside, 'guarded'), { mode: 0o000 });
    symlinkSync(join(outside, 'guarded/secret.json'), join(root, 'to-guarded.json'));
    const outcome = readLoad('to-guarded.json', host(), 1000) as { message: string };
    expect(outcome.message).toBe("'to-guarded.json' is a symbolic link leading outside the workspace or to no file: load() reads only files inside it.");
  });
});
