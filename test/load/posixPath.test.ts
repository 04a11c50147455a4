// The path syntax of load() in a browser (language/load/posixPath.ts, which the
// browser bundles take for `node:path`) answers as Node's own `path.posix` does.
import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as browserPath from '../../server/src/language/load/posixPath';

const name = fc.constantFrom('', '.', '..', '...', 'data', 'p.npy', '.hidden', 'x..', 'y.', '/', '//');
const path = fc.array(name, { maxLength: 6 }).map((names) => names.join('/'));

describe('load() paths in a browser', () => {
  it('are resolved, compared and split as Node resolves POSIX paths from the root folder', () => {
    fc.assert(
      fc.property(path, path, (first, second) => {
        const from = posix.resolve('/', first);
        const to = posix.resolve('/', second);
        expect(browserPath.resolve(first)).toBe(from);
        expect(browserPath.resolve(first, second)).toBe(posix.resolve('/', first, second));
        expect(browserPath.relative(from, to)).toBe(posix.relative(from, to));
        expect(browserPath.dirname(first)).toBe(posix.dirname(first));
        expect(browserPath.extname(first)).toBe(posix.extname(first));
        expect(browserPath.isAbsolute(first)).toBe(posix.isAbsolute(first));
      }),
      { numRuns: 20000 },
    );
    expect(browserPath.sep).toBe(posix.sep);
  });

  it('keep a workspace file inside its folder and a ../ path out', () => {
    expect(browserPath.resolve('/course/week1', 'data/p.npy')).toBe('/course/week1/data/p.npy');
    expect(browserPath.relative('/course', '/course/week1/data/p.npy')).toBe('week1/data/p.npy');
    expect(browserPath.relative('/course', browserPath.resolve('/course/week1', '../../etc/passwd'))).toBe('../etc/passwd');
  });
});
