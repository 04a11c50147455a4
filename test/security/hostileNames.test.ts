// Names that mean something to JavaScript objects, written where a document
// writes names: variables, labels, function names, units. Each is a plain
// name to KL Lens: a value, or a plain diagnostic; never a crash, never a
// property of some object found by accident.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { jsonReport, reportOf } from '../../server/src/cli/report';

const OBJECT_NAMES = [
  'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'then', 'length', 'name', 'caller', 'arguments', 'call', 'apply', 'bind',
];

const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);

describe.each(OBJECT_NAMES)('the name %s', (name) => {
  it('before it is assigned, is an unknown name; as a call, an unknown function', () => {
    const [use, call] = analyze(`${name}\n${name}(1)`, 'kl').statements;
    expect(use.result.value).toBeUndefined();
    expect(codes(use.result.diagnostics)).toEqual(['unknown-name']);
    expect(call.result.value).toBeUndefined();
    expect(codes(call.result.diagnostics)).toEqual(['unknown-function']);
  });

  it('as a variable holds a distribution like any other name', () => {
    const analysis = analyze(`${name} = [0.25, 0.75]\nH(${name})\n${name} + 1`, 'kl');
    expect(analysis.diagnostics).toEqual([]);
    const [, entropy, shifted] = analysis.statements;
    expect(entropy.result.value).toMatchObject({ kind: 'number', unit: 'nats' });
    const reference = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    expect(Math.abs((entropy.result.value as { value: number }).value / reference - 1)).toBeLessThan(1e-12);
    expect(Array.from((shifted.result.value as { data: Float64Array }).data)).toEqual([1.25, 1.75]);
  });

  it('as a label, bare or quoted, is an outcome that aligns by label', () => {
    const analysis = analyze(`P = {${name}: 0.5, other: 0.5}\nQ = {other: 0.25, "${name}": 0.75}\nKL(P || Q)`, 'kl');
    expect(analysis.diagnostics).toEqual([]);
    const kl = analysis.statements[2].result.value as { value: number };
    // ½ ln(0.5/0.75) + ½ ln(0.5/0.25) = ½ ln(4/3)
    expect(Math.abs(kl.value / (0.5 * Math.log(4 / 3)) - 1)).toBeLessThan(1e-12);
    expect(analysis.statements[0].result.value).toMatchObject({ labels: [name, 'other'] });
  });

  it('written twice as a label is a duplicate label', () => {
    const [map] = analyze(`{${name}: 0.5, ${name}: 0.5}`, 'kl').statements;
    expect(map.result.value).toBeUndefined();
    expect(codes(map.result.diagnostics)).toEqual(['duplicate-label']);
  });

  it('as units or a base is refused, and the units stay what they were', () => {
    const analysis = analyze(`units bits\nunits ${name}\nbase ${name}\nprecision ${name}\nH([0.5, 0.5])`, 'kl');
    expect(codes(analysis.diagnostics)).toEqual(['bad-directive', 'bad-directive', 'bad-directive']);
    expect(analysis.statements[4].result.value).toMatchObject({ value: 1, unit: 'bits' });
  });

  it('comes out of --json as a plain own key of the labelled value', () => {
    const analysis = analyze(`{${name}: 0.25, other: 0.75}`, 'kl');
    const parsed = JSON.parse(jsonReport([reportOf('names.kl', analysis)])) as { files: { statements: { value: Record<string, unknown> }[] }[] };
    const value = parsed.files[0].statements[0].value;
    expect(Object.keys(value)).toEqual([name, 'other']);
    expect(Object.getOwnPropertyDescriptor(value, name)?.value).toBe(0.25);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('labels that look like code', () => {
  it('stay text: quotes, brackets, template syntax and a null character', () => {
    const labels = ['${process.exit(1)}', '"); require("child_process', '<script>', 'a\u0000b', '../../etc/passwd'];
    const entries = labels.map((label, i) => `'${label}': ${i === 0 ? 1 : 0}`).join(', ');
    const analysis = analyze(`P = {${entries}}\nH(P)`, 'kl');
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.statements[0].result.value).toMatchObject({ labels });
    expect(analysis.statements[1].result.value).toMatchObject({ value: 0 });
  });
});
