// What the status item says for each state of the server and counts of the
// document: kept apart from VS Code's API so that the tests can read it.
import type { DocumentSummary } from '../../server/src/lsp/klProtocol';

export type ServerStatus =
  | { state: 'starting' }
  | { state: 'ready'; version: string }
  | { state: 'stopped'; reason: string };

/** The item's text and its tooltip, Markdown made of our own words and numbers only. */
export function describeStatus(status: ServerStatus, summary: DocumentSummary | undefined): { text: string; tooltip: string; error: boolean } {
  const click = 'Click to show the KL Lens output.';
  switch (status.state) {
    case 'starting':
      return { text: '$(loading~spin) KL Lens', tooltip: `**KL Lens**: the language server is starting…\n\n${click}`, error: false };
    case 'stopped':
      return { text: '$(error) KL Lens', tooltip: `**KL Lens**: the language server stopped: ${status.reason}\n\nRun "KL Lens: Restart Server" to start it again. ${click}`, error: true };
    case 'ready': {
      const header = `**KL Lens ${status.version}**: the language server is ready.`;
      if (!summary) return { text: '$(check) KL Lens', tooltip: `${header}\n\n${click}`, error: false };
      const failing = summary.checksFailed > 0 || summary.errors > 0;
      const icon = summary.pending > 0 ? '$(sync~spin)' : failing ? '$(warning)' : '$(check)';
      const counts = [
        plural(summary.statements, 'statement'),
        `${plural(summary.checksPassed, 'check')} passed, ${summary.checksFailed} failed`,
        `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`,
      ];
      if (summary.pending > 0) counts.push(`${summary.pending} computing in the background`);
      const failed = summary.checksFailed > 0 ? ` ${summary.checksFailed} ✗` : '';
      return { text: `${icon} KL Lens${failed}`, tooltip: `${header}\n\nThis document: ${counts.join('; ')}.\n\n${click}`, error: false };
    }
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
