// Positions in the engine are UTF-16 offsets, like JavaScript strings and LSP.
import type { TextChange } from './textChange';

/** A half-open range of offsets `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** A 0-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** Maps offsets of one text to line/column positions and back, in O(log lines). */
export class LineIndex {
  private readonly lineStarts: number[];

  /** `lineStarts`: the offset of every line's start, when already found (`lineIndexSteps`). */
  constructor(private readonly text: string, lineStarts?: number[]) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const steps = lineStartSteps(text);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        this.lineStarts = step.value;
        return;
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextLineStart));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /**
   * The index of `text`, which is this index's text changed by `change`: the
   * lines before the change are where they were, those after it moved by its
   * change of length, and only the changed stretch is searched for line breaks.
   */
  edited(text: string, change: TextChange): LineIndex {
    const starts = this.lineStarts;
    // The starts up to the change's start (their line breaks are before it) stand.
    let kept = 0;
    let high = starts.length;
    while (kept < high) {
      const mid = (kept + high) >> 1;
      if (starts[mid] <= change.start) kept = mid + 1;
      else high = mid;
    }
    const edited = starts.slice(0, kept);
    for (let i = text.indexOf('\n', change.start); i >= 0 && i < change.newEnd; i = text.indexOf('\n', i + 1)) edited.push(i + 1);
    // The starts after the change (their line breaks are at or after its end) moved with it.
    const shift = change.newEnd - change.oldEnd;
    let moved = kept;
    while (moved < starts.length && starts[moved] <= change.oldEnd) moved++;
    for (; moved < starts.length; moved++) edited.push(starts[moved] + shift);
    return new LineIndex(text, edited);
  }
}

/** A text's line index, built a slice at a time: a 20 MB text of short lines takes about a second here. */
export function* lineIndexSteps(text: string): Generator<void, LineIndex> {
  return new LineIndex(text, yield* lineStartSteps(text));
}

// indexOf, not a loop over charCodeAt: the engine's own search is several times faster.
function* lineStartSteps(text: string): Generator<void, number[]> {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
    if ((starts.length & 0xffff) === 0) yield;
  }
  return starts;
}
