// The path syntax load() uses in a browser, where there is no `node:path`:
// the paths there are those of workspace URIs (`vscode-vfs://github/…/data/p.npy`),
// which are POSIX paths. The browser bundles take this module for `node:path`
// (scripts/build.mjs); it answers as Node's `path.posix` does, with `/` as the
// working folder (a test compares the two).

export const sep = '/';

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** The absolute path the parts lead to, `.` and `..` and repeated slashes removed. */
export function resolve(...parts: string[]): string {
  let joined = '';
  for (let index = parts.length - 1; index >= 0 && !isAbsolute(joined); index--) {
    if (parts[index] !== '') joined = joined === '' ? parts[index] : `${parts[index]}/${joined}`;
  }
  const names: string[] = [];
  for (const name of joined.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') names.pop();
    else names.push(name);
  }
  return `/${names.join('/')}`;
}

/** The path from `from` to `to`, both resolved first: `''` when they are the same. */
export function relative(from: string, to: string): string {
  const fromNames = resolve(from).split('/').filter((name) => name !== '');
  const toNames = resolve(to).split('/').filter((name) => name !== '');
  let common = 0;
  while (common < fromNames.length && common < toNames.length && fromNames[common] === toNames[common]) common++;
  return [...fromNames.slice(common).map(() => '..'), ...toNames.slice(common)].join('/');
}

/** The path without its last name and the one slash before it (Node keeps a leading `//`). */
export function dirname(path: string): string {
  const name = /[^/]+\/*$/.exec(path.slice(1));
  if (path === '') return '.';
  if (!name) return isAbsolute(path) ? '/' : '.';
  // Where the slash before the name is, in `path`.
  const end = name.index;
  if (end === 0) return isAbsolute(path) ? '/' : '.';
  return end === 1 && isAbsolute(path) ? '//' : path.slice(0, end);
}

/** The extension of the last name, from its last dot; none for `.bashrc`, `..` or a name without a dot. */
export function extname(path: string): string {
  const name = /[^/]*\/*$/.exec(path)?.[0].replace(/\/+$/, '') ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name === '..') return '';
  return name.slice(dot);
}
