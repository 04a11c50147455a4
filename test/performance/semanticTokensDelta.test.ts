// VS Code keeps the semantic tokens of a document and, after each edit, asks
// for the change since its last answer. Whatever the user types, the answer
// applied to what VS Code holds must give the tokens of a fresh open of the
// same text; and an edit of one line of a long note answers a few numbers.
import { describe, expect, it } from 'vitest';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import { type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { SemanticTokensSender, semanticTokens } from '../../server/src/features/semanticTokens';

const URI = 'file:///tokens.kl';

const START = ['units bits', 'P = [0.5, 0.25, 0.25]', 'Q = {a: 0.5, b: 0.5}', 'R = [', '  0.2, 0.8', ']', 'KL(P || [0.25, 0.5, 0.25]) ≈ 0.25', 'H(Q) + pi', 'e = 2', 'x = CE(P, softmax([1, e, 3]))'].join('\n');

const PIECES = ['P', 'Q', 'e', 'pi', 'x', ' ', '\n', '\n\n', '[', ']', '(', ')', '{', '}', ',', '0.', '5', '||', '≈', '=', 'KL(', 'H(', 'e = ', 'pi = 3\n', '#', '"', 'ŷ', 'units '];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

/** What VS Code does with a delta answer: splice each edit into the data it holds. */
function applied(data: number[], answer: SemanticTokens | SemanticTokensDelta): number[] {
  if ('data' in answer) return [...answer.data];
  const patched = [...data];
  for (const edit of [...answer.edits].reverse()) patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return patched;
}

describe('semantic tokens after an edit', () => {
  it.each([1, 2, 3, 4, 5, 6])('patched by the delta, equal those of a fresh open (seed %i)', (seed) => {
    const next = random(seed);
    const sender = new SemanticTokensSender();
    let text = START;
    let analysis: Analysis = analyze(text, 'kl');
    let held = sender.full(URI, analysis);
    let data = held.data;
    for (let step = 0; step < 150; step++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = next() < 0.3 ? Math.min(text.length, start + Math.floor(next() * 8)) : start;
      const piece = next() < 0.8 ? PIECES[Math.floor(next() * PIECES.length)] : '';
      text = text.slice(0, start) + piece + text.slice(end);
      analysis = analyze(text, 'kl', undefined, analysis);
      const answer = sender.delta(URI, analysis, held.resultId as string);
      data = applied(data, answer);
      held = { resultId: answer.resultId, data };
      expect(data, `after step ${step}: ${JSON.stringify(text)}`).toEqual(semanticTokens(analyze(text, 'kl')).data);
    }
  });

  it('of one digit in a 2,000-line note is one short edit, and none when nothing changed', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `P${i} = [0.5, 0.5]\nH(P${i})`).join('\n');
    const sender = new SemanticTokensSender();
    const before = analyze(text, 'kl');
    const first = sender.full(URI, before);
    const after = analyze(text.replace('P500 = [0.5, 0.5]', 'P500 = [0.4, 0.6]'), 'kl', undefined, before);
    const delta = sender.delta(URI, after, first.resultId as string) as SemanticTokensDelta;
    expect(delta.edits).toHaveLength(1);
    expect(delta.edits[0].data?.length).toBeLessThanOrEqual(10);
    expect(sender.delta(URI, after, delta.resultId as string)).toEqual({ resultId: delta.resultId, edits: [] });
  });

  it('of edits far apart (a replace-all) is the stretch between them, applied right', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `P${i} = [0.5, 0.5]\nH(P${i}) + pi`).join('\n');
    const sender = new SemanticTokensSender();
    const before = analyze(text, 'kl');
    const first = sender.full(URI, before);
    const edited = text.replace('P10 = [0.5, 0.5]', 'P10 = [0.5, 0.5, 0]').replace('H(P900) + pi', 'H(P900)\npi = 3');
    const delta = sender.delta(URI, analyze(edited, 'kl', undefined, before), first.resultId as string);
    expect(applied(first.data, delta)).toEqual(semanticTokens(analyze(edited, 'kl')).data);
  });
});
