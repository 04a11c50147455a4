// The outline: every assignment, with its value in short form.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { shiftSpan } from '../language/span';
import { rangeOf } from '../lsp/ranges';
import { shortValue } from '../lsp/valueText';

export function documentSymbols(analysis: Analysis, digits: number): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const analyzed of analysis.statements) {
    const statement = analyzed.parsed.statement;
    if (statement.kind !== 'assignment') continue;
    const value = analyzed.result.value;
    symbols.push({
      name: statement.name,
      detail: value ? shortValue(value, digits) : 'no value',
      kind: value?.kind === 'number' ? SymbolKind.Number : value?.kind === 'vector' || value?.kind === 'matrix' ? SymbolKind.Array : SymbolKind.Variable,
      range: rangeOf(analysis, { start: analyzed.source.offset, end: analyzed.source.offset + analyzed.source.text.length }),
      selectionRange: rangeOf(analysis, shiftSpan(statement.nameSpan, analyzed.source.offset)),
    });
  }
  return symbols;
}
