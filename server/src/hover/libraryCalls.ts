// What the libraries users check against return for the same measure, and how
// to write the call there. The values are computed here the way each library
// computes them: scipy.stats.entropy normalises its inputs first; torch works
// in nats, takes log-probabilities for kl_div, and gives nan where 0·log 0
// meets a log of 0 (kl_div, cross_entropy with probability targets). Where Q
// is a softmax's value (or p a sigmoid's, for BCE), torch is called on the
// logits, as its users call it and as KL Lens takes its logs.
import type { UnitName } from '../language/ast';
import { formatNumber } from '../language/format';
import { familyOf } from '../language/families/families';
import { familyEntropy, familyKl } from '../language/families/familyMeasures';
import { takesLogsFromLogits, type CategoricalDetail, type FamilyDetail, type MeasureDetail } from '../language/measureDetail';
import { crossEntropy, entropy, jensenShannon, klDivergence } from '../language/measures';
import { lnSoftmax, type LogitRow } from '../language/softmax';
import { CompensatedSum, compensatedSum } from '../language/summation';
import { UNIT_LN_BASE } from '../language/units';
import { pythonNumber, pythonStrings } from './pythonLiterals';

export interface LibraryCall {
  library: 'scipy' | 'torch';
  /** The call, with `p` and `q` standing for the arrays. */
  call: string;
  value: number;
  /** Why the library's value may differ from KL Lens's. */
  note?: string;
  /** A whole Python program that prints the value. */
  program: string;
}

/** torch builds Normal(0, 1) (every family) in float32 unless told otherwise; the values here are float64's. */
const TORCH_FLOAT64 = 'after torch.set_default_dtype(torch.float64)';
const TORCH_IMPORTS = 'import math\nimport torch\n\ntorch.set_default_dtype(torch.float64)';

/** Beyond this, the arrays are not pasted into the program (the link would make the hover heavy). */
const PASTE_LIMIT = 200;

export function libraryCalls(detail: MeasureDetail): LibraryCall[] {
  return detail.kind === 'family' ? familyCalls(detail) : categoricalCalls(detail);
}

