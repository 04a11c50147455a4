// The mathjs instance is the one place where a library with an expression
// parser lives in our process. A document must reach none of its dangerous
// functions: not through the instance the engine holds, and not by name.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { BUILTINS } from '../../server/src/language/builtins';
import { bigNumberMath, klMath } from '../../server/src/language/mathInstance';

/** mathjs functions that parse, evaluate or reconfigure: the sandbox escapes of the past went through these. */
const DANGEROUS = [
  'import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'simplifyConstant', 'simplifyCore',
  'derivative', 'resolve', 'reviver', 'replacer', 'config', 'create', 'typed', 'factory', 'expression',
  'chain', 'parser', 'Parser', 'help', 'subset', 'index', 'map', 'forEach', 'filter', 'apply', 'unit',
  'on', 'off', 'once', 'emit', 'Function', 'constructor', '__proto__', 'prototype', 'eval',
];

describe('the mathjs instance the engine holds', () => {
  it('has only the elementary functions and our measures, nothing that parses or configures', () => {
    expect(Object.keys(klMath()).sort()).toEqual(
      ['abs', 'binaryCrossEntropy', 'crossEntropy', 'entropy', 'exp', 'jensenShannon', 'klDivergence', 'log', 'log10', 'log2', 'pow', 'sqrt'].sort(),
    );
    for (const name of DANGEROUS) expect(name in klMath(), name).toBe(false);
  });

  it('has no prototype to climb to Object or Function, and cannot be changed', () => {
    expect(Object.getPrototypeOf(klMath())).toBeNull();
    expect(Object.isFrozen(klMath())).toBe(true);
    expect(() => {
      (klMath() as unknown as Record<string, unknown>).log = () => 0;
    }).toThrow(TypeError);
  });

  it('at precision N, holds only the BigNumber constructor (the arithmetic is the BigNumbers\' own)', () => {
    const big = bigNumberMath(50);
    expect(Object.keys(big)).toEqual(['bignumber']);
    expect(Object.getPrototypeOf(big)).toBeNull();
    for (const name of DANGEROUS) expect(name in big, name).toBe(false);
  });
});

describe('calling a mathjs function by name from a document', () => {
  it('finds none of them among the builtins, the only functions a document can call', () => {
    for (const name of DANGEROUS) expect(BUILTINS.has(name), name).toBe(false);
  });

  it.each(DANGEROUS.filter((name) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)))('%s("1 + 1") is an unknown function, and nothing runs', (name) => {
    const analysis = analyze(`${name}("1 + 1")\n${name}\n`, 'kl');
    const [call, bare] = analysis.statements;
    expect(call.result.value).toBeUndefined();
    expect(call.result.diagnostics.map((d) => d.code)).toEqual(['unknown-function']);
    expect(bare.result.value).toBeUndefined();
    expect(bare.result.diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
  });
});
