// Which statement of the previous analysis a statement split again is: its
// counterpart's parse and result are reused when nothing it depends on changed.
import type { SourceStatement } from '../statements';
import type { Analysis } from './analysisData';

/**
 * Where each statement split from the text was in the previous analysis,
 * among the statements [from, to) it replaces. An edit leaves a run of
 * statements at the start where they were (same text, same offset), and a run
 * at the end moved by the change of length; only between them are statements
 * looked for by their text (a pasted or moved block).
 */
export class Counterparts {
  private readonly before: number;
  private readonly after: number;
  /** The statements between the runs not taken yet, by text: for each text, their indices from the last to the first. */
  private byText: Map<string, number[]> | undefined;

  constructor(
    private readonly previous: Analysis,
    private readonly split: readonly SourceStatement[],
    private readonly from: number,
    private readonly to: number,
    shift: number,
  ) {
    const old = previous.statements;
    const most = Math.min(to - from, split.length);
    let before = 0;
    while (before < most && old[from + before].source.offset === split[before].offset && old[from + before].source.text === split[before].text) before++;
    let after = 0;
    while (after < most - before) {
      const was = old[to - 1 - after].source;
      const now = split[split.length - 1 - after];
      if (was.offset + shift !== now.offset || was.text !== now.text) break;
      after++;
    }
    this.before = before;
    this.after = after;
  }

  /** Whether the split statement `k` and all above it are where they were, with the same text. */
  unchangedAt(k: number): boolean {
    return k < this.before;
  }

  /**
   * The index in the previous analysis of split statement `k`, whose text is
   * `text`, or −1. Asked once for each `k`: a statement found by its text is
   * taken, so that two statements of the same text have two counterparts (or
   * one is new), each with its own result, as in a fresh analysis.
   */
  of(k: number, text: string): number {
    if (k < this.before) return this.from + k;
    const fromEnd = this.split.length - k;
    if (fromEnd <= this.after) return this.to - fromEnd;
    if (!this.byText) {
      this.byText = new Map();
      for (let i = this.to - this.after - 1; i >= this.from + this.before; i--) {
        const text = this.previous.statements[i].source.text;
        const same = this.byText.get(text);
        if (same) same.push(i);
        else this.byText.set(text, [i]);
      }
    }
    return this.byText.get(text)?.pop() ?? -1;
  }
}
