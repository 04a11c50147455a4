// load() against a hostile repository: paths and files built to read outside
// the workspace, to hang the server on a device or a FIFO, or to swap a file
// between the check and the read. A recording file system shows what was
// touched: a path refused by its spelling touches nothing, a link leading out
// is never opened, and in an untrusted workspace nothing at all is touched.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { DEFAULT_MAX_FILE_BYTES, type FileSystem } from '../../server/src/language/load/fileHost';
import { nodeFileSystem } from '../../server/src/language/load/nodeFileHosts';

const root = mkdtempSync(join(tmpdir(), 'kl-hostile-workspace-'));
const outside = mkdtempSync(join(tmpdir(), 'kl-hostile-outside-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
mkdirSync(join(root, 'data'));
writeFileSync(join(root, 'data/p.json'), '[0.5, 0.5]');
writeFileSync(join(outside, 'secret.json'), '[1]');

/** The node file system, recording every call: which method, on which path. */
function recordingFileSystem(swap?: (method: keyof FileSystem, path: string) => void): FileSystem & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    realPath: (path) => (calls.push(`realPath ${path}`), swap?.('realPath', path), nodeFileSystem.realPath(path)),
    stat: (path) => (calls.push(`stat ${path}`), swap?.('stat', path), nodeFileSystem.stat(path)),
    isSymbolicLink: (path) => (calls.push(`isSymbolicLink ${path}`), nodeFileSystem.isSymbolicLink(path)),
    read: (path, maxBytes, insideFolder) => (calls.push(`read ${path}`), swap?.('read', path), nodeFileSystem.read(path, maxBytes, insideFolder)),
  };
}

function load(path: string, options: { trusted?: boolean; files?: ReturnType<typeof recordingFileSystem>; maxFileBytes?: number } = {}) {
  const files = options.files ?? recordingFileSystem();
  const host = { documentPath: join(root, 'notes.kl'), workspaceRoot: root, trusted: options.trusted ?? true, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, fileSystem: files };
  const analysis = analyze(`P = load(${JSON.stringify(path)})`, 'kl', { defaultUnits: 'nats', limits: { maxElements: 10_000_000 }, files: host });
  const [statement] = analysis.statements;
  return { value: statement.result.value, codes: analysis.diagnostics.map((d) => d.code), messages: analysis.diagnostics.map((d) => d.message), calls: files.calls };
}

describe('paths refused by their spelling touch nothing on disk', () => {
  it.each([
    ['/etc/passwd', '/etc/passwd'],
    ['/etc/passwd.json', '/etc/passwd.json'],
    ['/dev/zero', '/dev/zero'],
    ['/dev/stdin.csv', '/dev/stdin.csv'],
    ['/proc/self/environ', '/proc/self/environ'],
    ['an absolute path outside', join(outside, 'secret.json')],
    ['../secret.json', '../secret.json'],
    ['data/../../secret.json', 'data/../../secret.json'],
    ['./././../../../../etc/shadow.csv', './././../../../../etc/shadow.csv'],
    ['10,000 times ../ then etc/x.json', `${'../'.repeat(10_000)}etc/x.json`],
    ['a NUL inside: data/p.json\\0.txt', 'data/p.json\u0000.txt'],
    ['the empty path', ''],
  ])('load() of %s is refused', (_, path) => {
    const { value, codes, calls } = load(path);
    expect(value).toBeUndefined();
    expect(codes).toEqual(['load-refused']);
    expect(calls).toEqual([]);
  });

  it.each([['~/.ssh/id_rsa.json'], ['%2e%2e/secret.json'], ['．．/secret.json'], ['..\\..\\secret.json'], ['file:///etc/x.json'], ['$HOME/x.json']])(
    'load(%j) is a name inside the workspace, not a way out: looked up there, and missing',
    (path) => {
      const { codes, messages, calls } = load(path);
      expect(codes).toEqual(['load-error']);
      expect(messages[0]).toContain(`looked for ${root}`);
      expect(calls.every((call) => call.includes(root))).toBe(true);
    },
  );
});

