// One analysis per document version, shared by every feature.
//
// An edit starts a new analysis at once (no debounce); it runs in slices of
// about 10 ms with `setImmediate` between them, so requests are answered while
// a big document is analysed, and a newer version cancels the older run at its
// next slice. A feature that asks for an analysis gets the one for the version
// current when it is finished; the previous analysis of the same document is
// handed to the engine so that unchanged statements are reused.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeSteps, type Analysis, type DocumentKind } from '../language/analysis';
import type { Settings } from './settings';

interface Run {
  version: number;
  settings: Settings;
  result: Promise<Analysis | undefined>;
}

interface Entry {
  document: TextDocument;
  /** The latest finished analysis, whatever its version. */
  latest?: { analysis: Analysis; version: number; settings: Settings };
  running?: Run;
}

export function documentKind(languageId: string): DocumentKind | undefined {
  return languageId === 'kl' ? 'kl' : languageId === 'markdown' ? 'markdown' : undefined;
}

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();

  /** `onAnalyzed` hears of every analysis that finished for its document's current version. */
  constructor(
    private readonly currentSettings: () => Settings,
    private readonly onAnalyzed: (uri: string, analysis: Analysis, version: number) => void,
  ) {}

  /** Whether the server evaluates this kind of document under the current settings. */
  serves(document: TextDocument): boolean {
    const kind = documentKind(document.languageId);
    return kind === 'kl' || (kind === 'markdown' && this.currentSettings().markdownEnabled);
  }

  /** Records the document's new version and starts analysing it. */
  update(document: TextDocument): void {
    const entry = this.entries.get(document.uri);
    if (entry) entry.document = document;
    else this.entries.set(document.uri, { document });
    void this.analysis(document.uri);
  }

  close(uri: string): void {
    this.entries.delete(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  document(uri: string): TextDocument | undefined {
    return this.entries.get(uri)?.document;
  }

  /** The analysis of the document's current version (undefined: unknown, closed, or not served). */
  analysis(uri: string): Promise<Analysis | undefined> {
    const entry = this.entries.get(uri);
    if (!entry || !this.serves(entry.document)) return Promise.resolve(undefined);
    const settings = this.currentSettings();
    const version = entry.document.version;
    if (entry.latest && entry.latest.version === version && entry.latest.settings === settings) return Promise.resolve(entry.latest.analysis);
    if (entry.running && entry.running.version === version && entry.running.settings === settings) return entry.running.result;
    const run: Run = { version, settings, result: Promise.resolve(undefined) };
    entry.running = run;
    run.result = this.run(uri, entry, run);
    return run.result;
  }

  /** The latest finished analysis without waiting (possibly of an older version). */
  latest(uri: string): Analysis | undefined {
    return this.entries.get(uri)?.latest?.analysis;
  }

  private async run(uri: string, entry: Entry, run: Run): Promise<Analysis | undefined> {
    const document = entry.document;
    const kind = documentKind(document.languageId) as DocumentKind;
    const options = { defaultUnits: run.settings.units, limits: { maxElements: run.settings.maxElements } };
    const steps = analyzeSteps(document.getText(), kind, options, entry.latest?.analysis);
    for (;;) {
      const step = steps.next();
      if (step.done) {
        entry.latest = { analysis: step.value, version: run.version, settings: run.settings };
        if (entry.running === run) entry.running = undefined;
        this.onAnalyzed(uri, step.value, run.version);
        return step.value;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.isStale(uri, entry, run)) return this.analysis(uri);
    }
  }

  private isStale(uri: string, entry: Entry, run: Run): boolean {
    return this.entries.get(uri) !== entry || entry.document.version !== run.version || this.currentSettings() !== run.settings || entry.running !== run;
  }
}
