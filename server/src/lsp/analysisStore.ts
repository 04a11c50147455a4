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
import type { FileHost } from '../language/load/fileHost';
import { changesAnalysis, type Settings } from './settings';

interface Run {
  version: number;
  settings: Settings;
  result: Promise<Analysis | undefined>;
}

interface Entry {
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
    private readonly documentOf: (uri: string) => TextDocument | undefined,
    private readonly currentSettings: () => Settings,
    private readonly onAnalyzed: (uri: string, analysis: Analysis, version: number) => void,
    /** What load() may read from this document. */
    private readonly filesOf?: (uri: string, settings: Settings) => FileHost,
  ) {}

  /** Whether the server evaluates this kind of document under the current settings. */
  serves(document: TextDocument): boolean {
    const kind = documentKind(document.languageId);
    return kind === 'kl' || (kind === 'markdown' && this.currentSettings().markdownEnabled);
  }

  close(uri: string): void {
    this.entries.delete(uri);
  }

  /**
   * Analyses the document again at the same version, reusing what did not
   * change: a file it loads changed, or the trust did.
   */
  refresh(uri: string): Promise<Analysis | undefined> {
    const entry = this.entries.get(uri);
    if (entry?.latest) entry.latest = { ...entry.latest, version: -1 };
    if (entry) entry.running = undefined;
    return this.analysis(uri);
  }

  /** The latest finished analyses, by document. */
  *analyses(): Generator<[string, Analysis]> {
    for (const [uri, entry] of this.entries) if (entry.latest) yield [uri, entry.latest.analysis];
  }

  /** The analysis of the document's current version (undefined: unknown, closed, or not served). */
  analysis(uri: string): Promise<Analysis | undefined> {
    const document = this.documentOf(uri);
    if (!document || !this.serves(document)) return Promise.resolve(undefined);
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = {};
      this.entries.set(uri, entry);
    }
    const settings = this.currentSettings();
    const version = document.version;
    const current = (done: { version: number; settings: Settings } | undefined) => done !== undefined && done.version === version && !changesAnalysis(done.settings, settings);
    if (entry.latest && current(entry.latest)) return Promise.resolve(entry.latest.analysis);
    if (entry.running && current(entry.running)) return entry.running.result;
    const run: Run = { version, settings, result: Promise.resolve(undefined) };
    entry.running = run;
    run.result = this.run(uri, document, entry, run);
    return run.result;
  }

  private async run(uri: string, document: TextDocument, entry: Entry, run: Run): Promise<Analysis | undefined> {
    const kind = documentKind(document.languageId) as DocumentKind;
    const files = this.filesOf?.(uri, run.settings);
    const options = { defaultUnits: run.settings.units, limits: { maxElements: run.settings.maxElements }, ...(files ? { files } : {}) };
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
      if (this.entries.get(uri) !== entry || entry.running !== run || this.documentOf(uri)?.version !== run.version || changesAnalysis(run.settings, this.currentSettings())) {
        return this.analysis(uri);
      }
    }
  }
}
