// The `kl` fenced blocks of a Markdown note (CommonMark fences: ``` or ~~~,
// up to three spaces of indent, closed by the same character at least as long).
import type { Span } from './span';

export interface CodeRegion {
  /** Where the KL code starts and ends in the document: the block body, without its fences. */
  span: Span;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$/;

/** The bodies of the note's ```` ```kl ```` blocks, in order. An unclosed fence runs to the end. */
export function findKlBlocks(text: string): CodeRegion[] {
  return scanFences(text).regions;
}

/** The marker (```` ``` ````, `~~~~`…) of a fence still open at the end of the text, of any language. */
export function unclosedFence(text: string): string | undefined {
  return scanFences(text).open;
}

function scanFences(text: string): { regions: CodeRegion[]; open?: string } {
  const regions: CodeRegion[] = [];
  let offset = 0;
  let open: { marker: string; kl: boolean; bodyStart: number } | undefined;
  while (offset <= text.length) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    if (!open) {
      const match = FENCE_OPEN.exec(line);
      if (match && !(match[2][0] === '`' && match[3].includes('`'))) {
        open = { marker: match[2], kl: match[3].toLowerCase() === 'kl', bodyStart: Math.min(lineEnd + 1, text.length) };
      }
    } else if (isClosingFence(line, open.marker)) {
      if (open.kl) regions.push({ span: { start: open.bodyStart, end: Math.max(open.bodyStart, offset) } });
      open = undefined;
    }
    if (lineEnd >= text.length) break;
    offset = lineEnd + 1;
  }
  if (open?.kl) regions.push({ span: { start: open.bodyStart, end: text.length } });
  return { regions, open: open?.marker };
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.replace(/^ {0,3}/, '');
  if (!trimmed.startsWith(marker[0].repeat(marker.length))) return false;
  let i = 0;
  while (trimmed[i] === marker[0]) i++;
  return trimmed.slice(i).trim() === '';
}

/** Whether a Markdown text has at least one `kl` fence (cheap: used to decide activation and serving). */
export function hasKlBlock(text: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})[ \t]*kl\b/im.test(text);
}
