// The editor setups of docs/editors.md, run as a reader would: the snippets are
// read from the page itself (so the page shows exactly what was tested), saved
// in a fresh home directory with `/path/to/kl-lens` set to this checkout, and
// the page's own command lines run from the checkout.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const PAGE = path.join(ROOT, 'docs/editors.md');
const PLACEHOLDER = /\/path\/to\/kl-lens/g;

/** The fenced blocks of docs/editors.md in one language, in page order. */
function blocks(language: string): string[] {
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm');
  return [...readFileSync(PAGE, 'utf8').matchAll(fence)].map((match) => match[1]);
}

/** The block whose first line names the file, e.g. `-- kl-lens.lua: …` or `;;; check.el --- …`. */
export function snippet(language: string, file: string): string {
  const found = blocks(language).filter((block) => new RegExp(`^(--|;;;) ${file.replace('.', '\\.')}\\b`).test(block));
  if (found.length !== 1) throw new Error(`docs/editors.md has ${found.length} ${language} blocks for ${file}`);
  return found[0];
}

/** The command lines of the sh block that runs `program`, after its `cd /path/to/kl-lens`. */
export function commandLines(program: string): string[] {
  const found = blocks('sh').filter((block) => block.includes(`${program} `) && block.startsWith('cd /path/to/kl-lens\n'));
  if (found.length !== 1) throw new Error(`docs/editors.md has ${found.length} sh blocks running ${program}`);
  return found[0].split('\n').slice(1).filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** A fresh home directory holding the given files, the checkout's path put in. */
export function homeWith(files: Record<string, string>): { home: string; remove: () => void } {
  const home = mkdtempSync(path.join(tmpdir(), 'kl-editors-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(home, name), text.replace(PLACEHOLDER, ROOT));
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** Runs a documented command line with `sh` from the checkout, in that home; the editor is killed after a minute. */
export function run(line: string, home: string): { status: number | null; output: string } {
  const environment: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', TERM: 'dumb' };
  const result = spawnSync('sh', ['-c', line], { cwd: ROOT, env: environment, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Whether a shell command succeeds (an editor is installed). */
export function succeeds(program: string, args: string[]): boolean {
  try {
    execFileSync(program, args, { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}
