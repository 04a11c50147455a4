// Folding: `# region` … `# endregion` comment pairs (nested), and statements
// written over several lines (a long vector or matrix).
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';

const REGION_START = /^\s*#\s*region\b/;
const REGION_END = /^\s*#\s*endregion\b/;

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lines = analysis.lineIndex;
  for (const region of analysis.regions) {
    const open: number[] = [];
    const first = lines.positionAt(region.start).line;
    const last = lines.positionAt(region.end).line;
    for (let line = first; line <= last; line++) {
      const start = lines.lineStart(line);
      if (start < region.start || start >= region.end || !startsWithComment(analysis.text, start)) continue;
      const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : analysis.text.length;
      const text = analysis.text.slice(start, end);
      if (REGION_START.test(text)) open.push(line);
      else if (REGION_END.test(text) && open.length > 0) {
        ranges.push({ startLine: open.pop() as number, endLine: line, kind: FoldingRangeKind.Region });
      }
    }
  }
  for (const analyzed of analysis.statements) {
    if (!analyzed.source.text.includes('\n')) continue;
    const startLine = lines.positionAt(analyzed.source.offset).line;
    const endLine = lines.positionAt(analyzed.source.offset + analyzed.source.text.length).line;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** Blanks (as `\s` sees them, a BOM included) and `#`, matched where the line starts. */
const COMMENT_START = /[^\S\n]*#/y;

/**
 * Whether the line starting at `start` is a comment: only those can open or
 * close a region, so the others (all but a few of 10,000 lines, asked after
 * every edit) are not cut out of the text.
 */
function startsWithComment(text: string, start: number): boolean {
  COMMENT_START.lastIndex = start;
  return COMMENT_START.test(text);
}
