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

export class StatementNames {
  /** For each name number, where its assignments start in `assignments` (one more entry than names). */
  private readonly assignmentStarts: Int32Array;
  /** The indices of the statements that assign each name, grouped by name, each group in document order. */
  private readonly assignments: Int32Array;

  constructor(
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

  get count(): number {
    return this.assigned.length;
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
}

/**
 * Collects the names of statements in document order, as they are parsed
 * (each parse is read once, while it is still in the cache), or those of a
 * previous analysis's statements, taken as they were.
 */
export class StatementNamesBuilder {
  private readonly assigned: number[] = [];
  private readonly readStarts: number[] = [0];
  private readonly reads: number[] = [];
  private readonly loaders: number[] = [];

  constructor(private readonly numbers: NameNumbers) {}

  add({ statement, reads, loads }: NamedStatement): void {
    if (loads.length > 0) this.loaders.push(this.assigned.length);
    this.assigned.push(statement.kind === 'assignment' ? this.numbers.of(statement.name) : NONE);
    for (let i = 0; i < reads.length; i++) this.reads.push(this.numbers.of(reads[i]));
    this.readStarts.push(this.reads.length);
  }

  /** Adds the statements [from, to) of `names`, which has the same numbers. */
  addFrom(names: StatementNames, from: number, to: number): void {
    const index = this.assigned.length;
    for (let i = from; i < to; i++) this.assigned.push(names.assigned[i]);
    const readsFrom = names.readStarts[from];
    for (let i = readsFrom; i < names.readStarts[to]; i++) this.reads.push(names.reads[i]);
    const readShift = this.reads.length - names.readStarts[to];
    for (let i = from + 1; i <= to; i++) this.readStarts.push(names.readStarts[i] + readShift);
    for (const loader of names.loaders) if (loader >= from && loader < to) this.loaders.push(loader - from + index);
  }

  build(): StatementNames {
    return new StatementNames(this.numbers, Int32Array.from(this.assigned), Int32Array.from(this.readStarts), Int32Array.from(this.reads), Int32Array.from(this.loaders));
  }
}
