// Our private mathjs instance: only the elementary functions the language has,
// plus our own measures registered as typed functions. Document text never
// reaches mathjs's expression parser: the evaluator calls these functions by
// name from a fixed table, so `import`, `evaluate`, `parse`, `createUnit`…
// are not reachable from a document (they are not even in the instance).
import { bignumberDependencies, create, type BigNumber, type MathJsInstance } from 'mathjs';
// The double instance comes from mathjs's number-only build: its functions have
// number signatures only, so creating them costs a few milliseconds instead of
// the ~100 ms the full build's typed functions take on first use (cold start).
import {
  absDependencies as numberAbsDependencies,
  create as createNumberInstance,
  expDependencies as numberExpDependencies,
  log10Dependencies as numberLog10Dependencies,
  log2Dependencies as numberLog2Dependencies,
  logDependencies as numberLogDependencies,
  powDependencies as numberPowDependencies,
  sqrtDependencies as numberSqrtDependencies,
} from 'mathjs/number';
import type { UnitName } from './ast';
import {
  binaryCrossEntropy,
  crossEntropy,
  entropy,
  jensenShannon,
  klDivergence,
} from './measures';
import type { MeasureResult } from './measureResult';
import type { LogitRow } from './softmax';

/** What the double instance needs: the elementary functions of the language (the measures are added to it). */
const NUMBER_FACTORIES = {
  numberAbsDependencies,
  numberExpDependencies,
  numberLog10Dependencies,
  numberLog2Dependencies,
  numberLogDependencies,
  numberPowDependencies,
  numberSqrtDependencies,
};

type PairMeasure = (p: Float64Array, q: Float64Array, unit: UnitName) => MeasureResult;
/** CE and KL also take Q's logits when Q is a softmax's value (softmax.ts). */
type LogitPairMeasure = (p: Float64Array, q: Float64Array, unit: UnitName, qLogits?: LogitRow) => MeasureResult;
/** BCE also takes p's logits when p is a sigmoid's value (sigmoid.ts). */
type SigmoidPairMeasure = (y: Float64Array, p: Float64Array, unit: UnitName, pLogits?: Float64Array) => MeasureResult;

/** The instance with our measures, as the evaluator sees it. */
export interface KlMath {
  log(x: number): number;
  log(x: number, base: number): number;
  log2(x: number): number;
  log10(x: number): number;
  exp(x: number): number;
  sqrt(x: number): number;
  abs(x: number): number;
  pow(x: number, y: number): number;
  entropy(p: Float64Array, unit: UnitName): MeasureResult;
  crossEntropy: LogitPairMeasure;
  klDivergence: LogitPairMeasure;
  jensenShannon: PairMeasure;
  binaryCrossEntropy: SigmoidPairMeasure;
}

function registerMeasures(math: MathJsInstance): void {
  // typed-function's addType is there at run time but missing from mathjs's types.
  const typed = math.typed as unknown as { addType(type: { name: string; test(x: unknown): boolean }): void };
  typed.addType({ name: 'Float64Array', test: (x) => x instanceof Float64Array });
  // A row of a softmax's logits (softmax.ts): a plain object, like everything a value holds.
  typed.addType({ name: 'LogitRow', test: (x) => typeof x === 'object' && x !== null && (x as LogitRow).logits instanceof Float64Array });
  const pair = (name: string, measure: PairMeasure) =>
    math.typed(name, { 'Float64Array, Float64Array, string': measure });
  const logitPair = (name: string, measure: LogitPairMeasure) =>
    math.typed(name, { 'Float64Array, Float64Array, string': measure, 'Float64Array, Float64Array, string, LogitRow | undefined': measure });
  math.import(
    {
      entropy: math.typed('entropy', { 'Float64Array, string': entropy }),
      crossEntropy: logitPair('crossEntropy', crossEntropy),
      klDivergence: logitPair('klDivergence', klDivergence),
      jensenShannon: pair('jensenShannon', jensenShannon),
      binaryCrossEntropy: math.typed('binaryCrossEntropy', { 'Float64Array, Float64Array, string': binaryCrossEntropy, 'Float64Array, Float64Array, string, Float64Array | undefined': binaryCrossEntropy }),
    },
    {},
  );
}

/**
 * A frozen, prototype-less object holding only `names` of `math`: the engine
 * never sees the instance's own `import`, `config`, `create`, `typed`, `expression`.
 */
function onlyFunctions<T>(math: MathJsInstance, names: Record<keyof T & string, true>): T {
  const functions = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(names)) functions[name] = (math as unknown as Record<string, unknown>)[name];
  return Object.freeze(functions) as T;
}

// Records rather than lists, so that the compiler insists on every function of the interface.
const KL_MATH_FUNCTIONS: Record<keyof KlMath, true> = {
  log: true, log2: true, log10: true, exp: true, sqrt: true, abs: true, pow: true,
  entropy: true, crossEntropy: true, klDivergence: true, jensenShannon: true, binaryCrossEntropy: true,
};

let doubleInstance: KlMath | undefined;

/** The double-precision instance, made on first use. */
export function klMath(): KlMath {
  if (!doubleInstance) {
    const math = createNumberInstance(NUMBER_FACTORIES);
    registerMeasures(math);
    doubleInstance = onlyFunctions<KlMath>(math, KL_MATH_FUNCTIONS);
  }
  return doubleInstance;
}

/** BigNumbers at a precision: the arithmetic is the BigNumber's own methods (`ln`, `times`, …). */
export type BigNumberMath = Pick<MathJsInstance, 'bignumber'>;

const BIG_NUMBER_FUNCTIONS: Record<keyof BigNumberMath, true> = { bignumber: true };

/**
 * The most recently used precisions' instances. Bounded: an instance costs
 * about 2 MB, and a document may name every precision from 16 to 1000.
 */
const bigInstances = new Map<number, BigNumberMath>();
const MAX_BIG_INSTANCES = 8;

/** An instance computing with BigNumber at `digits` significant digits. */
export function bigNumberMath(digits: number): BigNumberMath {
  let math = bigInstances.get(digits);
  if (math) {
    bigInstances.delete(digits);
  } else {
    math = onlyFunctions<BigNumberMath>(create({ bignumberDependencies }, { number: 'BigNumber', precision: digits }), BIG_NUMBER_FUNCTIONS);
    if (bigInstances.size >= MAX_BIG_INSTANCES) bigInstances.delete(bigInstances.keys().next().value as number);
  }
  bigInstances.set(digits, math);
  return math;
}

export type { BigNumber };
