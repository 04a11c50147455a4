// The language server's life in the editor: started lazily, restarted on
// request, told when the workspace becomes trusted, its state reported to the
// status item and its start and settings logged. Crash restarts are
// vscode-languageclient's own (its default error handler and limits).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_SUMMARY_REQUEST, EXPORT_HTML_REQUEST, NOTE_RENDERING_REQUEST, TRUST_CHANGED_NOTIFICATION, type DocumentSummary, type NoteRendering } from '../../server/src/lsp/klProtocol';
import type { ServerStatus } from './statusText';

export class KlServer {
  private client: Promise<LanguageClient> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly report: (status: ServerStatus) => void,
    private readonly onHover: () => void,
  ) {}

  get isStarted(): boolean {
    return this.client !== undefined;
  }

  /** Starts the server once; later calls return the same client. */
  start(): Promise<LanguageClient> {
    this.client ??= this.launch();
    return this.client;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const pending = this.client;
    this.client = undefined;
    const client = await pending;
    if (!client?.needsStop()) return;
    try {
      await client.dispose();
    } catch (error) {
      this.output.warn(`Stopping the server failed: ${describe(error)}`);
    }
  }

  async notifyTrustGranted(): Promise<void> {
    const client = await this.client;
    // A server started later reads the trust from its initializationOptions instead.
    if (client?.isRunning()) await client.sendNotification(TRUST_CHANGED_NOTIFICATION, { trusted: true });
  }

  /** The counts of a served document, or undefined while the server is not running (or does not know it). */
  async summary(uri: vscode.Uri): Promise<DocumentSummary | undefined> {
    const client = await this.client;
    if (!client?.isRunning()) return undefined;
    try {
      return (await client.sendRequest<DocumentSummary | null>(DOCUMENT_SUMMARY_REQUEST, { uri: client.code2ProtocolConverter.asUri(uri) })) ?? undefined;
    } catch (error) {
      this.output.warn(`The document's summary failed: ${describe(error)}`);
      return undefined;
    }
  }

  /** What the Markdown preview draws beside a note, or undefined while the server is not running (or does not serve it). */
  async noteRendering(uri: vscode.Uri): Promise<NoteRendering | undefined> {
    const client = await this.client;
    if (!client?.isRunning()) return undefined;
    try {
      return (await client.sendRequest<NoteRendering | null>(NOTE_RENDERING_REQUEST, { uri: client.code2ProtocolConverter.asUri(uri) })) ?? undefined;
    } catch (error) {
      this.output.warn(`The note's rendering for the preview failed: ${describe(error)}`);
      return undefined;
    }
  }

  /** The note as one HTML page, rendered by the server from its analysis; undefined if it cannot (the reason is logged). */
  async exportHtml(uri: vscode.Uri): Promise<string | undefined> {
    const client = await this.start();
    try {
      const answer = await client.sendRequest<{ html: string } | null>(EXPORT_HTML_REQUEST, { uri: client.code2ProtocolConverter.asUri(uri) });
      return answer?.html;
    } catch (error) {
      this.output.error(`Exporting ${uri.toString()} failed: ${describe(error)}`);
      return undefined;
    }
  }

  /** Writes the effective `kl` settings to the output, as the server will read them. */
  logSettings(): void {
    const section = vscode.workspace.getConfiguration('kl');
    const keys = ['units', 'display', 'significantDigits', 'markdown.enabled', 'limits.maxElements', 'limits.maxFileBytes', 'trace.server'];
    this.output.info(`Settings: ${keys.map((key) => `kl.${key} = ${JSON.stringify(section.get(key))}`).join(', ')}`);
  }

  private async launch(): Promise<LanguageClient> {
    // Imported here, not at the top, so activating for a Markdown file without a
    // kl fence never evaluates vscode-languageclient.
    const { createLanguageClient, watchServerState } = await import('./languageClient');
    const started = Date.now();
    this.report({ state: 'starting' });
    this.logSettings();
    const client = createLanguageClient(this.context, this.output, this.onHover);
    watchServerState(client, this.report);
    try {
      await client.start();
      const version = client.initializeResult?.serverInfo?.version ?? 'unknown version';
      this.output.info(`The language server ${version} is ready (${Date.now() - started} ms after the start).`);
      this.report({ state: 'ready', version });
    } catch (error) {
      // vscode-languageclient has already logged and shown the failure; `restart` may retry.
      this.output.error(`The server did not start: ${describe(error)}`);
      this.report({ state: 'stopped', reason: describe(error) });
    }
    return client;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