describe('files inside the workspace that lead out or would block', () => {
  const links: [string, string][] = [
    ['a link to a file outside', join(outside, 'secret.json')],
    ['a link to a folder outside', outside],
    ['a link to /dev/zero', '/dev/zero'],
    ['a link to /proc/self/environ', '/proc/self/environ'],
  ];
  for (const [i, [, target]] of links.entries()) symlinkSync(target, join(root, `link${i}.json`));

  it.each(links.map(([what, target], i) => [what, i, target] as const))('%s is refused and never opened', (_, i, target) => {
    const path = i === 1 ? `link${i}.json/secret.json` : `link${i}.json`;
    const { value, codes, messages, calls } = load(path);
    expect(value).toBeUndefined();
    expect(codes).toEqual(['load-refused']);
    expect(messages[0]).toContain('symbolic link leading outside the workspace or to no file');
    expect(messages[0]).not.toContain(target);
    expect(calls.filter((call) => call.startsWith('read'))).toEqual([]);
  });

  it('a link to /dev/stdin (a pipe, a terminal or nothing, depending on who started the server) is never opened', () => {
    symlinkSync('/dev/stdin', join(root, 'stdin.json'));
    const { value, codes, calls } = load('stdin.json');
    expect(value).toBeUndefined();
    expect(['load-refused', 'load-error']).toContain(codes[0]);
    expect(calls.filter((call) => call.startsWith('read'))).toEqual([]);
  });

  it('a loop of links is an error, not a hang', () => {
    symlinkSync(join(root, 'loop-b.json'), join(root, 'loop-a.json'));
    symlinkSync(join(root, 'loop-a.json'), join(root, 'loop-b.json'));
    expect(load('loop-a.json').codes).toEqual(['load-error']);
  });

  it('a FIFO is refused without opening it, so no writer is waited for', () => {
    execFileSync('mkfifo', [join(root, 'pipe.json')]);
    const { codes, calls } = load('pipe.json');
    expect(codes).toEqual(['load-refused']);
    expect(calls.filter((call) => call.startsWith('read'))).toEqual([]);
  });

  const canMakeDevices = (() => {
    try {
      execFileSync('mknod', [join(root, 'zero.json'), 'c', '1', '5'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.runIf(canMakeDevices)('a character device (/dev/zero\'s numbers) named like a data file is refused, never read', () => {
    const { codes, messages, calls } = load('zero.json');
    expect(codes).toEqual(['load-refused']);
    expect(messages[0]).toContain('not a regular file');
    expect(calls.filter((call) => call.startsWith('read'))).toEqual([]);
  });

  it('a sparse file far over kl.limits.maxFileBytes is refused before it is read', () => {
    writeFileSync(join(root, 'huge.csv'), '');
    truncateSync(join(root, 'huge.csv'), 2 ** 40);
    const { codes, calls } = load('huge.csv');
    expect(codes).toEqual(['load-refused']);
    expect(calls.filter((call) => call.startsWith('read'))).toEqual([]);
  });
});

describe('a file swapped between the check and the read', () => {
  it('for a link leading out: the open refuses to follow it', () => {
    writeFileSync(join(root, 'swapped.json'), '[0.5, 0.5]');
    const files = recordingFileSystem((method, path) => {
      if (method === 'read' && path.endsWith('swapped.json')) {
        unlinkSync(path);
        symlinkSync(join(outside, 'secret.json'), path);
      }
    });
    const { value, codes } = load('swapped.json', { files });
    expect(value).toBeUndefined();
    expect(codes).toEqual(['load-error']);
  });

  it('for a FIFO: the open does not block, and the opened file is checked again', () => {
    writeFileSync(join(root, 'fifo-later.json'), '[0.5, 0.5]');
    const files = recordingFileSystem((method, path) => {
      if (method === 'read' && path.endsWith('fifo-later.json')) {
        unlinkSync(path);
        execFileSync('mkfifo', [path]);
      }
    });
    const { value, codes } = load('fifo-later.json', { files });
    expect(value).toBeUndefined();
    expect(codes).toEqual(['load-refused']);
  });
});

describe('an untrusted workspace', () => {
  it.each([['data/p.json'], ['link0.json'], ['pipe.json'], ['/etc/passwd.json'], ['../secret.json']])('refuses load(%j) without touching the disk', (path) => {
    const { value, codes, calls } = load(path, { trusted: false });
    expect(value).toBeUndefined();
    expect(codes).toEqual(['untrusted']);
    expect(calls).toEqual([]);
  });

  it('while the same workspace, trusted, reads the file inside it', () => {
    expect(load('data/p.json')).toMatchObject({ codes: [] });
  });
});
