// The analysis's diagnostics as LSP diagnostics, with the definitions involved
// as related information (in the same document).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import type { Severity } from '../language/diagnostics';
import { rangeOf } from '../lsp/ranges';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspDiagnostics(uri: string, analysis: Analysis): Diagnostic[] {
  return analysis.diagnostics.map((diagnostic): Diagnostic => {
    const converted: Diagnostic = {
      range: rangeOf(analysis, diagnostic.span),
      severity: SEVERITY[diagnostic.severity],
      code: diagnostic.code,
      source: 'kl',
      message: diagnostic.message,
    };
    if (diagnostic.related && diagnostic.related.length > 0) {
      converted.relatedInformation = diagnostic.related.map((related) => ({
        location: { uri, range: rangeOf(analysis, related.span) },
        message: related.message,
      }));
    }
    return converted;
  });
}