function categoricalCalls(detail: CategoricalDetail): LibraryCall[] {
  const { unit, rows } = detail;
  const batch = rows.length > 1;
  const p = rows.map((row) => row.p);
  const q = rows.map((row) => row.q).filter((row): row is Float64Array => row !== undefined);
  const base = scipyBase(unit);
  const axis = batch ? ', axis=1' : '';
  const mean = batch ? '.mean()' : '';
  const normalisedNote = p.some(notNormalised) || q.some(notNormalised) ? `scipy normalises ${q.length > 0 ? 'p and q' : 'p'} first` : undefined;
  // Inputs that sum to 1 within rounding give the libraries' values to the digits shown: no second pass over long vectors.
  // Not where our value took ln q from a softmax's logits: scipy takes the log of q's doubles, 0 there.
  const ours = !takesLogsFromLogits(detail);
  const exact = ours && rows.every((row) => exactlyNormalised(row.p) && (!row.q || exactlyNormalised(row.q)));
  const noZeroPairs = ours && rows.every((row) => !row.q || !hasZeroPair(row.p, row.q));
  const lnBase = UNIT_LN_BASE[unit];
  const perRow = (ours: (row: CategoricalDetail['rows'][number]) => number, otherwise: (row: CategoricalDetail['rows'][number]) => number, useOurs: boolean) => meanOf(rows.map((row) => (useOurs ? ours(row) : otherwise(row))));
  const scipyValue = (f: (p: Float64Array, q: Float64Array) => number, ours = (row: CategoricalDetail['rows'][number]) => row.value) => perRow(ours, (row) => f(normalised(row.p), row.q ? normalised(row.q) : row.p), exact);
  const inNats = (row: CategoricalDetail['rows'][number]) => row.value * lnBase;
  const softmaxQ = isSoftmaxQ(detail);
  const calls: LibraryCall[] = [];
  const scipy = (call: string, value: number, imports = 'import scipy.stats') => calls.push({ library: 'scipy', call, value, ...(normalisedNote ? { note: normalisedNote } : {}), program: scipyProgram(imports, detail, call) });
  const torch = (call: string, value: number, note?: string) => calls.push({ library: 'torch', call: `${call}${torchToUnit(unit)}`, value: value / lnBase, ...(note ? { note } : {}), program: torchProgram(detail, `${call}${torchToUnit(unit)}`) });
  switch (detail.measure) {
    case 'entropy':
      scipy(`scipy.stats.entropy(p${base}${axis})${mean}`, scipyValue((pRow) => entropy(pRow, unit).value));
      torch(`torch.distributions.Categorical(probs=p).entropy()${mean}`, perRow(inNats, (row) => entropy(normalised(row.p), 'nats').value, exact));
      break;
    case 'perplexity': {
      // The rows of a perplexity hold the entropy in nats.
      const ours = (row: CategoricalDetail['rows'][number]) => Math.exp(row.value);
      scipy(`numpy.exp(scipy.stats.entropy(p${axis}))${mean}`, scipyValue((pRow) => Math.exp(entropy(pRow, 'nats').value), ours), 'import numpy\nimport scipy.stats');
      const call = `torch.distributions.Categorical(probs=p).perplexity()${mean}`;
      calls.push({ library: 'torch', call, value: perRow(ours, (row) => Math.exp(entropy(normalised(row.p), 'nats').value), exact), program: torchProgram(detail, call) });
      break;
    }
    case 'kl':
      scipy(`scipy.stats.entropy(p, q${base}${axis})${mean}`, scipyValue((pRow, qRow) => klDivergence(pRow, qRow, unit).value));
      if (softmaxQ) torch(`torch.nn.functional.kl_div(torch.log_softmax(z, -1), p, reduction='${batch ? 'batchmean' : 'sum'}')`, meanOf(rows.map((row) => torchKlFromLogits(row.p, row.qLogits as LogitRow))));
      else torch(`torch.nn.functional.kl_div(q.log(), p, reduction='${batch ? 'batchmean' : 'sum'}')`, perRow(inNats, (row) => torchKl(row.p, row.q as Float64Array), noZeroPairs));
      break;
    case 'crossEntropy':
      scipy(batch ? `(scipy.stats.entropy(p${base}${axis}) + scipy.stats.entropy(p, q${base}${axis}))${mean}` : `scipy.stats.entropy(p${base}) + scipy.stats.entropy(p, q${base})`, scipyValue((pRow, qRow) => crossEntropy(pRow, qRow, unit).value));
      if (softmaxQ) torch(`torch.nn.functional.cross_entropy(z, p${batch ? '' : ", reduction='sum'"})`, meanOf(rows.map((row) => torchCrossEntropyFromLogits(row.p, row.qLogits as LogitRow))));
      else torch(`torch.nn.functional.cross_entropy(q.log(), p${batch ? '' : ", reduction='sum'"})`, perRow(inNats, (row) => torchCrossEntropy(row.p, row.q as Float64Array), noZeroPairs && rows.every((row) => exactlyNormalised(row.q as Float64Array))), 'torch normalises q through log_softmax, not p');
      break;
    case 'js':
      scipy(`scipy.spatial.distance.jensenshannon(p, q${base}${axis}) ** 2${mean}`, scipyValue((pRow, qRow) => jensenShannon(pRow, qRow, unit).value), 'import scipy.spatial.distance');
      break;
    case 'bce': {
      // A sigmoid's p: what a user runs is torch's loss on the logits.
      const [{ p: y, q: probabilities, sigmoidLogits }] = rows;
      if (sigmoidLogits) {
        const value = torchBceWithLogits(y, sigmoidLogits);
        const ours = rows[0].value * lnBase;
        torch('torch.nn.functional.binary_cross_entropy_with_logits(x, y)', value, Math.abs(value - ours) > 1e-12 * Math.abs(ours) ? 'torch takes log(1 + e^−|x|) without log1p' : undefined);
      } else torch('torch.nn.functional.binary_cross_entropy(q, p)', torchBce(y, probabilities as Float64Array), 'torch clamps each log at −100');
      break;
    }
  }
  return calls;
}

