// The language features in process: a document written with a cursor marker,
// `hoverAt('KL(P |<|>| Q)')`, answers what the server would answer there,
// from the same feature functions server.ts calls and in the same order
// (hover, then a note's math hover; its lenses, then a note's math lenses…),
// without spawning the bundled server. Each answer goes through JSON, as an
// answer over stdio does, so a test compares what a client would receive.
// test/lsp/ keeps the tests of the protocol itself over a real stdio connection.
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Position, Range, SemanticTokens, SemanticTokensDelta, SignatureHelp, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { ResponseError } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../server/src/features/codeActions';
import { CodeLenses } from '../../server/src/features/codeLens';
import { lspDiagnostics } from '../../server/src/features/diagnostics';
import { completion } from '../../server/src/features/completion';
import { definition } from '../../server/src/features/definition';
import { documentHighlights } from '../../server/src/features/documentHighlights';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { formatDocument } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { mathCodeActions, mathCodeLenses, mathHover, mathInlayHints } from '../../server/src/features/mathChecks';
import { proseInlayHints } from '../../server/src/features/proseValues';
import { references } from '../../server/src/features/references';
import { prepareRename, rename } from '../../server/src/features/rename';
import { SemanticTokensSender } from '../../server/src/features/semanticTokens';
import { signatureHelp } from '../../server/src/features/signatureHelp';
import { hoverRenderingFor, renderedHover } from '../../server/src/lsp/hoverRendering';
import { offsetOf } from '../../server/src/lsp/ranges';
import { readSettings, showsInlayHints, showsLenses, type Settings } from '../../server/src/lsp/settings';
import { analyze, type DocumentAnalysis } from '../../server/src/notes/documentAnalysis';

/** Where the cursor is in a marked text; the marker is not part of the document. */
export const CURSOR = '<|>';

/** The text without its markers, and the offset of each marker in it. */
export function unmarked(marked: string): { text: string; offsets: number[] } {
  const parts = marked.split(CURSOR);
  const offsets: number[] = [];
  let text = parts[0];
  for (const part of parts.slice(1)) {
    offsets.push(text.length);
    text += part;
  }
  return { text, offsets };
}

export interface FeatureOptions {
  /** The document's uri; a `.md` one is a Markdown note. Default: `file:///test.kl`. */
  uri?: string;
  /** The `kl` settings section, as a client sends it (read as the server reads it). */
  settings?: Record<string, unknown>;
  /** The client's `clientInfo.name`; default: VS Code's, whose hovers carry charts and command links. */
  clientName?: string;
}

/** A place in the document: an offset, the start of the `occurrence`-th `needle` plus `shift` characters, or an LSP position (which may be past the text). */
export type Place = number | { needle: string; shift?: number; occurrence?: number } | Position;

/**
 * One open document, analysed as the server's analysis store analyses it (the
 * settings' units and limits, the previous version's analysis after an edit),
 * and the server's answers to the requests about it.
 */
export class FeatureDocument {
  readonly uri: string;
  readonly settings: Settings;
  private readonly clientName: string;
  private document: TextDocument;
  private current: DocumentAnalysis;
  /** The code lenses remember the document's last answer, as the server's do (a lens kept from before an edit). */
  private readonly lenses = new CodeLenses();
  /** The semantic tokens remember the last answer too, to answer a delta from it. */
  private readonly tokens = new SemanticTokensSender();

  constructor(text: string, options: FeatureOptions = {}) {
    this.uri = options.uri ?? 'file:///test.kl';
    this.settings = readSettings(options.settings ?? {});
    this.clientName = options.clientName ?? 'Visual Studio Code';
    this.document = TextDocument.create(this.uri, this.uri.endsWith('.md') ? 'markdown' : 'kl', 1, text);
    this.current = this.analyze();
  }

  get text(): string {
    return this.document.getText();
  }

  get analysis(): DocumentAnalysis {
    return this.current;
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  /** Applies edits (ranges in the current text), as an editor's didChange, and analyses the new version. */
  edit(edits: { range: Range; text: string }[]): void {
    this.document = TextDocument.update(this.document, edits, this.document.version + 1);
    this.current = this.analyze(this.current);
  }

  /** Types `text` at the end of the first `needle`. */
  typeAfter(needle: string, text: string): void {
    const position = this.positionAfter(needle);
    this.edit([{ range: { start: position, end: position }, text }]);
  }

  offsetOf(place: Exclude<Place, Position>): number {
    if (typeof place === 'number') return place;
    const { needle, shift = 0, occurrence = 1 } = place;
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = this.text.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`'${needle}' (${occurrence}) not in ${this.uri}`);
    }
    return at + shift;
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  positionOf(needle: string, shift = 0, occurrence = 1): Position {
    return this.document.positionAt(this.offsetOf({ needle, shift, occurrence }));
  }

  positionAfter(needle: string, occurrence = 1): Position {
    return this.positionOf(needle, needle.length, occurrence);
  }

  /** The text a range of an answer covers. */
  textIn(range: Range): string {
    return this.document.getText(range);
  }

  /** The diagnostics the server publishes for this version. */
  diagnostics(): Diagnostic[] {
    return answer(lspDiagnostics(this.uri, this.current));
  }

  hover(place: Place): Hover | null {
    const offset = this.offsetAt(place);
    const shown = offset === undefined ? null : hover(this.current, offset) ?? mathHover(this.current, offset);
    return answer(renderedHover(shown, hoverRenderingFor(this.clientName, this.settings.hoverCharts)));
  }

