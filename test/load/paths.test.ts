// Where load() may read: relative to the document, inside the workspace (or
// the document's folder), regular files under the size limit, and nothing at
// all in an untrusted workspace. Each refusal is a diagnostic on the path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { cliFileHost, projectRoot, serverFileHost } from '../../server/src/language/load/nodeFileHosts';
import { pathToFileURL } from 'node:url';
import { problems, workspace } from './workspace';

const space = workspace();
space.write('data/p.json', '[0.5, 0.5]');
space.write('notes/sub/q.json', '[0.25, 0.75]');
const outside = mkdtempSync(join(tmpdir(), 'kl-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));
writeFileSync(join(outside, 'secret.json'), '[1]');

/** The one diagnostic of a one-line document, or none. */
function refusedWith(text: string, host: Parameters<typeof space.analyze>[1] = {}) {
  return problems(space.analyze(text, host));
}

describe('paths are read relative to the document', () => {
  it('a path next to the document, and one below its folder', () => {
    const analysis = space.analyze('P = load("data/p.json")\nQ = load("./notes/sub/q.json")\nKL(P || Q)');
    expect(analysis.diagnostics).toEqual([]);
    const written = analyze('KL([0.5, 0.5] || [0.25, 0.75])', 'kl').statements[0].result.value;
    expect(analysis.statements[2].result.value).toEqual(written);
  });

  it('from a document in a subfolder, `..` may climb back up to the workspace root', () => {
    const analysis = space.analyze('load("../../data/p.json")', { host: { documentPath: join(space.root, 'notes/sub/deep.kl') } });
    expect(analysis.diagnostics).toEqual([]);
  });

  it('an absolute path inside the workspace is read', () => {
    expect(refusedWith(`load("${join(space.root, 'data/p.json')}")`)).toEqual([]);
  });
});

describe('paths that lead out of the workspace are refused', () => {
  it('an absolute path outside', () => {
    expect(refusedWith(`load("${join(outside, 'secret.json')}")`)).toEqual([
      { code: 'load-refused', at: `"${join(outside, 'secret.json')}"`, message: `'${join(outside, 'secret.json')}' is outside the workspace (${space.root}): load() reads only files inside it.` },
    ]);
  });

  it('a relative path that climbs out with ..', () => {
    const [problem] = refusedWith('load("../x/../../etc/passwd.csv")');
    expect(problem).toMatchObject({ code: 'load-refused', message: expect.stringContaining('is outside the workspace') });
  });

  it('a symbolic link inside the workspace that points outside', () => {
    symlinkSync(join(outside, 'secret.json'), join(space.root, 'data/link.json'));
    symlinkSync(outside, join(space.root, 'data/linked-folder'));
    expect(refusedWith('load("data/link.json")')).toEqual([
      { code: 'load-refused', at: '"data/link.json"', message: "'data/link.json' is a symbolic link leading outside the workspace or to no file: load() reads only files inside it." },
    ]);
    expect(refusedWith('load("data/linked-folder/secret.json")')[0]).toMatchObject({ code: 'load-refused', message: expect.stringContaining('symbolic link leading outside') });
  });

  it('a symbolic link that stays inside is followed', () => {
    symlinkSync(join(space.root, 'data/p.json'), join(space.root, 'data/alias.json'));
    expect(refusedWith('load("data/alias.json")')).toEqual([]);
  });

  it('without a workspace, the document\'s folder is the limit', () => {
    const host = { workspaceRoot: undefined, documentPath: join(space.root, 'notes/doc.kl') };
    expect(refusedWith('load("sub/q.json")', { host })).toEqual([]);
    expect(refusedWith('load("../data/p.json")', { host })[0]).toMatchObject({ code: 'load-refused', message: `'../data/p.json' is outside the document's folder (${join(space.root, 'notes')}): load() reads only files inside it.` });
  });
});

describe('only regular files of a bounded size are read', () => {
  it('a folder is refused', () => {
    mkdirSync(join(space.root, 'folder.json'));
    expect(refusedWith('load("folder.json")')).toEqual([{ code: 'load-refused', at: '"folder.json"', message: "'folder.json' is a folder, not a file." }]);
  });

  it('a FIFO is refused without waiting for a writer', () => {
    execFileSync('mkfifo', [join(space.root, 'pipe.csv')]);
    expect(refusedWith('load("pipe.csv")')).toEqual([{ code: 'load-refused', at: '"pipe.csv"', message: "'pipe.csv' is not a regular file (a device, FIFO or socket): load() reads only files." }]);
  });

  it('a file over kl.limits.maxFileBytes is refused before it is read', () => {
    space.write('big.csv', '0.5\n0.5\n');
    expect(refusedWith('load("big.csv")', { host: { maxFileBytes: 7 } })).toEqual([
      { code: 'load-refused', at: '"big.csv"', message: "'big.csv' is 8 bytes, over the limit of 7 bytes (setting kl.limits.maxFileBytes)." },
    ]);
    expect(refusedWith('load("big.csv")', { host: { maxFileBytes: 8 } })).toEqual([]);
  });

  it('a missing file, and a file of another kind, are named', () => {
    expect(refusedWith('load("data/q.npy")')).toEqual([{ code: 'load-error', at: '"data/q.npy"', message: `There is no file 'data/q.npy' (looked for ${join(space.root, 'data/q.npy')}).` }]);
    expect(refusedWith('load("notes.txt")')[0].message).toBe("load() reads .npy, .json, .csv and .tsv files, not '.txt'.");
  });
});

describe('when load() is off', () => {
  it('in an untrusted workspace, nothing is read and the diagnostic says why', () => {
    expect(refusedWith('P = load("data/p.json")', { host: { trusted: false } })).toEqual([
      { code: 'untrusted', at: '"data/p.json"', message: 'load() is off in an untrusted workspace: it would read files from disk. Trust the workspace to use it.' },
    ]);
  });

  it('an unsaved document cannot load a relative path', () => {
    expect(refusedWith('load("data/p.json")', { host: { documentPath: undefined } })[0].message).toBe("Save the document first: a relative path starts from the document's folder.");
  });

  it('where no file access was given (an analysis without a host)', () => {
    const analysis = analyze('load("data/p.json")', 'kl');
    expect(problems(analysis)).toEqual([{ code: 'load-refused', at: '"data/p.json"', message: 'Files cannot be read here: whatever runs KL Lens gave it no access to files.' }]);
  });

  it('a path that is not written as a string in the call', () => {
    expect(refusedWith('path = 1\nload(path)')[0]).toMatchObject({ code: 'type-mismatch', at: 'path', message: 'load takes the path as a quoted string written in the call, e.g. load("data/p.npy").' });
  });
});

describe('the hosts of the CLI and of the server', () => {
  it('the CLI roots a document at the nearest folder holding .git or package.json, else at its own folder', () => {
    space.write('project/package.json', '{}');
    space.write('project/notes/deep/a.kl', '');
    expect(projectRoot(join(space.root, 'project/notes/deep/a.kl'))).toBe(join(space.root, 'project'));
    const loose = mkdtempSync(join(tmpdir(), 'kl-loose-'));
    afterAll(() => rmSync(loose, { recursive: true, force: true }));
    expect(cliFileHost(join(loose, 'a.kl'))).toMatchObject({ workspaceRoot: loose, trusted: true, maxFileBytes: 256 * 1024 * 1024 });
  });

  it('the server roots a document at the innermost workspace folder holding it, else at its folder', () => {
    const uri = (path: string) => pathToFileURL(path).href;
    const inner = join(space.root, 'notes');
    const host = serverFileHost(uri(join(inner, 'sub/a.kl')), [uri(space.root), uri(inner)], true);
    expect(host).toMatchObject({ documentPath: join(inner, 'sub/a.kl'), workspaceRoot: inner, trusted: true });
    const loose = serverFileHost(uri(join(outside, 'b.kl')), [uri(space.root)], false);
    expect(loose).toMatchObject({ documentPath: join(outside, 'b.kl'), trusted: false });
    expect(loose.workspaceRoot).toBeUndefined();
    expect(serverFileHost('untitled:Untitled-1', [uri(space.root)], true).documentPath).toBeUndefined();
  });
});
