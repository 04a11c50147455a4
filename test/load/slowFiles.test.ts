// The server gives a statement 25 ms on its own thread. A big file not read
// yet would take longer than that to read: the statement is left pending for
// the background thread before a moment is spent on it (lsp/backgroundAnalysis.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countingFileSystem, float64Bytes, npyBytes, workspace } from './workspace';

const NOTE = 'P = load("big.csv")\nQ = load("small.npy")\nH(P)\nH(Q)\n';

/** A CSV column of `count` equal probabilities, about 2.8 MB (over the 1 MiB read at once) for 150,000 of them. */
function csvColumn(count: number): string {
  return `${(1 / count).toPrecision(17)}\n`.repeat(count);
}

describe('big files under a time limit', () => {
  const space = workspace();
  space.write('big.csv', csvColumn(150_000));
  space.write('small.npy', npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", float64Bytes([0.25, 0.75])));

  it('are left pending unread, with what reads them; small ones are read', () => {
    const fileSystem = countingFileSystem();
    const analysis = space.analyze(NOTE, { host: { fileSystem }, timePerStatement: 50 });
    expect(analysis.statements.map((s) => s.result.pending)).toEqual(['slow', undefined, 'reads-pending', undefined]);
    expect(fileSystem.reads).toEqual([join(space.root, 'small.npy')]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('are read where there is no time limit, and then found read under one', () => {
    const fileSystem = countingFileSystem();
    const untimed = space.analyze(NOTE, { host: { fileSystem } });
    expect(untimed.statements[2].result.value).toMatchObject({ value: expect.closeTo(Math.log(150_000), 12) });
    const timed = space.analyze(NOTE, { host: { fileSystem }, timePerStatement: 50 });
    expect(timed.pending).toBeUndefined();
    expect(timed.statements[2].result.value).toMatchObject({ value: expect.closeTo(Math.log(150_000), 12) });
    expect(fileSystem.reads.filter((path) => path.endsWith('big.csv'))).toHaveLength(1);
  });
});
