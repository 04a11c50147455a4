// `kl-lens render NOTE -o NOTE.html`: a note (or a notebook's Markdown cells)
// as the self-contained page of render/noteHtml.ts, with the values and
// verdicts VS Code's preview shows: the code lenses' titles for the same
// analysis (features/codeLens.ts) and its values in prose, at the default
// significant digits.
import { basename } from 'node:path';
import type { DocumentAnalysis } from '../notes/documentAnalysis';
import { CodeLenses } from '../features/codeLens';
import { noteRendering } from '../features/noteRendering';
import { DEFAULT_SETTINGS } from '../lsp/settings';
import { noteHtml } from '../render/noteHtml';

/** The page of a note whose analysis is `analysis` (of exactly `markdown`). */
export function renderedNote(file: string, markdown: string, analysis: DocumentAnalysis, previewStyles: string): string {
  const lenses = new CodeLenses().lenses(file, analysis, DEFAULT_SETTINGS.significantDigits);
  return noteHtml({ markdown, rendering: noteRendering(analysis, 0, lenses, DEFAULT_SETTINGS.significantDigits), title: basename(file), previewStyles });
}
