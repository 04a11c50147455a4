// The outline: every assignment, with its value in short form. VS Code asks for
// it again after every edit (outline, breadcrumbs, sticky scroll), so an
// assignment whose result and place did not change answers with the symbol it
// had: a 10,000-line note has 3,333 of them, which were all made anew per edit.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { shiftSpan } from '../language/span';
import type { StatementResult } from '../language/statementResult';
import { rangeOf } from '../lsp/ranges';
import { shortValue } from '../hover/valueText';

/**
 * The symbol of each result at the significant digits last asked for. The
 * engine reuses a result only for the same statement text, so the symbol stands
 * while the statement starts at the same place.
 */
let shown = { digits: 0, byResult: new WeakMap<StatementResult, DocumentSymbol>() };

export function documentSymbols(analysis: Analysis, digits: number): DocumentSymbol[] {
  if (shown.digits !== digits) shown = { digits, byResult: new WeakMap() };
  const symbols: DocumentSymbol[] = [];
  for (const analyzed of analysis.statements) {
    const statement = analyzed.parsed.statement;
    if (statement.kind !== 'assignment') continue;
    const start = analysis.lineIndex.positionAt(analyzed.source.offset);
    const known = shown.byResult.get(analyzed.result);
    if (known && known.range.start.line === start.line && known.range.start.character === start.character) {
      symbols.push(known);
      continue;
    }
    const value = analyzed.result.value;
    const symbol: DocumentSymbol = {
      name: statement.name,
      // Moved by an edit above it: the same result, written the same.
      detail: known?.detail ?? (value ? shortValue(value, digits) : 'no value'),
      kind: value?.kind === 'number' ? SymbolKind.Number : value?.kind === 'vector' || value?.kind === 'matrix' ? SymbolKind.Array : SymbolKind.Variable,
      range: rangeOf(analysis, { start: analyzed.source.offset, end: analyzed.source.offset + analyzed.source.text.length }),
      selectionRange: rangeOf(analysis, shiftSpan(statement.nameSpan, analyzed.source.offset)),
    };
    shown.byResult.set(analyzed.result, symbol);
    symbols.push(symbol);
  }
  return symbols;
}
