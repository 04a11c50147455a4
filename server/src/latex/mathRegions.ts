// The math of a Markdown note: `$…$`, `$$…$$`, `\(…\)` and `\[…\]`, found the
// way Markdown renderers with math (markdown-it-katex, Pandoc) find them, and
// never inside code: fenced blocks (so also the `kl` blocks), code spans, HTML
// comments and the YAML front matter are skipped.
//
// Inline `$…$` follows Pandoc's rule, which keeps prices out of math: the
// opening `$` is not followed by a space, the closing one is not preceded by a
// space and not followed by a digit. No math crosses a blank line (TeX refuses
// a paragraph break inside math, and it keeps every search local). `\$` is a
// dollar sign, not a delimiter. An opener that is never closed is text.
import type { Span } from '../language/span';

export interface MathRegion {
  /** The formula with its delimiters. */
  span: Span;
  /** The LaTeX between the delimiters. */
  content: Span;
  /** `$$…$$` and `\[…\]`. */
  display: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Whether the text could hold math at all: the cheap test that keeps notes without math free. */
function mayHoldMath(text: string): boolean {
  return text.includes('$') || text.includes('\\(') || text.includes('\\[');
}

export function findMathRegions(text: string): MathRegion[] {
  if (!mayHoldMath(text)) return [];
  return scanNote(text).regions;
}

/**
 * The code spans of a note's text (outside fences, math, HTML comments and the
 * front matter), found by the same scan as its math: the content of each, the
 * text between its backtick runs.
 */
export function findCodeSpans(text: string): { span: Span; content: Span }[] {
  if (!text.includes('`')) return [];
  return scanNote(text, []).codeSpans ?? [];
}

function scanNote(text: string, codeSpans?: { span: Span; content: Span }[]): { regions: MathRegion[]; codeSpans?: { span: Span; content: Span }[] } {
  const regions: MathRegion[] = [];
  const paragraphs = new ParagraphEnds(text);
  const closers = new CloserSearch(text);
  let i = frontMatterEnd(text);
  while (i < text.length) {
    if (i === 0 || text[i - 1] === '\n') {
      const fenceEnd = fencedBlockEnd(text, i);
      if (fenceEnd !== undefined) {
        i = fenceEnd;
        continue;
      }
    }
    const ch = text[i];
    if (ch === '`') {
      const end = codeSpanEnd(text, i, paragraphs.after(i));
      let run = 0;
      while (text[i + run] === '`') run++;
      if (codeSpans && end > i + run) codeSpans.push({ span: { start: i, end }, content: { start: i + run, end: end - run } });
      i = end;
      continue;
    }
    if (ch === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      i = close < 0 ? text.length : close + 3;
      continue;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const closer = next === '(' ? '\\)' : '\\]';
        const close = closers.find(i + 2, closer, paragraphs.after(i));
        if (close !== undefined) {
          regions.push({ span: { start: i, end: close + 2 }, content: { start: i + 2, end: close }, display: next === '[' });
          i = close + 2;
          continue;
        }
      }
      // `\$`, `\\`, `\``…: an escaped character is text.
      i += 2;
      continue;
    }
    if (ch === '$') {
      const limit = paragraphs.after(i);
      const region = text[i + 1] === '$' ? displayDollars(closers, i, limit) : inlineDollars(text, i, limit);
      if (region) {
        regions.push(region);
        i = region.span.end;
      } else {
        i += text[i + 1] === '$' ? 2 : 1;
      }
      continue;
    }
    i++;
  }
  return { regions, ...(codeSpans ? { codeSpans } : {}) };
}

/** `---` on the first line opens YAML front matter, closed by `---` or `...` on a line of its own. */
function frontMatterEnd(text: string): number {
  if (!/^---[ \t]*\r?\n/.test(text)) return 0;
  const close = /\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
  return close ? 3 + close.index + close[0].length : 0;
}

/** If a fence opens at `lineStart`, the offset after its closing line (or the end of the text). */
function fencedBlockEnd(text: string, lineStart: number): number | undefined {
  const firstLineEnd = lineEnd(text, lineStart);
  const open = FENCE.exec(text.slice(lineStart, firstLineEnd));
  if (!open) return undefined;
  const marker = open[1];
  // A backtick fence's info string cannot hold a backtick: then it is a code span, not a fence.
  if (marker[0] === '`' && text.slice(lineStart + open[0].length, firstLineEnd).includes('`')) return undefined;
  let start = firstLineEnd + 1;
  while (start < text.length) {
    const end = lineEnd(text, start);
    const line = text.slice(start, end).replace(/^ {0,3}/, '');
    let run = 0;
    while (line[run] === marker[0]) run++;
    if (run >= marker.length && line.slice(run).trim() === '') return Math.min(end + 1, text.length);
    start = end + 1;
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** After a code span opened at `start` (a run of n backticks closed by a run of exactly n), or after the run if it is never closed. */
function codeSpanEnd(text: string, start: number, limit: number): number {
  let run = 0;
  while (text[start + run] === '`') run++;
  let i = start + run;
  while (i < limit) {
    const next = text.indexOf('`', i);
    if (next < 0 || next >= limit) break;
    let closing = 0;
    while (text[next + closing] === '`') closing++;
    if (closing === run) return next + closing;
    i = next + closing;
  }
  return start + run;
}

/** Where paragraphs end (blank lines), found once, so that every search for a closer is local. */
class ParagraphEnds {
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const blank = /\n[ \t]*\r?\n/g;
    for (let match = blank.exec(text); match; match = blank.exec(text)) {
      this.ends.push(match.index);
      blank.lastIndex = match.index + 1;
    }
  }

  /** The end of the paragraph holding `offset`. */
  after(offset: number): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.ends[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low < this.ends.length ? this.ends[low] : this.text.length;
  }
}

function displayDollars(closers: CloserSearch, start: number, limit: number): MathRegion | undefined {
  const close = closers.find(start + 2, '$$', limit);
  if (close === undefined) return undefined;
  return { span: { start, end: close + 2 }, content: { start: start + 2, end: close }, display: true };
}

function inlineDollars(text: string, start: number, limit: number): MathRegion | undefined {
  const first = text[start + 1];
  if (first === undefined || /\s/.test(first)) return undefined;
  let i = start + 1;
  while (i < limit) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '$') {
      const before = text[i - 1];
      const after = text[i + 1];
      if (!/\s/.test(before) && !(after !== undefined && /[0-9]/.test(after))) {
        return { span: { start, end: i + 1 }, content: { start: start + 1, end: i }, display: false };
      }
      // `$` that cannot close cannot be inside inline math either: the opener was a dollar sign.
      return undefined;
    }
    i++;
  }
  return undefined;
}

/**
 * Finds closing delimiters, remembering where one was not found: a search
 * that failed from `from` to the end of the paragraph fails from any later
 * offset too, so many openers without a closer cost one scan, not one each.
 */
class CloserSearch {
  private readonly failed = new Map<string, { from: number; limit: number }>();

  constructor(private readonly text: string) {}

  /** The offset of `closer` from `from` on, before `limit`, stepping over escaped characters (`\$`, `\\`). */
  find(from: number, closer: string, limit: number): number | undefined {
    const known = this.failed.get(closer);
    if (known && known.limit === limit && from >= known.from) return undefined;
    for (let i = from; i < limit; i += this.text[i] === '\\' ? 2 : 1) {
      if (this.text.startsWith(closer, i)) return i;
    }
    this.failed.set(closer, { from, limit });
    return undefined;
  }
}
