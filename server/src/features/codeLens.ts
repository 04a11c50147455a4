// Code lenses above every expression, check and assigned measure. They stay
// put while the user types: a statement that does not evaluate right now keeps
// the lens it had (found by its unchanged text, or, for the line being edited,
// by its line) until it evaluates again, so no line jumps up and down.
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../language/analysis';
import type { StatementResult } from '../language/statementEvaluation';
import { PENDING_TEXT, resultText } from '../lsp/resultText';

const COPY_VALUE_COMMAND = 'kl.copyValue';

const STALE_MARK = ' (before the edit)';

interface Shown {
  title: string;
  copy: string;
}

/**
 * A document's last answer: each lens with the text of its statement and what
 * it showed. Looked up by text or line only when a statement stops evaluating,
 * so the index is built then, not on every answer.
 */
class LastAnswer {
  private byText: Map<string, Shown> | undefined;
  private byLine: Map<number, Shown> | undefined;

  constructor(
    private readonly lenses: readonly CodeLens[],
    private readonly texts: readonly string[],
    private readonly shown: readonly Shown[],
  ) {}

  byStatementText(text: string): Shown | undefined {
    return this.index().byText.get(text);
  }

  byStatementLine(line: number): Shown | undefined {
    return this.index().byLine.get(line);
  }

  private index(): { byText: Map<string, Shown>; byLine: Map<number, Shown> } {
    if (!this.byText || !this.byLine) {
      this.byText = new Map();
      this.byLine = new Map();
      for (let i = 0; i < this.lenses.length; i++) {
        this.byText.set(this.texts[i], this.shown[i]);
        this.byLine.set(this.lenses[i].range.start.line, this.shown[i]);
      }
    }
    return { byText: this.byText, byLine: this.byLine };
  }
}

export class CodeLenses {
  private readonly lastAnswers = new Map<string, LastAnswer>();
  private readonly computed = new WeakMap<Analysis, { digits: number; lenses: CodeLens[] }>();
  /**
   * The lens of each result, reused while it stays on the same line with the same title: after an
   * edit, only the lenses of the statements it changed or moved are made again (a 10,000-line
   * note answers 6,666 lenses per edit, which otherwise were all new objects).
   */
  private readonly lensOfResult = new WeakMap<StatementResult, CodeLens>();

  lenses(uri: string, analysis: Analysis, digits: number): CodeLens[] {
    const cached = this.computed.get(analysis);
    if (cached && cached.digits === digits) return cached.lenses;
    const last = this.lastAnswers.get(uri);
    const lenses: CodeLens[] = [];
    const texts: string[] = [];
    const shownTexts: Shown[] = [];
    // Not remembered as a value shown: a statement that stops evaluating never gets `⋯ computing (before the edit)`.
    const pendingLenses: CodeLens[] = [];
    const showStale = (line: number, text: string, shown: Shown) => {
      const start = { line, character: 0 };
      lenses.push({
        range: { start, end: start },
        command: {
          title: `${shown.title}${STALE_MARK}`,
          command: COPY_VALUE_COMMAND,
          arguments: [shown.copy],
          tooltip: 'This statement does not evaluate right now (see Problems); this was its value before the edit. Click to copy it.',
        },
      });
      texts.push(text);
      shownTexts.push(shown);
    };
    for (const analyzed of analysis.statements) {
      const line = analysis.lineIndex.positionAt(analyzed.source.offset).line;
      const text = analyzed.source.text;
      if (analyzed.result.pending) {
        // A label, not a link: there is nothing to copy yet.
        pendingLenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title: PENDING_TEXT.title, command: '', tooltip: PENDING_TEXT.explanation } });
        continue;
      }
      const result = resultText(analyzed, digits);
      if (result) {
        let lens = this.lensOfResult.get(analyzed.result);
        if (!lens || lens.range.start.line !== line || lens.command?.title !== result.title) {
          const start = { line, character: 0 };
          lens = { range: { start, end: start }, command: { title: result.title, command: COPY_VALUE_COMMAND, arguments: [result.copy] } };
          this.lensOfResult.set(analyzed.result, lens);
        }
        lenses.push(lens);
        texts.push(text);
        shownTexts.push(result);
        continue;
      }
      if (!last || analyzed.parsed.statement.kind === 'directive') continue;
      const remembered = last.byStatementText(text) ?? last.byStatementLine(line);
      if (remembered) showStale(line, text, remembered);
      if (analyzed.parsed.diagnostics.length > 0 && text.includes('\n')) {
        // A half-typed bracket swallows the lines below it into one broken statement for a moment:
        // the statements those lines were keep their lenses.
        text.split('\n').forEach((lineText, i) => {
          const shown = i > 0 ? last.byStatementText(lineText.replace(/\r$/, '')) : undefined;
          if (shown) showStale(line + i, lineText.replace(/\r$/, ''), shown);
        });
      }
    }
    this.lastAnswers.set(uri, new LastAnswer(lenses, texts, shownTexts));
    const answer = pendingLenses.length > 0 ? lenses.concat(pendingLenses) : lenses;
    this.computed.set(analysis, { digits, lenses: answer });
    return answer;
  }

  forget(uri: string): void {
    this.lastAnswers.delete(uri);
  }
}
