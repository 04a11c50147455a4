// Code lenses above every expression, check and assigned measure. They stay
// put while the user types: a statement that does not evaluate right now keeps
// the lens it had (found by its unchanged text, or, for the line being edited,
// by its line) until it evaluates again, so no line jumps up and down.
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import { PENDING_TEXT, resultText } from '../lsp/resultText';

const COPY_VALUE_COMMAND = 'kl.copyValue';

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
    const show = (line: number, text: string, shown: Shown, stale: boolean) => {
      next.byText.set(text, shown);
      next.byLine.set(line, shown);
      const start = { line, character: 0 };
      lenses.push({
        range: { start, end: start },
        command: {
          title: stale ? `${shown.title}${STALE_MARK}` : shown.title,
          command: COPY_VALUE_COMMAND,
          arguments: [shown.copy],
          ...(stale ? { tooltip: 'This statement does not evaluate right now (see Problems); this was its value before the edit. Click to copy it.' } : {}),
        },
      });
    };
    for (const analyzed of analysis.statements) {
      const line = analysis.lineIndex.positionAt(analyzed.source.offset).line;
      const text = analyzed.source.text;
      if (analyzed.result.pending) {
        // A label, not a link: there is nothing to copy yet.
        lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title: PENDING_TEXT.title, command: '', tooltip: PENDING_TEXT.explanation } });
        continue;
      }
      const result = resultText(analyzed, digits);
      if (result) {
        show(line, text, { title: result.title, copy: result.copy }, false);
        continue;
      }
      if (!memory || analyzed.parsed.statement.kind === 'directive') continue;
      const remembered = memory.byText.get(text) ?? memory.byLine.get(line);
      if (remembered) show(line, text, remembered, true);
      if (analyzed.parsed.diagnostics.length > 0 && text.includes('\n')) {
        // A half-typed bracket swallows the lines below it into one broken statement for a moment:
        // the statements those lines were keep their lenses.
        text.split('\n').forEach((lineText, i) => {
          const shown = i > 0 ? memory.byText.get(lineText.replace(/\r$/, '')) : undefined;
          if (shown) show(line + i, lineText.replace(/\r$/, ''), shown, true);
        });
      }
    }
    this.memories.set(uri, next);
    this.computed.set(analysis, { digits, lenses });
    return lenses;
  }

  forget(uri: string): void {
    this.memories.delete(uri);
  }
}
