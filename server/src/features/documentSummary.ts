// The counts behind the VS Code status bar item (`kl/documentSummary`), read
// off the document's one analysis: nothing is evaluated again.
import type { DocumentAnalysis } from '../notes/documentAnalysis';
import type { DocumentSummary } from '../lsp/klProtocol';

export function documentSummary(analysis: DocumentAnalysis): DocumentSummary {
  const summary: DocumentSummary = { statements: 0, checksPassed: 0, checksFailed: 0, errors: 0, warnings: 0, pending: analysis.pending?.statements ?? 0 };
  for (const { parsed, result } of analysis.statements) {
    const kind = parsed.statement.kind;
    if (kind === 'blank') continue;
    summary.statements++;
    // A check with no verdict (an error in it, or still pending) has not passed; pending ones are counted apart.
    if (kind !== 'check' || result.pending) continue;
    if (result.check?.pass) summary.checksPassed++;
    else summary.checksFailed++;
  }
  for (const formula of analysis.math?.formulas ?? []) {
    for (const relation of formula.relations) {
      if (relation.pass) summary.checksPassed++;
      else summary.checksFailed++;
    }
  }
  for (const diagnostic of analysis.diagnostics) {
    if (diagnostic.severity === 'error') summary.errors++;
    else if (diagnostic.severity === 'warning') summary.warnings++;
  }
  return summary;
}
