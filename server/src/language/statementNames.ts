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
 * (each parse is read once, while it is still in the cache), and runs of a
 * previous analysis's statements taken as they were (copied as arrays).
 */
export class StatementNamesBuilder {
  private readonly runs: (AddedRun | KeptRun)[] = [];

  constructor(private readonly numbers: NameNumbers) {}

  add({ statement, reads, loads }: NamedStatement): void {
    let run = this.runs.at(-1);
    if (!run || run.kind !== 'added') {
      run = { kind: 'added', assigned: [], readCounts: [], reads: [], loaders: [] };
      this.runs.push(run);
    }
    if (loads.length > 0) run.loaders.push(run.assigned.length);
    run.assigned.push(statement.kind === 'assignment' ? this.numbers.of(statement.name) : NONE);
    for (let i = 0; i < reads.length; i++) run.reads.push(this.numbers.of(reads[i]));
    run.readCounts.push(reads.length);
  }

  /** Adds the statements [from, to) of `names`, which numbers names as this builder does. */
  addFrom(names: StatementNames, from: number, to: number): void {
    if (from < to) this.runs.push({ kind: 'kept', names, from, to });
  }

  build(): StatementNames {
    let count = 0;
    let readCount = 0;
    for (const run of this.runs) {
      count += run.kind === 'added' ? run.assigned.length : run.to - run.from;
      readCount += run.kind === 'added' ? run.reads.length : run.names.readStarts[run.to] - run.names.readStarts[run.from];
    }
    const assigned = new Int32Array(count);
    const readStarts = new Int32Array(count + 1);
    const reads = new Int32Array(readCount);
    const loaders: number[] = [];
    let index = 0;
    let at = 0;
    for (const run of this.runs) {
      if (run.kind === 'added') {
        assigned.set(run.assigned, index);
        reads.set(run.reads, at);
        for (const loader of run.loaders) loaders.push(index + loader);
        for (const readsOfOne of run.readCounts) {
          at += readsOfOne;
          readStarts[++index] = at;
        }
        continue;
      }
      const { names, from, to } = run;
      assigned.set(names.assigned.subarray(from, to), index);
      reads.set(names.reads.subarray(names.readStarts[from], names.readStarts[to]), at);
      for (const loader of names.loaders) if (loader >= from && loader < to) loaders.push(index + loader - from);
      const shift = at - names.readStarts[from];
      for (let i = from + 1; i <= to; i++) readStarts[++index] = names.readStarts[i] + shift;
      at = names.readStarts[to] + shift;
    }
    return new StatementNames(this.numbers, assigned, readStarts, reads, Int32Array.from(loaders));
  }
}

/** Statements added one by one: the numbers of the names each assigns and reads. */
interface AddedRun {
  kind: 'added';
  assigned: number[];
  readCounts: number[];
  reads: number[];
  /** Indices in the run. */
  loaders: number[];
}

/** Statements [from, to) of a previous analysis, as they were. */
interface KeptRun {
  kind: 'kept';
  names: StatementNames;
  from: number;
  to: number;
}