  /** The Markdown of the hover at `place`; fails when there is none, or when it is not Markdown. */
  hoverText(place: Place): string {
    const shown = this.hover(place);
    if (!shown || typeof shown.contents !== 'object' || !('kind' in shown.contents)) throw new Error(`no hover at ${JSON.stringify(place)}`);
    if (shown.contents.kind !== 'markdown') throw new Error(`a ${shown.contents.kind} hover at ${JSON.stringify(place)}`);
    return shown.contents.value;
  }

  completion(place: Place): CompletionItem[] | null {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? null : completion(this.current, offset, this.settings.significantDigits));
  }

  signatureHelp(place: Place): SignatureHelp | null {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? null : signatureHelp(this.current, offset));
  }

  definition(place: Place): Location | null {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? null : definition(this.uri, this.current, offset));
  }

  references(place: Place, includeDeclaration: boolean): Location[] {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? [] : references(this.uri, this.current, offset, includeDeclaration));
  }

  highlights(place: Place): DocumentHighlight[] {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? [] : documentHighlights(this.current, offset));
  }

  /** What prepareRename answers; a refusal throws its error, as the client's request rejects with it. */
  prepareRename(place: Place): { range: Range; placeholder: string } | null {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? null : prepareRename(this.current, offset));
  }

  /** What rename answers; a refusal throws its error, as the client's request rejects with it. */
  rename(place: Place, newName: string): WorkspaceEdit | null {
    const offset = this.offsetAt(place);
    return answer(offset === undefined ? null : rename(this.uri, this.current, offset, newName));
  }

  /** The code actions for `range`, given the diagnostics the editor shows there. */
  codeActions(range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const params = { textDocument: { uri: this.uri }, range, context: { diagnostics } };
    return answer([...codeActions(this.uri, this.current, params, this.settings.units), ...mathCodeActions(this.uri, this.current, params)]);
  }

  codeLenses(): CodeLens[] {
    return answer(showsLenses(this.settings) ? [...this.lenses.lenses(this.uri, this.current, this.settings.significantDigits), ...mathCodeLenses(this.current)] : []);
  }

  lensTitles(): string[] {
    return this.codeLenses().map((lens) => lens.command?.title ?? '');
  }

  /** The inlay hints in `range`; default: the whole document. */
  inlayHints(range: Range = { start: { line: 0, character: 0 }, end: { line: this.lineCount, character: 0 } }): InlayHint[] {
    const digits = this.settings.significantDigits;
    const values = showsInlayHints(this.settings) ? [...inlayHints(this.current, range, digits), ...mathInlayHints(this.current, range, digits)] : [];
    return answer([...values, ...proseInlayHints(this.current, range, digits)]);
  }

  semanticTokens(): SemanticTokens {
    return answer(this.tokens.full(this.uri, this.current));
  }

  semanticTokensDelta(previousResultId: string): SemanticTokens | SemanticTokensDelta {
    return answer(this.tokens.delta(this.uri, this.current, previousResultId));
  }

  documentSymbols(): DocumentSymbol[] {
    return answer(documentSymbols(this.current, this.settings.significantDigits));
  }

  foldingRanges(): FoldingRange[] {
    return answer(foldingRanges(this.current));
  }

  formatting(range?: Range): TextEdit[] {
    return answer(formatDocument(this.current, range));
  }

  /** The offset of a place, undefined where the server finds no position in the text (as past the last line). */
  private offsetAt(place: Place): number | undefined {
    return offsetOf(this.current, typeof place === 'object' && 'line' in place ? place : this.document.positionAt(this.offsetOf(place)));
  }

  private analyze(previous?: DocumentAnalysis): DocumentAnalysis {
    const kind = this.document.languageId === 'markdown' ? 'markdown' : 'kl';
    return analyze(this.text, kind, { defaultUnits: this.settings.units, limits: { maxElements: this.settings.maxElements } }, previous);
  }
}

/** An answer as the client receives it: a refusal is the request's error, anything else goes through JSON. */
function answer<T>(value: T | ResponseError<void>): T {
  if (value instanceof ResponseError) throw value;
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The document of a marked text and the offset of its (first) cursor. */
export function markedDocument(marked: string, options: FeatureOptions = {}): { document: FeatureDocument; offset: number; offsets: number[] } {
  const { text, offsets } = unmarked(marked);
  if (offsets.length === 0) throw new Error(`no ${CURSOR} in ${JSON.stringify(marked)}`);
  return { document: new FeatureDocument(text, options), offset: offsets[0], offsets };
}

export function hoverAt(marked: string, options?: FeatureOptions): Hover | null {
  const { document, offset } = markedDocument(marked, options);
  return document.hover(offset);
}

export function hoverTextAt(marked: string, options?: FeatureOptions): string {
  const { document, offset } = markedDocument(marked, options);
  return document.hoverText(offset);
}

export function completionAt(marked: string, options?: FeatureOptions): CompletionItem[] | null {
  const { document, offset } = markedDocument(marked, options);
  return document.completion(offset);
}

export function definitionAt(marked: string, options?: FeatureOptions): Location | null {
  const { document, offset } = markedDocument(marked, options);
  return document.definition(offset);
}

export function referencesAt(marked: string, includeDeclaration: boolean, options?: FeatureOptions): Location[] {
  const { document, offset } = markedDocument(marked, options);
  return document.references(offset, includeDeclaration);
}

export function renameAt(marked: string, newName: string, options?: FeatureOptions): WorkspaceEdit | null {
  const { document, offset } = markedDocument(marked, options);
  return document.rename(offset, newName);
}

export function prepareRenameAt(marked: string, options?: FeatureOptions): { range: Range; placeholder: string } | null {
  const { document, offset } = markedDocument(marked, options);
  return document.prepareRename(offset);
}
