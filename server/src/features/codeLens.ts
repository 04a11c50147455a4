// Code lenses above every expression, check and assigned measure. They stay
// put while the user types: a statement that does not evaluate right now keeps
// the lens it had (found by its unchanged text, or, for the line being edited,
// by its line) until it evaluates again, so no line jumps up and down.
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { resultText } from '../lsp/resultText';

export const COPY_VALUE_COMMAND = 'kl.copyValue';

const STALE_MARK = ' (before the edit)';

interface Shown {
  title: string;
  copy: string;
}

interface Memory {
  byText: Map<string, Shown>;
  byLine: Map<number, Shown>;
}

export class CodeLenses {
  private readonly memories = new Map<string, Memory>();
  private readonly computed = new WeakMap<Analysis, { digits: number; lenses: CodeLens[] }>();

  lenses(uri: string, analysis: Analysis, digits: number): CodeLens[] {
    const cached = this.computed.get(analysis);
    if (cached && cached.digits === digits) return cached.lenses;
    const memory = this.memories.get(uri);
    const next: Memory = { byText: new Map(), byLine: new Map() };
    const lenses: CodeLens[] = [];
    for (const analyzed of analysis.statements) {
      const start = analysis.lineIndex.positionAt(analyzed.source.offset);
      const line = start.line;
      const text = analyzed.source.text;
      let shown: Shown | undefined;
      let stale = false;
      const result = resultText(analyzed, digits);
      if (result) {
        shown = { title: result.title, copy: result.copy };
      } else if (analyzed.parsed.statement.kind !== 'directive' && memory) {
        shown = memory.byText.get(text) ?? memory.byLine.get(line);
        stale = shown !== undefined;
      }
      if (!shown) continue;
      next.byText.set(text, shown);
      next.byLine.set(line, shown);
      const title = stale ? `${shown.title}${STALE_MARK}` : shown.title;
      lenses.push({
        range: { start, end: start },
        command: {
          title,
          command: COPY_VALUE_COMMAND,
          arguments: [shown.copy],
          tooltip: stale ? 'This statement does not evaluate right now (see Problems); this was its value before the edit. Click to copy it.' : 'Click to copy the full-precision value',
        },
      });
    }
    this.memories.set(uri, next);
    this.computed.set(analysis, { digits, lenses });
    return lenses;
  }

  forget(uri: string): void {
    this.memories.delete(uri);
  }
}
