// NumPy's `.npy` format (numpy.lib.format): the magic `\x93NUMPY`, a version,
// a header length, a header that is a Python dict literal
// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`, then the raw
// array. We read little-endian float64 and float32, 1-D or 2-D, in C or
// Fortran order; the header is parsed here, not evaluated.
import { tooManyNumbers, type FormatError, type ReadResult } from './loadedValue';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type HeaderValue = string | boolean | number[] | { unsupported: string };

export function readNpy(bytes: Uint8Array, maxElements: number): ReadResult {
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    return { error: 'it is not a NumPy .npy file (it does not start with \\x93NUMPY); save arrays with numpy.save.' };
  }
  const major = bytes[6];
  if (major < 1 || major > 3) return { error: `it is a .npy file of format version ${major}, which KL Lens does not know (versions 1 to 3).` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) return { error: 'the file ends inside its header.' };
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) return { error: 'the file ends inside its header.' };
  const header = parseHeader(new TextDecoder('latin1').decode(bytes.subarray(headerStart, dataStart)));
  if ('error' in header) return header;

  const descr = header.get('descr');
  const fortranOrder = header.get('fortran_order');
  const shape = header.get('shape');
  if (typeof descr !== 'string' || typeof fortranOrder !== 'boolean' || !Array.isArray(shape)) {
    if (descr !== undefined && typeof descr === 'object' && 'unsupported' in descr) return { error: `it holds a structured array (${descr.unsupported}); load() reads plain float64 or float32 arrays.` };
    return { error: "its header lacks 'descr', 'fortran_order' or 'shape'." };
  }
  const itemSize = descr === '<f8' ? 8 : descr === '<f4' ? 4 : 0;
  if (itemSize === 0) return { error: unsupportedType(descr) };
  if (shape.length !== 1 && shape.length !== 2) {
    return { error: `it holds a ${shape.length}-dimensional array of shape (${shape.join(', ')}); load() reads 1-D arrays (a distribution) and 2-D arrays (a batch of rows).` };
  }
  // The shape is only a promise: it is checked against the limit and against
  // the bytes present before anything is allocated or looped over. Each
  // dimension on its own first, so that a zero elsewhere cannot hide one of
  // 2^53 (`(9007199254740991, 0)` holds no numbers, but 2^53 rows).
  const overLimit = shape.length === 2 ? shape.find((n) => n > maxElements) : undefined;
  if (overLimit !== undefined) {
    return { error: `its shape (${shape.join(', ')}) has a dimension of ${overLimit.toLocaleString('en-US')}, over the limit of ${maxElements.toLocaleString('en-US')} numbers (setting kl.limits.maxElements).` };
  }
  if (shape.length === 2 && shape.includes(0)) {
    return { error: `it holds a ${shape[0].toLocaleString('en-US')}×${shape[1].toLocaleString('en-US')} array, which has no numbers; a batch needs at least one row of at least one outcome.` };
  }
  const elements = shape.reduce((product, n) => product * n, 1);
  if (elements > maxElements) return tooManyNumbers(elements, maxElements);
  const expectedBytes = elements * itemSize;
  const actualBytes = bytes.length - dataStart;
  if (actualBytes !== expectedBytes) {
    return { error: `its header promises ${elements.toLocaleString('en-US')} values (${expectedBytes.toLocaleString('en-US')} bytes) but ${actualBytes.toLocaleString('en-US')} bytes follow it: the file is ${actualBytes < expectedBytes ? 'truncated' : 'longer than its array'}.` };
  }
  const data = itemSize === 8 ? float64Data(bytes, dataStart, elements) : float32Data(bytes, dataStart, elements);
  const nan = firstNaN(data);
  if (nan >= 0) return { error: `${entryName(nan, shape, fortranOrder)} is NaN; a probability or logit must be a number.` };
  if (shape.length === 1) return { kind: 'vector', data };
  const [rows, columns] = shape;
  return { kind: 'matrix', rows, columns, data: fortranOrder ? transposed(data, rows, columns) : data };
}

