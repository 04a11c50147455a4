// What the Markdown preview draws beside a note (`kl/noteRendering`): the
// editor's own code lens titles, semantic tokens, formula verdicts and values
// in prose (with the inlay hints' digits) for one document version, read off
// its one analysis. The preview computes nothing:
// it shows what the editor shows.
import type { CodeLens } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../notes/documentAnalysis';
import type { NoteRendering } from '../lsp/klProtocol';
import { lensTitle, relationText } from './mathChecks';
import { proseFullText, proseLabel } from './proseValues';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semanticTokens';

export function noteRendering(analysis: DocumentAnalysis, version: number, lenses: readonly CodeLens[], digits: number): NoteRendering {
  const formulas = (analysis.math?.formulas ?? [])
    .filter((formula) => formula.relations.length > 0)
    .map((formula) => ({
      line: analysis.lineIndex.positionAt(formula.region.span.start).line,
      content: analysis.text.slice(formula.region.content.start, formula.region.content.end),
      display: formula.region.display,
      pass: formula.relations.every((relation) => relation.pass),
      title: lensTitle(formula),
      relations: formula.relations.map((relation) => relationText(formula, relation)),
    }));
  return {
    version,
    pending: analysis.pending !== undefined,
    values: lenses.flatMap((lens) => (lens.command ? [{ line: lens.range.start.line, title: lens.command.title }] : [])),
    tokens: semanticTokens(analysis).data,
    tokenTypes: SEMANTIC_TOKENS_LEGEND.tokenTypes,
    formulas,
    prose: (analysis.prose?.values ?? []).map((prose) => ({
      line: analysis.lineIndex.positionAt(prose.span.start).line,
      content: analysis.text.slice(prose.span.start, prose.span.end),
      value: proseLabel(prose, digits),
      title: proseFullText(prose),
      error: prose.value === undefined,
    })),
  };
}
