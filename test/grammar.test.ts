import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const manifestPath = createRequire(__filename).resolve('vscode-tmgrammar-test/package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
const grammarTest = path.resolve(path.dirname(manifestPath), manifest.bin['vscode-tmgrammar-test']);

/**
 * Runs the scope assertions in test/grammar/ through vscode-tmgrammar-test, which
 * loads the grammars the way VS Code does: from `contributes.grammars` in package.json,
 * including the Markdown injection. VS Code's own Markdown grammar is not installed,
 * so a stand-in with the same scope name hosts the injection.
 */
function runGrammarTests(...args: string[]): string {
  try {
    return execFileSync(process.execPath, [grammarTest, '--compact', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`vscode-tmgrammar-test failed:\n${stdout}${stderr}`, { cause: error });
  }
}

describe('KL syntax highlighting', () => {
  it('scopes .kl files as the assertions in test/grammar/*.kl say', () => {
    const output = runGrammarTests('test/grammar/*.kl');
    expect(output).toContain('directives.kl');
    expect(output).toContain('expressions.kl');
  });

  it('highlights ```kl and ~~~kl fences in Markdown as KL and leaves other fences alone', () => {
    const output = runGrammarTests('-g', 'test/grammar/markdown-host.tmLanguage.json', 'test/grammar/*.md');
    expect(output).toContain('fences.md');
  });
});
