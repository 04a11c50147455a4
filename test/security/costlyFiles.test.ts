// Data files that cost more than their size: a header that promises more than
// the file holds, rows with no numbers for the element limit to count, a line
// of commas. Each is refused by the reader, before anything is looped over or
// allocated for what the file only promises. Small limits stand for the large
// files (their time and memory: docs/security.md, "Figures").
import { describe, expect, it } from 'vitest';
import { float64Bytes, npyBytes, problems, workspace } from '../load/workspace';

const space = workspace();

function loadError(file: string, maxElements: number, after = ''): string {
  const analysis = space.analyze(`M = load("${file}")\n${after}`, { maxElements });
  const [statement] = analysis.statements;
  expect(statement.result.value).toBeUndefined();
  const [first] = problems(analysis);
  expect(first.code).toBe('load-error');
  return first.message;
}

describe('a .npy header is a promise, checked before anything is allocated', () => {
  const header = (shape: string) => `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`;

  it('128 bytes declaring (9007199254740991, 0): 2^53 rows of nothing are refused by the element limit', () => {
    space.write('rows-of-nothing.npy', npyBytes(header('(9007199254740991, 0)'), new Uint8Array(0)));
    expect(loadError('rows-of-nothing.npy', 10_000_000)).toContain('has a dimension of 9,007,199,254,740,991, over the limit of 10,000,000 numbers');
  });

  it('(1001, 0) under a limit of 1,000: refused, though it holds no number', () => {
    space.write('thousand-empty-rows.npy', npyBytes(header('(1001, 0)'), new Uint8Array(0)));
    expect(loadError('thousand-empty-rows.npy', 1000, 'H(M)')).toContain('has a dimension of 1,001, over the limit of 1,000');
  });

  it.each([['(100, 0)'], ['(0, 100)'], ['(0, 0)']])('%s within the limit: an array without numbers is not a batch', (shape) => {
    const name = `empty-${shape.replace(/\D+/g, '-')}.npy`;
    space.write(name, npyBytes(header(shape), new Uint8Array(0)));
    expect(loadError(name, 1000, 'H(M)')).toContain('which has no numbers');
  });

  it('a 1-D (1001,) under a limit of 1,000 with no bytes behind the header: the limit speaks first', () => {
    space.write('promised.npy', npyBytes(header('(1001,)'), new Uint8Array(0)));
    expect(loadError('promised.npy', 1000)).toContain('over the limit of 1,000');
  });
});

describe('a text file is refused as soon as a limit is certain', () => {
  it('a CSV line of more fields than the limit is refused before it is split', () => {
    space.write('commas.csv', ','.repeat(1000));
    expect(loadError('commas.csv', 1000)).toBe("Cannot read 'commas.csv': line 1 has more than 1,000 fields, over the limit of 1,000 numbers (setting kl.limits.maxElements).");
  });

  it('a quoted CSV line of more fields than the limit likewise', () => {
    space.write('quoted-commas.csv', `"a"${',""'.repeat(1000)}`);
    expect(loadError('quoted-commas.csv', 1000)).toContain('line 1 has more than 1,000 fields');
  });

  it('a CSV line of exactly the limit is split and read', () => {
    space.write('thousand.csv', Array(1000).fill('0.001').join(','));
    const analysis = space.analyze('M = load("thousand.csv")', { maxElements: 1000 });
    expect(problems(analysis)).toEqual([]);
  });

  it('a JSON array of 2,000 empty rows: refused at the first, which holds no number', () => {
    space.write('empty-rows.json', `[${Array(2000).fill('[]').join(',')}]`);
    expect(loadError('empty-rows.json', 1000)).toBe("Cannot read 'empty-rows.json': line 1, column 2: row 1 is empty: each row of a matrix needs at least one number.");
  });

  it('a JSON matrix of one empty row likewise', () => {
    space.write('one-empty-row.json', '[[]]');
    expect(loadError('one-empty-row.json', 1000)).toContain('row 1 is empty');
  });
});

describe('a batch of many small rows costs its rows, not only its numbers', () => {
  const column = (rows: number, value: number) => npyBytes(`{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, 1), }`, float64Bytes(Array(rows).fill(value)));

  it('a measure takes a tenth of kl.limits.maxElements in rows: 101 rows under a limit of 1,000 are refused before any row is built', () => {
    space.write('rows-101.npy', column(101, 1));
    const analysis = space.analyze('M = load("rows-101.npy")\nH(M)', { maxElements: 1000 });
    expect(analysis.statements[0].result.value).toMatchObject({ kind: 'matrix', rows: 101 });
    expect(problems(analysis)).toEqual([{ code: 'too-large', at: 'M', message: 'This batch has 101 rows, over the limit of 100 rows a measure takes (a tenth of kl.limits.maxElements: each row is kept for the hover).' }]);
  });

  it('100 rows are measured', () => {
    space.write('rows-100.npy', column(100, 1));
    const analysis = space.analyze('M = load("rows-100.npy")\nH(M)\nKL(M || M)', { maxElements: 1000 });
    expect(problems(analysis)).toEqual([]);
    expect(analysis.statements[1].result.value).toMatchObject({ kind: 'number', value: 0 });
  });

  it('rows that do not sum to 1 are one warning for the batch, not one per row', () => {
    space.write('halves.npy', column(100, 0.5));
    const analysis = space.analyze('M = load("halves.npy")\nH(M)', { maxElements: 1000 });
    expect(problems(analysis)).toEqual([{ code: 'not-normalized', at: 'M', message: 'M (row 1) sums to 0.5, not 1, and 99 other rows do not sum to 1 either; it is used as written. Wrap it in normalize(...) if it should be rescaled.' }]);
  });
});