function unsupportedType(descr: string): string {
  if (descr === '>f8' || descr === '>f4') return `its numbers are big-endian ('${descr}'); save them little-endian, e.g. numpy.save(path, a.astype('<f8')).`;
  const names: Record<string, string> = { i: 'integers', u: 'unsigned integers', b: 'booleans', f: 'floats of another size', c: 'complex numbers', U: 'strings', S: 'bytes', O: 'Python objects', M: 'dates', m: 'time spans' };
  const kind = names[descr.charAt(1)] ?? 'values of another type';
  return `it holds ${kind} ('${descr}'); load() reads float64 and float32 arrays: save with numpy.save(path, a.astype(numpy.float64)).`;
}

function firstNaN(data: Float64Array): number {
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) return i;
  return -1;
}

function entryName(index: number, shape: number[], fortranOrder: boolean): string {
  if (shape.length === 1) return `entry ${index + 1}`;
  const [rows, columns] = shape;
  const row = fortranOrder ? index % rows : Math.floor(index / columns);
  const column = fortranOrder ? Math.floor(index / rows) : index % columns;
  return `the entry at row ${row + 1}, column ${column + 1}`;
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/** The float64 values, copied out of the file's bytes in one piece on a little-endian machine. */
function float64Data(bytes: Uint8Array, start: number, count: number): Float64Array {
  const offset = bytes.byteOffset + start;
  if (LITTLE_ENDIAN) return new Float64Array(bytes.buffer.slice(offset, offset + count * 8));
  const view = new DataView(bytes.buffer, offset, count * 8);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat64(i * 8, true);
  return data;
}

function float32Data(bytes: Uint8Array, start: number, count: number): Float64Array {
  const offset = bytes.byteOffset + start;
  if (LITTLE_ENDIAN && offset % 4 === 0) return Float64Array.from(new Float32Array(bytes.buffer, offset, count));
  const view = new DataView(bytes.buffer, offset, count * 4);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
  return data;
}

function transposed(columnMajor: Float64Array, rows: number, columns: number): Float64Array {
  const data = new Float64Array(columnMajor.length);
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) data[r * columns + c] = columnMajor[c * rows + r];
  }
  return data;
}

/** Reads the dict literal numpy writes; anything else is an error, nothing is evaluated. */
function parseHeader(text: string): Map<string, HeaderValue> | FormatError {
  let at = 0;
  const fail = (): FormatError => ({ error: `its header is not a NumPy header (at character ${at + 1}: ${JSON.stringify(text.slice(at, at + 12))}).` });
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const accept = (ch: string): boolean => {
    skipSpace();
    if (text[at] !== ch) return false;
    at++;
    return true;
  };
  const string = (): string | undefined => {
    skipSpace();
    const quote = text[at];
    if (quote !== "'" && quote !== '"') return undefined;
    const end = text.indexOf(quote, at + 1);
    if (end < 0) return undefined;
    const value = text.slice(at + 1, end);
    at = end + 1;
    return value;
  };
  const integer = (): number | undefined => {
    skipSpace();
    const match = /^\d+L?/.exec(text.slice(at, at + 24));
    if (!match) return undefined;
    at += match[0].length;
    const value = Number.parseInt(match[0], 10);
    return Number.isSafeInteger(value) ? value : undefined;
  };
  const value = (): HeaderValue | undefined => {
    skipSpace();
    if (text.startsWith('True', at)) return (at += 4), true;
    if (text.startsWith('False', at)) return (at += 5), false;
    if (text[at] === '[') {
      const close = text.indexOf(']', at);
      if (close < 0) return undefined;
      const description = text.slice(at, close + 1);
      at = close + 1;
      return { unsupported: description };
    }
    if (accept('(')) {
      const dims: number[] = [];
      while (!accept(')')) {
        const n = integer();
        if (n === undefined) return undefined;
        dims.push(n);
        if (!accept(',')) {
          if (!accept(')')) return undefined;
          break;
        }
      }
      return dims;
    }
    return string();
  };
  const entries = new Map<string, HeaderValue>();
  if (!accept('{')) return fail();
  while (!accept('}')) {
    const key = string();
    if (key === undefined || !accept(':')) return fail();
    const item = value();
    if (item === undefined) return fail();
    entries.set(key, item);
    if (!accept(',')) {
      if (!accept('}')) return fail();
      break;
    }
  }
  return entries;
}
