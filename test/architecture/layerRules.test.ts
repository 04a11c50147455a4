// The layer rules of eslint.config.mjs, run on imports a module of each layer
// could write: one that points down passes, one that points up is refused.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './importGraph';

const eslint = new ESLint({ cwd: repositoryRoot });

/** The messages of the layer rule for a module at `file` that writes `specifier` in an import. */
async function refusals(file: string, specifier: string): Promise<string[]> {
  const text = `import type { Anything } from '${specifier}';\nexport type Same = Anything;\n`;
  const [result] = await eslint.lintText(text, { filePath: join(repositoryRoot, file) });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('a module imports from its own layer and the layers below it only', () => {
  it.each([
    ['server/src/language/units.ts', './ast'],
    ['server/src/language/gradient/trace.ts', '../evaluator'],
    ['server/src/language/load/loadStamp.ts', './fileHost'],
    ['server/src/latex/noteMath.ts', '../language/analysis'],
    ['server/src/notes/documentAnalysis.ts', '../latex/noteMath'],
    ['server/src/hover/measureHover.ts', '../language/measures'],
    ['server/src/features/hover.ts', '../lsp/ranges'],
    ['server/src/features/codeLens.ts', '../hover/resultText'],
    ['server/src/hover/measureHover.ts', '../lsp/klProtocol'],
    ['server/src/features/rename.ts', '../language/nameIndex'],
    ['client/src/klServer.ts', '../../server/src/lsp/klProtocol'],
    ['client/src/klServer.ts', '../../server/src/nodeFlags'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await refusals(file, specifier)).toEqual([]);
  });

  it.each([
    ['server/src/language/analysis.ts', '../latex/noteMath'],
    ['server/src/language/analysis.ts', '../notes/documentAnalysis'],
    ['server/src/language/gradient/grad.ts', '../../features/hover'],
    ['server/src/language/load/loadStamp.ts', '../../lsp/fileAccess'],
    ['server/src/language/builtins.ts', '../hover/markdown'],
    ['server/src/language/format.ts', '../cli/report'],
    ['server/src/language/format.ts', '../server'],
    ['server/src/language/diagnostics.ts', 'vscode-languageserver'],
    ['server/src/language/span.ts', 'vscode-languageserver-textdocument'],
    ['server/src/latex/noteMath.ts', '../notes/documentAnalysis'],
    ['server/src/latex/relations.ts', '../hover/markdown'],
    ['server/src/latex/latexParser.ts', '../features/mathChecks'],
    ['server/src/notes/documentAnalysis.ts', '../lsp/analysisStore'],
    ['server/src/hover/measureHover.ts', '../features/hover'],
    ['server/src/hover/markdown.ts', '../lsp/analysisStore'],
    ['server/src/hover/markdown.ts', '../lsp/settings'],
    ['server/src/lsp/klProtocol.ts', '../language/measureDetail'],
    ['server/src/nodeFlags.ts', './version'],
    ['client/src/extension.ts', '../../server/src/language/analysis'],
    ['client/src/extension.ts', '../../server/src/lsp/analysisStore'],
    ['client/src/extension.ts', '../../server/src/hover/valueText'],
    ['client/src/extension.ts', '../../server/src/lsp/nodeFlags'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await refusals(file, specifier)).toHaveLength(1);
  });
});
