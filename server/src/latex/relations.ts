// Whether a relation between two computed parts holds, with the spec's
// tolerance rules (checks.ts): digits written on a side set the tolerance
// (±0.5·10^−d; the coarser when both sides have them), otherwise `=` allows a
// relative 1e-12 and `≈` a relative 1e-6. No tolerance is ever tighter than
// 1e-12 relative, the precision of the arithmetic itself.
//
// `≠`, `<`, `≤`, `>`, `≥` compare the values as they are (within 1e-12 they
// are equal): rounding written digits matters to an equality, while an
// inequality is true or false as written (`\log_2 3 < 1.59` holds,
// `\frac13 \neq 0.33` holds).
import { APPROXIMATE_RELATIVE, EXACT_RELATIVE, withinTolerance, type Tolerance } from '../language/checks';
import { relationHolds } from '../language/generalRelations';
import type { RelationKind } from './formulaChains';

/** The numbers of one side, and the tolerance its written digits set, entry by entry. */
export interface Side {
  numbers: number[];
  /** `[rows, columns]` for a matrix, `[n]` for a vector, `[]` for a number. */
  shape: readonly number[];
  written: readonly (number | undefined)[];
}

export interface Verdict {
  pass: boolean;
  /** One per compared entry. */
  tolerances: Tolerance[];
  /** The largest absolute difference. */
  difference: number;
  /** Entries (0-based) where the relation fails, for vectors. */
  failedEntries: number[];
}

const EXACT: Tolerance = { kind: 'relative', value: EXACT_RELATIVE };

/**
 * What `a R1 b R2 c` says about a and c, when b could not be computed: `=`
 * and `≈` carry through (`a = b ≈ c` gives a ≈ c), inequalities of one
 * direction chain (`a < b ≤ c` gives a < c), and `≠` passes only through `=`.
 * Undefined when nothing follows (`a < b > c`, `a ≠ b ≠ c`).
 */
export function composeRelations(kinds: readonly RelationKind[]): RelationKind | undefined {
  let result: RelationKind | undefined = kinds[0];
  for (let i = 1; i < kinds.length && result; i++) result = compose(result, kinds[i]);
  return result;
}

function compose(a: RelationKind, b: RelationKind): RelationKind | undefined {
  if (a === '=') return b;
  if (b === '=') return a;
  if (a === '≈' && b === '≈') return '≈';
  if (a === '≈' || b === '≈' || a === '≠' || b === '≠') return undefined;
  const ascending = (kind: RelationKind) => kind === '<' || kind === '≤';
  if (ascending(a) !== ascending(b)) return undefined;
  const strict = a === '<' || a === '>' || b === '<' || b === '>';
  return ascending(a) ? (strict ? '<' : '≤') : strict ? '>' : '≥';
}

/** The verdict, or undefined when the sides cannot be compared (different shapes; an inequality between vectors). */
export function judge(kind: RelationKind, left: Side, right: Side): Verdict | undefined {
  if (left.shape.length !== right.shape.length || left.shape.some((n, i) => n !== right.shape[i])) return undefined;
  if (left.shape.length > 0 && kind !== '=' && kind !== '≈' && kind !== '≠') return undefined;
  const tolerances: Tolerance[] = [];
  const failedEntries: number[] = [];
  let difference = 0;
  let anyDifferent = false;
  for (let i = 0; i < left.numbers.length; i++) {
    const a = left.numbers[i];
    const b = right.numbers[i];
    const gap = Math.abs(a - b);
    if (!(gap <= difference)) difference = gap;
    const tolerance = kind === '=' || kind === '≈' ? equalityTolerance(kind, left.written[i], right.written[i]) : EXACT;
    tolerances.push(tolerance);
    const equal = withinTolerance(a, b, tolerance) || withinTolerance(a, b, EXACT);
    if (kind === '≠') {
      if (!equal) anyDifferent = true;
      continue;
    }
    if (!relationHolds(kind, a, b, equal)) failedEntries.push(i);
  }
  if (kind === '≠') return { pass: anyDifferent, tolerances, difference, failedEntries: anyDifferent ? [] : tolerances.map((_, i) => i) };
  return { pass: failedEntries.length === 0, tolerances, difference, failedEntries };
}

function equalityTolerance(kind: '=' | '≈', left: number | undefined, right: number | undefined): Tolerance {
  if (left !== undefined || right !== undefined) return { kind: 'absolute', value: Math.max(left ?? 0, right ?? 0), source: 'digits' };
  return { kind: 'relative', value: kind === '=' ? EXACT_RELATIVE : APPROXIMATE_RELATIVE };
}
