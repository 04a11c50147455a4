// load() where the server has no file system (lsp/clientFiles.ts): the files
// come from the client's kl/readFile, later than the engine asks for them.
import type { Connection } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { readLoad } from '../../server/src/language/load/readLoad';
import { ClientFiles } from '../../server/src/lsp/clientFiles';
import type { ReadFileAnswer } from '../../server/src/lsp/klProtocol';

const FOLDER = 'vscode-vfs://github/kl-lens/course';
const DOCUMENT = `${FOLDER}/week%201/coin.kl`;

/** A client whose files are these texts by URI; it records what it was asked. */
function clientWith(files: Record<string, string>) {
  const asked: { uri: string; maxBytes: number }[] = [];
  const connection = {
    sendRequest: (method: string, params: { uri: string; maxBytes: number }): Promise<ReadFileAnswer> => {
      expect(method).toBe('kl/readFile');
      asked.push(params);
      const text = files[params.uri];
      return Promise.resolve(text === undefined ? { problem: 'missing' } : { base64: Buffer.from(text).toString('base64'), size: text.length, modified: String(asked.length) });
    },
  } as unknown as Connection;
  const clientFiles = new ClientFiles(connection);
  const read: string[] = [];
  clientFiles.onFileRead((path) => read.push(path));
  const host = clientFiles.hostFor(DOCUMENT, [FOLDER], true, 1024);
  if (!host) throw new Error('no host for a vscode-vfs document');
  const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return { clientFiles, host, asked, read, settled };
}

/** The numbers of what load() read, or what it said instead. */
function loaded(written: string, host: NonNullable<ReturnType<ClientFiles['hostFor']>>): number[] | string {
  const outcome = readLoad(written, host, 100);
  return 'value' in outcome ? [...outcome.value.data] : 'message' in outcome ? outcome.message : 'too slow';
}

describe('load() through the client', () => {
  it('is "being read" at first, then, once the client answered, the value of the file', async () => {
    const { host, asked, read, settled } = clientWith({ [`${FOLDER}/week%201/data/coin.json`]: '[0.5, 0.5]' });
    expect(host).toMatchObject({ documentPath: '/kl-lens/course/week 1/coin.kl', workspaceRoot: '/kl-lens/course' });
    expect(readLoad('data/coin.json', host, 100)).toEqual({ code: 'load-error', message: "'data/coin.json' cannot be read (being read through the editor)." });
    // Asked once, however often the engine looks meanwhile.
    readLoad('data/coin.json', host, 100);
    expect(asked).toEqual([{ uri: `${FOLDER}/week%201/data/coin.json`, maxBytes: 1024 }]);
    await settled();
    expect(read).toEqual(['/kl-lens/course/week 1/data/coin.json']);
    expect(loaded('data/coin.json', host)).toEqual([0.5, 0.5]);
  });

  it('tells what the client could not read, at the file', async () => {
    const { host, settled } = clientWith({});
    readLoad('data/p.npy', host, 100);
    await settled();
    expect(readLoad('data/p.npy', host, 100)).toEqual({ code: 'load-error', message: "There is no file 'data/p.npy' (looked for /kl-lens/course/week 1/data/p.npy)." });
  });

  it('never asks for a file outside the workspace folder', () => {
    const { host, asked } = clientWith({});
    expect(readLoad('../../secret.json', host, 100)).toMatchObject({ code: 'load-refused' });
    expect(asked).toEqual([]);
  });

  it('reads a changed file again', async () => {
    const files = { [`${FOLDER}/week%201/p.json`]: '[1, 0]' };
    const { clientFiles, host, asked, settled } = clientWith(files);
    readLoad('p.json', host, 100);
    await settled();
    expect(loaded('p.json', host)).toEqual([1, 0]);
    files[`${FOLDER}/week%201/p.json`] = '[0, 1]';
    clientFiles.changed(`${FOLDER}/week%201/p.json`);
    expect(readLoad('p.json', host, 100)).toMatchObject({ code: 'load-error' });
    await settled();
    expect(loaded('p.json', host)).toEqual([0, 1]);
    expect(asked).toHaveLength(2);
  });
});
