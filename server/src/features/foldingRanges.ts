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
      if (start < region.start || start >= region.end) continue;
      const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : analysis.text.length;
      const text = analysis.text.slice(start, end);
      if (REGION_START.test(text)) open.push(line);
      else if (REGION_END.test(text) && open.length > 0) {
        ranges.push({ startLine: open.pop() as number, endLine: line, kind: FoldingRangeKind.Region });
      }
    }
  }
  for (const analyzed of analysis.statements) {
    const startLine = lines.positionAt(analyzed.source.offset).line;
    const endLine = lines.positionAt(analyzed.source.offset + analyzed.source.text.length).line;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
