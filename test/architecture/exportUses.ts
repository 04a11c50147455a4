// Which exports of the extension's own sources some other module imports, read
// with the TypeScript parser: `import { a, b as c }`, `import d`, `export { a }
// from`, and, taking every export of the module, `import * as`, `export * from`,
// `import()` and `require()`. A module's use of its own export does not count:
// an export nobody imports is dead (or wants its `export` keyword dropped).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { repositoryRoot, sourceFilesUnder } from './importGraph';

/**
 * The values a module exports: the constants, functions, classes and enums it
 * declares exported or re-exports (`default` for `export default`). Not its
 * types: an exported function's signature names them, and the declarations
 * tsc emits need them exported, whoever imports them.
 */
export function exportedValues(source: ts.SourceFile): string[] {
  const names: string[] = [];
  const exported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.filter((element) => !element.isTypeOnly).map((element) => element.name.text));
    } else if (ts.isExportAssignment(statement)) {
      names.push('default');
    } else if (exported(statement)) {
      if (isDefault(statement)) names.push('default');
      else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        names.push(statement.name.text);
      }
    }
  }
  return [...new Set(names)];
}

/** Module (path from the repository root) → the names other modules import from it; `*` when one takes them all. */
export type ExportUses = Map<string, Set<string>>;

function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
  const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
  return found && relative(repositoryRoot, found);
}

/** What the modules under `folders` (.ts and .mjs) import of each module they reach by a relative path. */
export function exportUsesOf(folders: string[]): ExportUses {
  const uses: ExportUses = new Map();
  const use = (fromFile: string, specifier: string, names: string[]): void => {
    if (!specifier.startsWith('.')) return;
    const target = resolveRelative(fromFile, specifier);
    if (target === undefined || target === relative(repositoryRoot, fromFile)) return;
    const used = uses.get(target) ?? new Set<string>();
    for (const name of names) used.add(name);
    uses.set(target, used);
  };
  for (const folder of folders) {
    for (const file of sourceFilesUnder(join(repositoryRoot, folder), ['.ts', '.mjs'])) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
      const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
          const clause = node.importClause;
          const names: string[] = [];
          if (clause?.name) names.push('default');
          if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push('*');
          if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) names.push(...clause.namedBindings.elements.map((element) => (element.propertyName ?? element.name).text));
          use(file, node.moduleSpecifier.text, names);
        } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
          const clause = node.exportClause;
          use(file, node.moduleSpecifier.text, clause && ts.isNamedExports(clause) ? clause.elements.map((element) => (element.propertyName ?? element.name).text) : ['*']);
        } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
          && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
          use(file, node.arguments[0].text, ['*']);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return uses;
}

/** `module: name` for each export of the modules under `folders` that no module under `readers` imports; `entryPoints` are exempt (their exports are for the bundler or VS Code). */
export function unusedExports(folders: string[], readers: string[], entryPoints: readonly string[]): string[] {
  const uses = exportUsesOf(readers);
  const unused: string[] = [];
  for (const folder of folders) {
    for (const file of sourceFilesUnder(join(repositoryRoot, folder), ['.ts'])) {
      const module = relative(repositoryRoot, file);
      if (entryPoints.includes(module)) continue;
      const used = uses.get(module) ?? new Set<string>();
      if (used.has('*')) continue;
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
      for (const name of exportedValues(source)) if (!used.has(name)) unused.push(`${module}: ${name}`);
    }
  }
  return unused.sort();
}