/** A family's H: scipy.stats' and torch.distributions' entropy(); KL of a pair: torch's kl_divergence (the registry's pairs are torch's). */
function familyCalls(detail: FamilyDetail): LibraryCall[] {
  const { unit, p, q } = detail;
  const torchOf = (x: FamilyDetail['p']) => familyOf(x).torch(x.parameters, formatNumber);
  const program = (imports: string, call: string) => `${imports}\n\nprint(float(${call}))\n`;
  if (detail.measure === 'entropy') {
    const scipyCall = `scipy.stats.${familyOf(p).scipy(p.parameters, formatNumber)}.entropy()${torchToUnit(unit)}`;
    const torchCall = `torch.distributions.${torchOf(p)}.entropy()${torchToUnit(unit)}`;
    const value = familyEntropy(p, unit);
    return [
      { library: 'scipy', call: scipyCall, value, program: program('import math\nimport scipy.stats', scipyCall) },
      { library: 'torch', call: torchCall, value, note: TORCH_FLOAT64, program: program(TORCH_IMPORTS, torchCall) },
    ];
  }
  const kl = detail.measure === 'kl' && q ? familyKl(p, q, unit) : undefined;
  if (q && kl !== undefined) {
    const call = `torch.distributions.kl_divergence(torch.distributions.${torchOf(p)}, torch.distributions.${torchOf(q)})${torchToUnit(unit)}`;
    return [{ library: 'torch', call, value: kl, note: TORCH_FLOAT64, program: program(TORCH_IMPORTS, call) }];
  }
  return [];
}

/** Σ xlogy(p, p) − p·log q, as torch.nn.functional.kl_div computes it (nats). */
function torchKl(p: Float64Array, q: Float64Array): number {
  return sumOf(p.length, (i) => (p[i] === 0 ? (q[i] === 0 ? NaN : 0) : p[i] * Math.log(p[i]) - p[i] * Math.log(q[i])));
}

/** Σ xlogy(p, p) − p·log_softmax(z), as kl_div on torch.log_softmax(z) computes it; 0·(−∞) is nan (nats). */
function torchKlFromLogits(p: Float64Array, q: LogitRow): number {
  return sumOf(p.length, (i) => (p[i] === 0 ? 0 : p[i] * Math.log(p[i])) - p[i] * lnSoftmax(q, i));
}

/** −Σ p·log_softmax(z), as cross_entropy on the logits z computes it; 0·(−∞) is nan (nats). */
function torchCrossEntropyFromLogits(p: Float64Array, q: LogitRow): number {
  return sumOf(p.length, (i) => -p[i] * lnSoftmax(q, i));
}

/** −Σ p·log_softmax(log q): q normalised, p as given; 0·(−∞) is nan (nats). */
function torchCrossEntropy(p: Float64Array, q: Float64Array): number {
  const total = compensatedSum(q);
  return sumOf(p.length, (i) => -p[i] * Math.log(q[i] / total));
}

/** The mean of −(y·log p + (1 − y)·log(1 − p)) with each log clamped at −100 (nats). */
function torchBce(y: Float64Array, p: Float64Array): number {
  return sumOf(y.length, (i) => -(y[i] * Math.max(Math.log(p[i]), -100) + (1 - y[i]) * Math.max(Math.log1p(-p[i]), -100))) / y.length;
}

/**
 * The mean of (1 − y)·x + m + log(e^−m + e^(−x−m)), m = max(−x, 0), as torch
 * computes binary_cross_entropy_with_logits (nats): the log of a sum near 1,
 * not log1p, so a term of 1e-14 keeps only its first digits there.
 */
function torchBceWithLogits(y: Float64Array, x: Float64Array): number {
  return sumOf(y.length, (i) => {
    const m = Math.max(-x[i], 0);
    return (1 - y[i]) * x[i] + m + Math.log(Math.exp(-m) + Math.exp(-x[i] - m));
  }) / y.length;
}

function sumOf(count: number, term: (i: number) => number): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < count; i++) sum.add(term(i));
  return sum.value;
}

function normalised(row: Float64Array): Float64Array {
  const total = compensatedSum(row);
  const result = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) result[i] = row[i] / total;
  return result;
}

function exactlyNormalised(row: Float64Array): boolean {
  return Math.abs(compensatedSum(row) - 1) <= 1e-13;
}

