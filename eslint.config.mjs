import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * `no-restricted-imports` for the files of one layer: none of the folders above it (nor the entry points), nor, with `noProtocol`,
 * the LSP packages; `except`: modules of those folders it may still read (`lsp/klProtocol`: names only, it imports nothing).
 */
function layer(files, why, above, noProtocol, except = []) {
  const allowed = except.length > 0 ? `(?!(\\.\\./)+(${except.join('|')})$)` : '';
  const patterns = [{
    // A relative path through one of those folders (no folder of a lower layer has their names), or to an entry point.
    regex: `^${allowed}((\\.\\./)+(.*/)?(${above.join('|')})(/|$)|(\\.\\./)+(server|cli|analysisWorker)$)`,
    message: `${why}: it imports nothing from ${above.map((folder) => `${folder}/`).join(', ')} or the entry points${except.length > 0 ? ` but ${except.map((module) => `${module}.ts`).join(', ')}` : ''}.`,
  }];
  if (noProtocol) patterns.push({ regex: '^vscode($|[-/])', message: `${why}: only the protocol layers (lsp/, features/) and the client know about LSP and VS Code.` });
  return { files: [files], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['**/out/**', '**/node_modules/**', '.tsbuild/**', 'test/e2e/.cache/**', '.vscode-test/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // The layers point one way (docs/architecture.md): each block lists what a
  // layer may not import. test/architecture/importCycles.test.ts fails on any
  // import cycle, these on an import that points up even before it closes one.
  layer('server/src/language/**', 'the engine (language/) is pure: text in, data out; the layers above call it', ['latex', 'notes', 'hover', 'features', 'lsp', 'cli'], true),
  layer('server/src/latex/**', 'the LaTeX reader (latex/) reads the engine; notes/ calls it', ['notes', 'hover', 'features', 'lsp', 'cli'], true),
  layer('server/src/notes/**', 'the document analysis (notes/) is below every feature and the protocol', ['hover', 'features', 'lsp', 'cli'], true),
  layer('server/src/hover/**', 'hover/ renders for features/hover.ts and lsp/, which call it', ['features', 'lsp', 'cli'], false, ['lsp/klProtocol']),
  {
    // What the client bundles of the server: names and constants, which import nothing.
    files: ['server/src/lsp/klProtocol.ts', 'server/src/nodeFlags.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.', message: 'The client bundles this module: it holds names and constants only and imports nothing of the server.' }] }] },
  },
  {
    files: ['client/src/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(\\.\\./)+server/(?!src/(lsp/klProtocol|nodeFlags|render/notePreview)$)',
          message: 'The client shares only the protocol names (server/src/lsp/klProtocol.ts), the server\'s Node flags (server/src/nodeFlags.ts) and the preview\'s markdown-it plugin (server/src/render/notePreview.ts) with the server; the rest of the server is bundled apart.',
        }],
      }],
    },
  },
  {
    // The e2e scripts also run functions inside the page (playwright's page.evaluate).
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
