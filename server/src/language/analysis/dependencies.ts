// What a statement's value depends on besides its text: the names it reads
// and the files it loads. The reuse rules compare these between versions.
import { statementExpressions, walkExpression, type Statement } from '../ast';
import { parseStatement } from '../parser';
import type { ParsedSource } from './analysisData';

/** A statement parsed, with what it depends on. */
export function parseSource(text: string): ParsedSource {
  const { statement, diagnostics } = parseStatement(text);
  const { reads, loads } = dependencies(statement);
  // Not a spread: see evaluateSource (sourceEvaluation.ts).
  return { statement, diagnostics, reads, loads };
}

const NOTHING_READ: readonly string[] = [];

/** The names a statement reads and the paths it gives to `load()` (string literals), in one walk. */
function dependencies(statement: Statement): { reads: readonly string[]; loads: readonly string[] } {
  const names = new Set<string>();
  const loads: string[] = [];
  for (const expression of statementExpressions(statement)) {
    walkExpression(expression, (node) => {
      if (node.type === 'name') names.add(node.name);
      else if (node.type === 'call' && node.callee === 'load' && node.args[0]?.type === 'string') loads.push(node.args[0].value);
    });
  }
  return { reads: names.size === 0 ? NOTHING_READ : [...names], loads: loads.length === 0 ? NOTHING_READ : loads };
}
