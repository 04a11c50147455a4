// What the status item says for each state of the server and counts of the
// document: kept apart from VS Code's API so that the tests can read it. The
// words go through `translate` (vscode.l10n.t in the extension), so each
// sentence is one whole message a translator sees with its placeholders.
import type { DocumentSummary } from '../../server/src/lsp/klProtocol';

export type ServerStatus =
  | { state: 'starting' }
  | { state: 'ready'; version: string }
  | { state: 'stopped'; reason: string };

/** vscode.l10n.t's shape: an English message with {0}, {1}… and its arguments. */
export type Translate = (message: string, ...args: (string | number)[]) => string;

/** The English messages themselves, their placeholders filled: what vscode.l10n.t does without a bundle. */
export const inEnglish: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder));

/** The item's text and its tooltip, Markdown made of our own words and numbers only. */
export function describeStatus(status: ServerStatus, summary: DocumentSummary | undefined, t: Translate = inEnglish): { text: string; tooltip: string; error: boolean } {
  const click = t('Click to show the KL Lens output.');
  switch (status.state) {
    case 'starting':
      return { text: '$(loading~spin) KL Lens', tooltip: `${t('**KL Lens**: the language server is starting…')}\n\n${click}`, error: false };
    case 'stopped':
      return { text: '$(error) KL Lens', tooltip: `${t('**KL Lens**: the language server stopped: {0}', status.reason)}\n\n${t('Run "KL Lens: Restart Server" to start it again.')} ${click}`, error: true };
    case 'ready': {
      const header = t('**KL Lens {0}**: the language server is ready.', status.version);
      if (!summary) return { text: '$(check) KL Lens', tooltip: `${header}\n\n${click}`, error: false };
      const failing = summary.checksFailed > 0 || summary.errors > 0;
      const icon = summary.pending > 0 ? '$(sync~spin)' : failing ? '$(warning)' : '$(check)';
      const counts = [
        summary.statements === 1 ? t('1 statement') : t('{0} statements', summary.statements),
        summary.checksPassed === 1 ? t('1 check passed, {0} failed', summary.checksFailed) : t('{0} checks passed, {1} failed', summary.checksPassed, summary.checksFailed),
        `${summary.errors === 1 ? t('1 error') : t('{0} errors', summary.errors)}, ${summary.warnings === 1 ? t('1 warning') : t('{0} warnings', summary.warnings)}`,
      ];
      if (summary.pending > 0) counts.push(t('{0} computing in the background', summary.pending));
      const failed = summary.checksFailed > 0 ? ` ${summary.checksFailed} ✗` : '';
      return { text: `${icon} KL Lens${failed}`, tooltip: `${header}\n\n${t('This document: {0}.', counts.join('; '))}\n\n${click}`, error: false };
    }
  }
}
