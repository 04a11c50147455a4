// Which name each statement of an analysis assigns and which names it reads,
// as small integers in arrays aligned with the statements. With them an edit
// finds the binding a statement reads (the last assignment above it) and the
// statements that read a changed name without visiting the statements in
// between: a scan of these arrays costs nanoseconds a statement, where
// following each statement's objects costs about a microsecond.
import type { Statement } from './ast';

/** What the names of a statement are taken from: its parse, the names it reads and the files it loads. */
export interface NamedStatement {
  statement: Statement;
  reads: readonly string[];
  loads: readonly string[];
}

/** Names as small integers, shared by the analyses of one document (a name keeps its number). */
export class NameNumbers {
  private readonly numbers = new Map<string, number>();

  get size(): number {
    return this.numbers.size;
  }

  of(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(name, number);
    }
    return number;
  }
}

const NONE = -1;

const NO_STATEMENTS = { assigned: new Int32Array(0), readStarts: new Int32Array(1), reads: new Int32Array(0), loaders: new Int32Array(0) };

export class StatementNames {
  /** For each name number, where its assignments start in `assignments` (one more entry than names). */
  private readonly assignmentStarts: Int32Array;
  /** The indices of the statements that assign each name, grouped by name, each group in document order. */
  private readonly assignments: Int32Array;

  private constructor(
    readonly numbers: NameNumbers,
    /** For each statement, the number of the name it assigns, or −1. */
    readonly assigned: Int32Array,
    /** For each statement, where the numbers of the names it reads start in `reads` (one more entry than statements). */
    readonly readStarts: Int32Array,
    readonly reads: Int32Array,
    /** The indices of the statements that load files, in order. */
    readonly loaders: Int32Array,
  ) {
    // A counting sort of the assignments by name: three passes over arrays of integers.
    const starts = new Int32Array(numbers.size + 1);
    for (let i = 0; i < assigned.length; i++) if (assigned[i] !== NONE) starts[assigned[i] + 1]++;
    for (let name = 0; name < numbers.size; name++) starts[name + 1] += starts[name];
    const next = starts.slice(0, numbers.size);
    const assignments = new Int32Array(starts[numbers.size]);
    for (let i = 0; i < assigned.length; i++) if (assigned[i] !== NONE) assignments[next[assigned[i]]++] = i;
    this.assignmentStarts = starts;
    this.assignments = assignments;
  }

  static of(statements: readonly NamedStatement[], numbers: NameNumbers): StatementNames {
    return StatementNames.splice(numbers, NO_STATEMENTS, 0, 0, statements);
  }

  get count(): number {
    return this.assigned.length;
  }

  /** These names with those of the statements [from, to) replaced by the names of `statements`. */
  spliced(from: number, to: number, statements: readonly NamedStatement[]): StatementNames {
    return StatementNames.splice(this.numbers, this, from, to, statements);
  }

  /** The index of the last statement before `index` that assigns the name numbered `name`, or −1. */
  lastAssignmentBefore(name: number, index: number): number {
    if (name + 1 >= this.assignmentStarts.length) return NONE;
    const first = this.assignmentStarts[name];
    let low = first;
    let high = this.assignmentStarts[name + 1];
    // The first of the name's assignments at or after `index`: the one before it is the answer.
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.assignments[mid] < index) low = mid + 1;
      else high = mid;
    }
    return low > first ? this.assignments[low - 1] : NONE;
  }

  /** Whether the statement at `index` reads a name whose number is marked with 1 in `marked`. */
  readsMarked(index: number, marked: Uint8Array): boolean {
    for (let i = this.readStarts[index]; i < this.readStarts[index + 1]; i++) if (marked[this.reads[i]] === 1) return true;
    return false;
  }

  private static splice(numbers: NameNumbers, before: Pick<StatementNames, 'assigned' | 'readStarts' | 'reads' | 'loaders'>, from: number, to: number, statements: readonly NamedStatement[]): StatementNames {
    const oldCount = before.assigned.length;
    const inserted = statements.length;
    const moved = from + inserted - to;
    const count = oldCount + moved;

    const assigned = new Int32Array(count);
    assigned.set(before.assigned.subarray(0, from));
    for (let i = 0; i < inserted; i++) {
      const statement = statements[i].statement;
      assigned[from + i] = statement.kind === 'assignment' ? numbers.of(statement.name) : NONE;
    }
    assigned.set(before.assigned.subarray(to), from + inserted);

    let insertedReads = 0;
    for (const statement of statements) insertedReads += statement.reads.length;
    const readsFrom = before.readStarts[from];
    const readsTo = before.readStarts[to];
    const reads = new Int32Array(readsFrom + insertedReads + before.reads.length - readsTo);
    reads.set(before.reads.subarray(0, readsFrom));
    const readStarts = new Int32Array(count + 1);
    readStarts.set(before.readStarts.subarray(0, from + 1));
    let at = readsFrom;
    for (let i = 0; i < inserted; i++) {
      for (const name of statements[i].reads) reads[at++] = numbers.of(name);
      readStarts[from + i + 1] = at;
    }
    reads.set(before.reads.subarray(readsTo), at);
    for (let i = to + 1; i <= oldCount; i++) readStarts[i + moved] = before.readStarts[i] - readsTo + at;

    const loaders: number[] = [];
    for (const index of before.loaders) if (index < from) loaders.push(index);
    for (let i = 0; i < inserted; i++) if (statements[i].loads.length > 0) loaders.push(from + i);
    for (const index of before.loaders) if (index >= to) loaders.push(index + moved);
    return new StatementNames(numbers, assigned, readStarts, reads, Int32Array.from(loaders));
  }
}
