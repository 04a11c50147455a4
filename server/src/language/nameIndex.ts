// Where each name is assigned and read, in document offsets. Built once per
// analysis, when a feature first needs it (references, rename, highlights).
import { statementAt, type Analysis, type AnalyzedStatement } from './analysis';
import { statementExpressions, walkExpression } from './ast';
import type { Binding } from './context';
import { shiftSpan, type Span } from './span';

export interface NameOccurrence {
  name: string;
  span: Span;
  role: 'definition' | 'use';
  /** For a definition, the binding it made; for a use, the binding it read (absent: unknown name or a constant). */
  binding?: Binding;
  statement: AnalyzedStatement;
}

/** The names of one statement, in source order. */
function namesOf(analyzed: AnalyzedStatement): NameOccurrence[] {
  const statement = analyzed.parsed.statement;
  const offset = analyzed.source.offset;
  const occurrences: NameOccurrence[] = [];
  if (statement.kind === 'assignment') {
    occurrences.push({ name: statement.name, span: shiftSpan(statement.nameSpan, offset), role: 'definition', binding: analyzed.binding, statement: analyzed });
  }
  for (const expression of statementExpressions(statement)) {
    walkExpression(expression, (node) => {
      if (node.type === 'name') {
        occurrences.push({ name: node.name, span: shiftSpan(node.span, offset), role: 'use', binding: analyzed.inputs.get(node.name), statement: analyzed });
      }
    });
  }
  return occurrences.sort((a, b) => a.span.start - b.span.start);
}

/** The name under the cursor (touching either end of it counts, as editors place the caret). */
export function nameAt(analysis: Analysis, offset: number): NameOccurrence | undefined {
  const analyzed = statementAt(analysis, offset);
  if (!analyzed) return undefined;
  return namesOf(analyzed).find((occurrence) => occurrence.span.start <= offset && offset <= occurrence.span.end);
}

const indexes = new WeakMap<Analysis, Map<string, NameOccurrence[]>>();

/** Every occurrence of every name, grouped by name, in document order. */
export function occurrencesByName(analysis: Analysis): Map<string, NameOccurrence[]> {
  let index = indexes.get(analysis);
  if (!index) {
    index = new Map();
    for (const analyzed of analysis.statements) {
      for (const occurrence of namesOf(analyzed)) {
        const list = index.get(occurrence.name);
        if (list) list.push(occurrence);
        else index.set(occurrence.name, [occurrence]);
      }
    }
    indexes.set(analysis, index);
  }
  return index;
}

/** The occurrences that are the user's own name (assigned somewhere in the document), not a constant like `pi`. */
export function isUserName(analysis: Analysis, name: string): boolean {
  return (occurrencesByName(analysis).get(name) ?? []).some((occurrence) => occurrence.role === 'definition');
}
