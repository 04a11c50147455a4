// The language server's life in the editor: started lazily, restarted on
// request, told when the workspace becomes trusted. Crash restarts are
// vscode-languageclient's own (its default error handler and limits).
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Sent when the user trusts the workspace, so the server can enable `load()`. */
const TRUST_CHANGED_NOTIFICATION = 'kl/trustChanged';

export class KlServer {
  private client: Promise<LanguageClient> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
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

  private async launch(): Promise<LanguageClient> {
    // Imported here, not at the top, so activating for a Markdown file without a
    // kl fence never evaluates vscode-languageclient.
    const { createLanguageClient } = await import('./languageClient');
    const client = createLanguageClient(this.context, this.output);
    try {
      await client.start();
    } catch (error) {
      // vscode-languageclient has already logged and shown the failure; `restart` may retry.
      this.output.error(`The server did not start: ${describe(error)}`);
    }
    return client;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