/** Whether some outcome has p = q = 0, where torch computes 0·log 0 as nan. */
function hasZeroPair(p: Float64Array, q: Float64Array): boolean {
  for (let i = 0; i < p.length; i++) if (p[i] === 0 && q[i] === 0) return true;
  return false;
}

function notNormalised(row: Float64Array): boolean {
  return Math.abs(compensatedSum(row) - 1) > 1e-9;
}

function meanOf(values: number[]): number {
  return values.length === 1 ? values[0] : compensatedSum(values) / values.length;
}

function scipyBase(unit: UnitName): string {
  return unit === 'bits' ? ', base=2' : unit === 'bans' ? ', base=10' : '';
}

function torchToUnit(unit: UnitName): string {
  return unit === 'bits' ? ' / math.log(2)' : unit === 'bans' ? ' / math.log(10)' : '';
}

/** Whether Q is a softmax's value: in torch one passes its logits z, as KL Lens takes ln q from them. */
function isSoftmaxQ(detail: CategoricalDetail): boolean {
  return detail.rows.every((row) => row.qLogits !== undefined);
}

/** The arrays a program defines: each one's variable, what the hover calls it, and its rows. */
function columnsOf(detail: CategoricalDetail, library: LibraryCall['library']): [string, string, (Float64Array | undefined)[]][] {
  const [first] = detail.rows;
  if (detail.measure === 'bce' && first.sigmoidLogits) return [['y', 'y', [first.p]], ['x', 'x', [first.sigmoidLogits]]];
  if (library === 'torch' && (detail.measure === 'kl' || detail.measure === 'crossEntropy') && isSoftmaxQ(detail)) {
    return [['p', 'P', detail.rows.map((row) => row.p)], ['z', 'z', detail.rows.map((row) => row.qLogits?.logits)]];
  }
  const names = detail.measure === 'bce' ? ['y', 'p'] : ['P', 'Q'];
  return [['p', names[0], detail.rows.map((row) => row.p)], ['q', names[1], detail.rows.map((row) => row.q)]];
}

function arrays(detail: CategoricalDetail, library: LibraryCall['library'], constructor: (values: string) => string): string {
  const lines: string[] = [];
  // The labels as string literals, never as a comment: a line break in a label would end the comment.
  if (detail.labels) lines.push(`outcomes = ${pythonStrings(detail.labels)}`);
  columnsOf(detail, library).forEach(([variable, name, rows]) => {
    if (rows.some((row) => row === undefined)) return;
    const present = rows as Float64Array[];
    const size = present.reduce((total, row) => total + row.length, 0);
    if (present.length === 1 && detail.rows.length === 1 && size > 1 && present[0].every((x) => x === present[0][0])) {
      lines.push(`${variable} = ${constructor(`numpy.full(${size}, ${pythonNumber(present[0][0])})`)}`);
      return;
    }
    if (size > PASTE_LIMIT) {
      lines.push(`${variable} = ${constructor(`numpy.loadtxt('${variable}.txt')`)}  # ${name} has ${size} numbers: too many to paste here`);
      return;
    }
    const literal = present.length === 1 && detail.rows.length === 1 ? list(present[0]) : `[${present.map(list).join(', ')}]`;
    lines.push(`${variable} = ${constructor(literal)}`);
  });
  return lines.join('\n');
}

// Array.from over a typed array walks its iterator, an object per entry; over a length it does not.
function list(row: Float64Array): string {
  return `[${Array.from({ length: row.length }, (_, i) => pythonNumber(row[i])).join(', ')}]`;
}

function scipyProgram(imports: string, detail: CategoricalDetail, call: string): string {
  return `import numpy\n${imports.replace('import numpy\n', '')}\n\n${arrays(detail, 'scipy', (values) => `numpy.array(${values})`)}\nprint(float(${call}))\n`;
}

function torchProgram(detail: CategoricalDetail, call: string): string {
  const needsNumpy = arrays(detail, 'torch', (values) => values).includes('numpy.');
  const imports = `${detail.unit === 'nats' ? '' : 'import math\n'}${needsNumpy ? 'import numpy\n' : ''}import torch`;
  return `${imports}\n\n${arrays(detail, 'torch', (values) => `torch.tensor(${values}, dtype=torch.float64)`)}\nprint(float(${call}))\n`;
}
