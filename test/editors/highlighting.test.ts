// Highlighting of .kl files without the server: editors/vim/syntax/kl.vim in
// Neovim and editors/emacs/kl-mode.el in Emacs, read word by word on one
// document (highlighting.kl), and both naming every builtin of the language.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LIST } from '../../server/src/language/builtins';
import { ROOT, succeeds } from './documentedSetup';

const DOCUMENT = path.join(__dirname, 'highlighting.kl');
const LINES = readFileSync(DOCUMENT, 'utf8').split('\n');
const VIM_SYNTAX = path.join(ROOT, 'editors/vim/syntax/kl.vim');
const KL_MODE = path.join(ROOT, 'editors/emacs/kl-mode.el');

/** A word of highlighting.kl and its group in Vim and face in Emacs ('' and nil: none). */
const WORDS: { line: number; word: string; vim: string; emacs: string }[] = [
  { line: 1, word: '#', vim: 'klComment', emacs: 'font-lock-comment-delimiter-face' },
  { line: 1, word: 'comment', vim: 'klComment', emacs: 'font-lock-comment-face' },
  { line: 2, word: 'units', vim: 'klDirective', emacs: 'font-lock-preprocessor-face' },
  { line: 2, word: 'bits', vim: 'klDirectiveValue', emacs: 'font-lock-constant-face' },
  { line: 3, word: 'P', vim: 'klAssigned', emacs: 'font-lock-variable-name-face' },
  { line: 3, word: 'cat', vim: 'klLabel', emacs: 'nil' },
  { line: 3, word: '0.7', vim: 'klNumber', emacs: 'font-lock-constant-face' },
  { line: 3, word: '"big dog"', vim: 'klString', emacs: 'font-lock-string-face' },
  // `D` is a name here, the KL measure only where called.
  { line: 4, word: 'D', vim: 'klAssigned', emacs: 'font-lock-variable-name-face' },
  { line: 5, word: 'KL', vim: 'klMeasure', emacs: 'font-lock-builtin-face' },
  { line: 5, word: 'D', vim: '', emacs: 'nil' },
  { line: 5, word: '||', vim: 'klOperator', emacs: 'nil' },
  { line: 5, word: 'uniform', vim: 'klFunction', emacs: 'font-lock-function-name-face' },
  { line: 5, word: '≈', vim: 'klOperator', emacs: 'nil' },
  { line: 5, word: '5%', vim: 'klNumber', emacs: 'font-lock-constant-face' },
  { line: 6, word: 'H', vim: 'klMeasure', emacs: 'font-lock-builtin-face' },
  { line: 6, word: 'log', vim: 'klFunction', emacs: 'font-lock-function-name-face' },
  { line: 6, word: 'pi', vim: 'klConstant', emacs: 'font-lock-constant-face' },
  { line: 6, word: 'e', vim: 'klConstant', emacs: 'font-lock-constant-face' },
];

/** 1-based byte column (Vim) and 0-based character column (Emacs) of each word, found as a whole word. */
const PLACES = WORDS.map(({ line, word }) => {
  const text = LINES[line - 1];
  const found = new RegExp(`(?<![\\p{L}\\p{N}_])${word.replace(/[|.]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u').exec(text);
  if (!found) throw new Error(`${word} not on line ${line}`);
  return { line, byte: Buffer.byteLength(text.slice(0, found.index)) + 1, character: found.index };
});

function output(program: string, args: string[]): string {
  const result = spawnSync(program, args, { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: '/nonexistent', LANG: 'C.UTF-8' } });
  if (result.status !== 0) throw new Error(`${program} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

const HAS_NEOVIM = succeeds('nvim', ['--version']);
const HAS_EMACS = succeeds('emacs', ['--version']);
if (!HAS_NEOVIM) console.warn('test/editors/highlighting.test.ts: Neovim not found (apt-get install neovim): the Vim syntax file is not run');
if (!HAS_EMACS) console.warn('test/editors/highlighting.test.ts: Emacs not found (apt-get install emacs-nox): kl-mode is not run');

describe('highlighting a .kl file', () => {
  it.skipIf(!HAS_NEOVIM)('in Neovim with editors/vim/syntax/kl.vim', () => {
    const places = PLACES.map((place) => `{${place.line},${place.byte}}`).join(',');
    const script = `lua for _, p in ipairs({${places}}) do io.stdout:write(vim.fn.synIDattr(vim.fn.synID(p[1], p[2], 1), 'name') .. '\\n') end`;
    const groups = output('nvim', ['--headless', '-n', '-u', 'NONE', '--cmd', `set runtimepath^=${path.join(ROOT, 'editors/vim')}`, '--cmd', 'filetype on', '--cmd', 'syntax on', DOCUMENT, '-c', script, '-c', 'qall!']);
    expect(groups.split('\n').slice(0, WORDS.length)).toEqual(WORDS.map((word) => word.vim));
  });

  it.skipIf(!HAS_EMACS)('in Emacs with editors/emacs/kl-mode.el', () => {
    const places = PLACES.map((place) => `(${place.line} . ${place.character})`).join(' ');
    const script = `(progn (font-lock-ensure) (dolist (p '(${places})) (goto-char (point-min)) (forward-line (1- (car p))) (forward-char (cdr p)) (princ (format "%S\\n" (get-text-property (point) 'face)))))`;
    const faces = output('emacs', ['--batch', '-l', KL_MODE, DOCUMENT, '--eval', script]);
    expect(faces.split('\n').slice(0, WORDS.length)).toEqual(WORDS.map((word) => word.emacs));
  });

  it('names every builtin function of the language, measures apart, in both files', () => {
    const vim = readFileSync(VIM_SYNTAX, 'utf8');
    const emacs = readFileSync(KL_MODE, 'utf8');
    const vimGroup = (group: string) => new Set(/syntax match \w+ \/\\<\\\((.*?)\\\)/.exec(vim.split('\n').find((line) => line.startsWith(`syntax match ${group} `)) ?? '')?.[1].split('\\|'));
    const emacsList = (name: string) => new Set([...(new RegExp(`\\(defconst ${name}\\s+'\\(([^)]*)\\)`).exec(emacs)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1]));
    const names = (measures: boolean) => new Set(BUILTIN_LIST.filter((builtin) => (builtin.category === 'measure') === measures).flatMap((builtin) => [builtin.name, ...(builtin.aliases ?? [])]));
    expect(vimGroup('klMeasure')).toEqual(names(true));
    expect(vimGroup('klFunction')).toEqual(names(false));
    expect(emacsList('kl-mode-measures')).toEqual(names(true));
    expect(emacsList('kl-mode-functions')).toEqual(names(false));
  });
});
