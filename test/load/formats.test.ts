// A user loads model outputs saved by numpy, pandas or by hand: what each file
// becomes, and what they are told when a file is not what load() reads.
import { describe, expect, it } from 'vitest';
import type { Value } from '../../server/src/language/values';
import { float64Bytes, npyBytes, problems, workspace } from './workspace';

const space = workspace();

function loaded(path: string, content: string | Uint8Array): Value | undefined {
  space.write(path, content);
  const analysis = space.analyze(`X = load("${path}")`);
  return analysis.statements[0].result.value;
}

function refusal(path: string, content: string | Uint8Array): string {
  space.write(path, content);
  const found = problems(space.analyze(`X = load("${path}")`));
  expect(found).toHaveLength(1);
  expect(found[0].code).toBe('load-error');
  expect(found[0].at).toBe(`"${path}"`);
  return found[0].message;
}

const header = (descr: string, shape: string, fortran = false) => `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;

describe('.npy files', () => {
  it('a 1-D float64 array is a vector, exactly', () => {
    const value = loaded('v.npy', npyBytes(header('<f8', '(3,)'), float64Bytes([0.75, 0.2, 0.05])));
    expect(value).toEqual({ kind: 'vector', data: Float64Array.of(0.75, 0.2, 0.05) });
  });

  it('a float32 array is widened exactly', () => {
    const data = new Uint8Array(Float32Array.of(0.5, 0.25, 0.1).buffer);
    const value = loaded('f32.npy', npyBytes(header('<f4', '(3,)'), data));
    expect(value).toEqual({ kind: 'vector', data: Float64Array.of(0.5, 0.25, Math.fround(0.1)) });
  });

  it('a 2-D array is a matrix of rows, in C order and in Fortran order', () => {
    const c = loaded('c.npy', npyBytes(header('<f8', '(2, 3)'), float64Bytes([1, 2, 3, 4, 5, 6])));
    const f = loaded('f.npy', npyBytes(header('<f8', '(2, 3)', true), float64Bytes([1, 4, 2, 5, 3, 6])));
    expect(c).toEqual({ kind: 'matrix', rows: 2, columns: 3, data: Float64Array.of(1, 2, 3, 4, 5, 6) });
    expect(f).toEqual(c);
  });

  it('format version 2 (a 4-byte header length) is read too', () => {
    expect(loaded('v2.npy', npyBytes(header('<f8', '(2,)'), float64Bytes([0.5, 0.5]), 2))).toEqual({ kind: 'vector', data: Float64Array.of(0.5, 0.5) });
  });

  it('big-endian numbers are refused with the way to fix them', () => {
    expect(refusal('be.npy', npyBytes(header('>f8', '(2,)'), float64Bytes([0.5, 0.5], false)))).toBe(
      "Cannot read 'be.npy': its numbers are big-endian ('>f8'); save them little-endian, e.g. numpy.save(path, a.astype('<f8')).",
    );
  });

  it('integers, 3-D arrays and structured arrays are refused, naming what the file holds', () => {
    expect(refusal('int.npy', npyBytes(header('<i8', '(2,)'), float64Bytes([1, 2])))).toContain("it holds integers ('<i8'); load() reads float64 and float32 arrays");
    expect(refusal('cube.npy', npyBytes(header('<f8', '(2, 1, 1)'), float64Bytes([1, 2])))).toContain('3-dimensional array of shape (2, 1, 1)');
    expect(refusal('struct.npy', npyBytes("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", float64Bytes([1])))).toContain('structured array');
  });

  it('a truncated file, or one with bytes after the array, is refused with the counts', () => {
    expect(refusal('short.npy', npyBytes(header('<f8', '(3,)'), float64Bytes([0.5, 0.5])))).toContain('promises 3 values (24 bytes) but 16 bytes follow it: the file is truncated');
    expect(refusal('long.npy', npyBytes(header('<f8', '(1,)'), float64Bytes([0.5, 0.5])))).toContain('the file is longer than its array');
  });

  it('NaN is refused with its place; infinities are kept (a logit may be −∞)', () => {
    expect(refusal('nan.npy', npyBytes(header('<f8', '(2, 2)'), float64Bytes([0, 1, NaN, 0])))).toContain('the entry at row 2, column 1 is NaN');
    expect(loaded('inf.npy', npyBytes(header('<f8', '(2,)'), float64Bytes([-Infinity, 0])))).toEqual({ kind: 'vector', data: Float64Array.of(-Infinity, 0) });
  });

  it('a file that is not .npy at all, or whose header is not a dict, is refused', () => {
    expect(refusal('text.npy', 'P = [0.5, 0.5]')).toContain('not a NumPy .npy file');
    expect(refusal('header.npy', npyBytes("__import__('os')", new Uint8Array(0)))).toContain('its header is not a NumPy header');
  });
});

describe('.json files', () => {
  it('an array is a vector, an array of arrays a matrix, an object a labelled distribution', () => {
    expect(loaded('v.json', '[0.75, 0.2, 0.05]')).toEqual({ kind: 'vector', data: Float64Array.of(0.75, 0.2, 0.05) });
    expect(loaded('m.json', '[[0.5, 0.5],\n [1e-1, 9e-1]]')).toEqual({ kind: 'matrix', rows: 2, columns: 2, data: Float64Array.of(0.5, 0.5, 0.1, 0.9) });
    expect(loaded('l.json', '{"cat": 0.7, "dog": 0.2, "bird": 0.1}')).toEqual({ kind: 'vector', data: Float64Array.of(0.7, 0.2, 0.1), labels: ['cat', 'dog', 'bird'] });
  });

  it('labels may be any string, escapes included; Infinity as Python writes it is read', () => {
    expect(loaded('esc.json', '{"a \\"b\\"": 0.5, "\\u00e9": 0.5}')).toEqual({ kind: 'vector', data: Float64Array.of(0.5, 0.5), labels: ['a "b"', 'é'] });
    expect(loaded('inf.json', '[-Infinity, 0]')).toEqual({ kind: 'vector', data: Float64Array.of(-Infinity, 0) });
  });

  it('what is not a number is named with its line and column', () => {
    expect(refusal('str.json', '[0.5,\n "0.5"]')).toBe("Cannot read 'str.json': line 2, column 2: entry 2 is a string, not a number.");
    expect(refusal('null.json', '[[0.5, null]]')).toContain('line 1, column 8: row 1, entry 2 is null (a missing value?), not a number');
    expect(refusal('nan.json', '{"a": NaN}')).toContain('the value of "a" is NaN');
  });

  it('ragged rows, repeated labels and trailing text are refused', () => {
    expect(refusal('ragged.json', '[[0.5, 0.5],\n[1]]')).toContain('line 2, column 1: row 2 has 1 entries but row 1 has 2');
    expect(refusal('twice.json', '{"a": 0.5, "a": 0.5}')).toContain('the label "a" appears twice');
    expect(refusal('more.json', '[1] [2]')).toContain('line 1, column 5: more text follows the data');
    expect(refusal('open.json', '[0.5, 0.5')).toContain("the data ends before its closing ']'");
    expect(refusal('scalar.json', '0.5')).toContain('a JSON data file holds an array of numbers');
  });
});

describe('.csv and .tsv files', () => {
  it('one column, with or without a header, is a vector', () => {
    expect(loaded('col.csv', 'p\n0.75\n0.2\n0.05\n')).toEqual({ kind: 'vector', data: Float64Array.of(0.75, 0.2, 0.05) });
    expect(loaded('bare.csv', '0.75\r\n0.25\r\n')).toEqual({ kind: 'vector', data: Float64Array.of(0.75, 0.25) });
  });

  it('one row under a header of labels is a labelled distribution', () => {
    expect(loaded('row.csv', 'cat,dog,"bird, small"\n0.7,0.2,0.1\n')).toEqual({ kind: 'vector', data: Float64Array.of(0.7, 0.2, 0.1), labels: ['cat', 'dog', 'bird, small'] });
  });

  it('label, number lines (as pandas writes a Series) are a labelled distribution', () => {
    expect(loaded('series.csv', 'token,p\ncat,0.7\ndog,0.3\n')).toEqual({ kind: 'vector', data: Float64Array.of(0.7, 0.3), labels: ['cat', 'dog'] });
    expect(loaded('series2.csv', 'cat,0.7\ndog,0.3\n')).toEqual({ kind: 'vector', data: Float64Array.of(0.7, 0.3), labels: ['cat', 'dog'] });
  });

  it('rows of numbers are a matrix; comments and blank lines are skipped; .tsv splits on tabs', () => {
    expect(loaded('m.tsv', '# saved by numpy.savetxt\n0.5\t0.5\n\n0.1\t0.9\n')).toEqual({ kind: 'matrix', rows: 2, columns: 2, data: Float64Array.of(0.5, 0.5, 0.1, 0.9) });
    expect(loaded('logits.csv', 'a, b\n-inf, 2.5e0\n1, 2\n')).toEqual({ kind: 'matrix', rows: 2, columns: 2, data: Float64Array.of(-Infinity, 2.5, 1, 2) });
  });

  it('what is not a number, a missing field and ragged rows are named by line and field', () => {
    expect(refusal('word.csv', 'p\n0.5\nhalf\n')).toBe("Cannot read 'word.csv': line 3, field 1: \"half\" is not a number.");
    expect(refusal('empty.csv', '0.5,0.5\n0.5,\n')).toContain('line 2, field 2: the field is empty (a missing value?)');
    expect(refusal('ragged.csv', '0.5,0.5\n0.5,0.25,0.25\n')).toContain('line 2 has 3 fields but line 1 has 2');
    expect(refusal('nan.csv', '0.5\nnan\n')).toContain('line 2, field 1 is NaN');
    expect(refusal('twice.csv', 'a,0.5\na,0.5\n')).toContain('line 2: the label "a" appears twice');
    expect(refusal('blank.csv', '# nothing\n\n')).toContain('it holds no data');
  });

  it('a file that is not UTF-8 text is refused', () => {
    expect(refusal('binary.csv', Uint8Array.of(0xff, 0xfe, 0x00, 0x31))).toContain('it is not UTF-8 text');
  });
});

describe('the element limit', () => {
  it('a file holding more numbers than kl.limits.maxElements is refused before its data is kept', () => {
    space.write('big.npy', npyBytes(header('<f8', '(4,)'), float64Bytes([0.25, 0.25, 0.25, 0.25])));
    space.write('big.json', '[0.25, 0.25, 0.25, 0.25]');
    space.write('big.csv', '0.25\n0.25\n0.25\n0.25\n');
    for (const file of ['big.npy', 'big.json', 'big.csv']) {
      expect(space.analyze(`load("${file}")`, { maxElements: 4 }).diagnostics).toEqual([]);
      const refused = problems(space.analyze(`load("${file}")`, { maxElements: 3 }));
      expect(refused).toEqual([{ code: 'load-error', at: `"${file}"`, message: expect.stringMatching(/numbers, over the limit of 3 \(setting kl\.limits\.maxElements\)\.$/) }]);
    }
  });
});
