// grad(expr, x) as a user meets it: the checks of examples/gradients.kl, the
// shape and unit of a gradient, the classic closed forms the hover shows, and
// a located diagnostic for every way a gradient can fail to exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Value } from '../../server/src/language/values';
import { analysisOf, lastNumber, lastValue, relativeError } from '../engine/evaluate';

const SOFTMAX_EXAMPLE = 'z = [2, 1, 0.1]\ny = onehot(1, 3)\n';

function entries(value: Value | undefined): number[] {
  if (value?.kind === 'number') return [value.value];
  if (value?.kind === 'vector' || value?.kind === 'matrix') return Array.from(value.data);
  throw new Error(`no numbers in ${JSON.stringify(value)}`);
}

/** The diagnostics of the last statement, with the text each one points at. */
function lastDiagnostics(text: string) {
  const analysis = analysisOf(text);
  const last = analysis.statements.at(-1);
  const start = last?.source.offset ?? 0;
  return analysis.diagnostics
    .filter((d) => d.span.start >= start)
    .map((d) => ({ code: d.code, severity: d.severity, at: text.slice(d.span.start, d.span.end), message: d.message }));
}

describe('examples/gradients.kl', () => {
  it('passes every check, with no error or warning', () => {
    const text = readFileSync(join(__dirname, '../../examples/gradients.kl'), 'utf8');
    const analysis = analysisOf(text);
    const checks = analysis.statements.filter((s) => s.parsed.statement.kind === 'check');
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(checks.map((s) => s.result.check?.pass)).toEqual(checks.map(() => true));
    expect(analysis.diagnostics).toEqual([]);
  });
});

describe('docs/gradients.md', () => {
  it('shows what the engine does: its checks pass and its quoted errors are the engine\'s own', () => {
    const text = readFileSync(join(__dirname, '../../docs/gradients.md'), 'utf8');
    const analysis = analysisOf(text, 'markdown');
    const checks = analysis.statements.filter((s) => s.parsed.statement.kind === 'check');
    expect(checks.map((s) => s.result.check?.pass)).toEqual([true, true, true, true, true]);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['independent-of-variable', 'not-differentiable', 'infinite-divergence', 'not-differentiable', 'not-differentiable']);
    const prose = text.replace(/\n# /g, ' ');
    for (const diagnostic of analysis.diagnostics.filter((d) => d.code === 'not-differentiable')) expect(prose).toContain(diagnostic.message);
    expect(prose).toContain('grad(KL(P || Q), Q)     # = [-2, -2, 0]');
  });
});

describe('the gradient of cross-entropy after softmax', () => {
  it('is softmax(z) − y, in the units of the loss', () => {
    const value = lastValue(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`);
    const e = [Math.exp(2), Math.exp(1), Math.exp(0.1)];
    const total = e[0] + e[1] + e[2];
    const expected = [e[0] / total - 1, e[1] / total, e[2] / total];
    entries(value).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 15));
    expect(value?.kind === 'vector' && value.unit).toBe('nats');
  });

  it('is that gradient divided by ln 2 in bits, and by ln 10 in bans', () => {
    const nats = entries(lastValue(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`));
    const bits = lastValue(`units bits\n${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`);
    const bans = lastValue(`units bans\n${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`);
    expect(bits?.kind === 'vector' && bits.unit).toBe('bits');
    entries(bits).forEach((x, i) => expect(x).toBeCloseTo(nats[i] / Math.LN2, 15));
    entries(bans).forEach((x, i) => expect(x).toBeCloseTo(nats[i] / Math.LN10, 15));
  });

  it('tells the hover what was differentiated and the closed form it matches', () => {
    const value = lastValue(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`);
    expect(value?.kind === 'vector' && value.gradient).toEqual({
      variable: 'z', expression: 'CE(y, softmax(z))', value: 0.4170300162778335, unit: 'nats', analyticForm: 'softmax(z) - y',
    });
  });

  it('recognises H(y, softmax(z)) and KL(y || softmax(z)) too, and writes the unit and the batch size into the form', () => {
    const form = (text: string) => {
      const value = lastValue(text);
      return value?.kind === 'vector' || value?.kind === 'matrix' || value?.kind === 'number' ? value.gradient?.analyticForm : 'no value';
    };
    expect(form(`${SOFTMAX_EXAMPLE}grad(H(y, softmax(z)), z)`)).toBe('softmax(z) - y');
    expect(form(`${SOFTMAX_EXAMPLE}grad(KL(y || softmax(z)), z)`)).toBe('softmax(z) - y');
    expect(form(`units bits\n${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`)).toBe('(softmax(z) - y) / log(2)');
    expect(form('Z = [[1, 2], [0, 3]]\nY = [[1, 0], [0, 1]]\ngrad(CE(Y, softmax(Z)), Z)')).toBe('(softmax(Z) - Y) / 2');
    expect(form(`${SOFTMAX_EXAMPLE}grad(CE(0.5 * y + 0.5 * uniform(3), softmax(z)), z)`)).toBe('softmax(z) - (0.5 * y + 0.5 * uniform(3))');
  });

  it('claims no closed form where the textbook one does not hold', () => {
    const form = (text: string) => {
      const value = lastValue(text);
      return value?.kind === 'vector' ? value.gradient?.analyticForm : 'not a vector';
    };
    // y does not sum to 1: the gradient is softmax(z)·Σy − y.
    expect(form('z = [2, 1, 0.1]\ny = [1, 1, 0]\ngrad(CE(y, softmax(z)), z)')).toBeUndefined();
    expect(form(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(2 * z)), z)`)).toBeUndefined();
    expect(form(`${SOFTMAX_EXAMPLE}grad(H(softmax(z)), z)`)).toBeUndefined();
  });

  it('sums to zero', () => {
    const sum = entries(lastValue(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), z)`)).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum)).toBeLessThan(1e-15);
  });
});

describe('the gradient of a measure of softmax(z) where softmax underflows', () => {
  const UNDERFLOW = 'z = [1000, 999, 0]\ny = onehot(3, 3)\n';
  const s = [1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(1))];

  it('is softmax(z) − y, finite, for a loss of 1000.31 nats (the chain through −p/q would be 0·∞)', () => {
    const value = lastValue(`${UNDERFLOW}grad(CE(y, softmax(z)), z)`);
    expect(entries(value)).toEqual([s[0], s[1], -1]);
    expect(value?.kind === 'vector' && value.gradient).toEqual({
      variable: 'z', expression: 'CE(y, softmax(z))', value: 1000.3132616875182, unit: 'nats', analyticForm: 'softmax(z) - y',
    });
    const batch = lastValue(`Z = [[1000, 999, 0], [0, 1, 2]]\ngrad(KL(onehot(3, 3) || softmax(Z)), Z)`);
    expect(entries(batch).slice(0, 3)).toEqual([s[0] / 2, s[1] / 2, -0.5]);
  });

  it('is finite in P too: an outcome softmax puts e^-1000 on moves nothing', () => {
    expect(entries(lastValue('z = [0, -1000]\ngrad(H(softmax(z)), z)'))).toEqual([0, 0]);
    for (const measure of ['KL(softmax(z) || Q)', 'CE(softmax(z), Q)', 'JS(softmax(z) || Q)']) {
      const g = entries(lastValue(`Q = [0.2, 0.3, 0.5]\nz = [0, -1000, 3]\ngrad(${measure}, z)`));
      expect(g[1], measure).toBe(0);
      expect(Math.abs(g[0] + g[2]), measure).toBeLessThan(1e-15);
    }
  });

  it('has no finite derivative in Q itself there, and says why', () => {
    const [diagnostic] = lastDiagnostics('Q = softmax([0, -1000])\ngrad(KL(onehot(2, 2) || Q), Q)');
    expect(diagnostic.code).toBe('not-differentiable');
    expect(diagnostic.message).toContain('KL has no finite derivative in Q at outcome 2, where Q is e^-1000, below the smallest double, and onehot(2, 2) is 1 (the slope −p/q overflows)');
  });
});

describe('the gradient of binary cross-entropy after sigmoid', () => {
  it('is sigmoid(x) − t for one logit, with its closed form', () => {
    const value = lastValue('x = 0.8\nt = 1\ngrad(BCE(t, sigmoid(x)), x)');
    expect(value?.kind).toBe('number');
    expect(entries(value)[0]).toBeCloseTo(1 / (1 + Math.exp(-0.8)) - 1, 15);
    expect(value?.kind === 'number' && value.gradient?.analyticForm).toBe('sigmoid(x) - t');
  });

  it('is (sigmoid(x) − y)/n for n logits, BCE being their mean', () => {
    const value = lastValue('x = [0.5, -1, 2, 0]\ny = [1, 0, 1, 0]\ngrad(BCE(y, sigmoid(x)), x)');
    const x = [0.5, -1, 2, 0];
    const y = [1, 0, 1, 0];
    entries(value).forEach((g, i) => expect(g).toBeCloseTo((1 / (1 + Math.exp(-x[i])) - y[i]) / 4, 15));
    expect(value?.kind === 'vector' && value.gradient?.analyticForm).toBe('(sigmoid(x) - y) / 4');
  });

  it('is finite where sigmoid(x) rounds to 1 or 0, its loss the plain evaluation\'s to the bit', () => {
    // sigmoid(40) is 1 and sigmoid(-800) is 0 as doubles; BCE takes its logs from the logits, and so does its slope.
    const confident = lastValue('x = 40\ngrad(BCE(0, sigmoid(x)), x)');
    expect(entries(confident)).toEqual([1]);
    expect(confident?.kind === 'number' && confident.gradient?.value).toBe(lastNumber('BCE(0, sigmoid(40))'));
    const wrong = lastValue('x = -800\ngrad(BCE(1, sigmoid(x)), x)');
    expect(entries(wrong)).toEqual([-1]);
    expect(wrong?.kind === 'number' && wrong.gradient?.value).toBe(lastNumber('BCE(1, sigmoid(-800))'));
    // Each entry (1 − y)·σ(x) − y·σ(−x) from the logit: −σ(−40) = −4.248e-18 for y = 1, which 1 − 1 would give as 0.
    const text = 'x = [40, -800, 30, 40]\ny = [0, 1, 0.3, 1]\n';
    const vector = lastValue(`${text}grad(BCE(y, sigmoid(x)), x)`);
    const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));
    [1, -1, 0.7 * sigmoid(30) - 0.3 * sigmoid(-30), -sigmoid(-40)].forEach((g, i) => expect(relativeError(entries(vector)[i], g / 4)).toBeLessThanOrEqual(1e-15));
    expect(vector?.kind === 'vector' && vector.gradient?.value).toBe(lastNumber(`${text}BCE(y, sigmoid(x))`));
  });

  it('is −x in the labels where p is a sigmoid\'s value: log((1 − p)/p) from the logit', () => {
    expect(entries(lastValue('y = 0\ngrad(BCE(y, sigmoid(40)), y)'))).toEqual([-40]);
  });
});

describe('what a gradient looks like', () => {
  it('has the shape of the variable: labels kept, a matrix for a matrix, a number for a number', () => {
    const labelled = lastValue('P = {cat: 0.7, dog: 0.3}\nQ = {dog: 0.4, cat: 0.6}\ngrad(KL(P || Q), Q)');
    expect(labelled?.kind === 'vector' && labelled.labels).toEqual(['dog', 'cat']);
    entries(labelled).forEach((g, i) => expect(g).toBeCloseTo([-0.3 / 0.4, -0.7 / 0.6][i], 15));
    const matrix = lastValue('Z = [[1, 2, 3], [0, 0, 1]]\nY = [[0, 0, 1], [1, 0, 0]]\ngrad(CE(Y, softmax(Z)), Z)');
    expect(matrix?.kind === 'matrix' && [matrix.rows, matrix.columns, matrix.unit]).toEqual([2, 3, 'nats']);
    expect(lastValue('x = 3\ngrad(x ^ 2 - x, x)')).toMatchObject({ kind: 'number', value: 5 });
  });

  it('has no unit when the expression is a plain number', () => {
    const value = lastValue('x = [1, 2]\ngrad(sum(x * x), x)');
    expect(value).toMatchObject({ kind: 'vector' });
    expect(value?.kind === 'vector' && value.unit).toBeUndefined();
    expect(entries(value)).toEqual([2, 4]);
  });

  it('is an ordinary value once computed with: −grad(…) is not itself a gradient', () => {
    const value = lastValue(`${SOFTMAX_EXAMPLE}-grad(CE(y, softmax(z)), z)`);
    expect(value?.kind === 'vector' && value.gradient).toBeUndefined();
  });

  it('counts every mention of the variable', () => {
    // d/dx (x·x + x) = 2x + 1
    expect(entries(lastValue('x = [1.5, -2]\ngrad(sum(x * x + x), x)'))).toEqual([4, -3]);
  });

  it('treats names other than the variable as constants, and warns when the variable is not mentioned', () => {
    const text = `${SOFTMAX_EXAMPLE}L = CE(y, softmax(z))\ngrad(L, z)`;
    expect(entries(lastValue(text))).toEqual([0, 0, 0]);
    expect(lastDiagnostics(text)).toEqual([expect.objectContaining({ code: 'independent-of-variable', severity: 'warning', at: 'L' })]);
  });

  it('raises the same warnings as evaluating the expression, once', () => {
    const text = 'w = [1, 1]\nQ = [0.5, 0.6]\ngrad(KL(normalize(w) || Q), w)';
    expect(lastDiagnostics(text).map((d) => [d.code, d.at])).toEqual([['not-normalized', 'Q']]);
  });
});

describe('where there is no gradient', () => {
  it('refuses an expression that is not one number', () => {
    expect(lastDiagnostics(`${SOFTMAX_EXAMPLE}grad(softmax(z), z)`)).toEqual([
      expect.objectContaining({ code: 'type-mismatch', at: 'softmax(z)', message: expect.stringContaining('a vector of 3 entries') }),
    ]);
  });

  it('refuses a variable that is not a name', () => {
    expect(lastDiagnostics(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), [2, 1, 0.1])`)).toEqual([
      expect.objectContaining({ code: 'type-mismatch', at: '[2, 1, 0.1]', message: expect.stringContaining('with respect to a name') }),
    ]);
  });

  it('refuses an unknown name and a constant', () => {
    expect(lastDiagnostics(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), w)`)).toEqual([expect.objectContaining({ code: 'unknown-name', at: 'w' })]);
    expect(lastDiagnostics(`${SOFTMAX_EXAMPLE}grad(CE(y, softmax(z)), pi)`)).toEqual([expect.objectContaining({ code: 'type-mismatch', at: 'pi', message: expect.stringContaining('pi is a constant') })]);
  });

  it('refuses a variable that is a distribution of another kind', () => {
    expect(lastDiagnostics('N = normal(0, 1)\ngrad(H(N), N)')).toEqual([expect.objectContaining({ code: 'type-mismatch', at: 'N', message: expect.stringContaining('a normal distribution') })]);
  });

  it('names the entry where Q is 0 and P is not (KL is infinite there)', () => {
    const diagnostics = lastDiagnostics('P = [0.5, 0.3, 0.2]\nQ = [0.5, 0.5, 0]\ngrad(KL(P || Q), Q)');
    const gradient = diagnostics.find((d) => d.code === 'not-differentiable');
    expect(gradient).toMatchObject({ severity: 'error', at: 'grad(KL(P || Q), Q)' });
    expect(gradient?.message).toContain('KL has no derivative in Q at outcome 3, where Q is 0 and P is 0.2');
    expect(diagnostics.map((d) => d.code)).toContain('infinite-divergence');
    expect(lastValue('P = [0.5, 0.3, 0.2]\nQ = [0.5, 0.5, 0]\ngrad(KL(P || Q), Q)')).toBeUndefined();
  });

  it('names the entries of P that are 0 in H(P), and still shows the others', () => {
    const [diagnostic] = lastDiagnostics('P = [0.5, 0.5, 0]\ngrad(H(P), P)');
    expect(diagnostic.code).toBe('not-differentiable');
    expect(diagnostic.message).toContain('not defined at entry 3 of P');
    expect(diagnostic.message).toContain('The other entries are entry 1: -0.30685, entry 2: -0.30685');
  });

  it('gives 0 for outcomes P does not allow: their terms are 0 whatever Q is', () => {
    expect(entries(lastValue('P = [0.5, 0.5, 0]\nQ = [0.25, 0.25, 0.5]\ngrad(KL(P || Q), Q)'))).toEqual([-2, -2, 0]);
  });

  it('names the point where log, sqrt, abs or max have no derivative', () => {
    expect(lastDiagnostics('x = [1, 0]\ngrad(sum(log(x + 0)), x)')[0].message).toContain('log(0) at entry 2 has no derivative: the slope 1/x is infinite');
    expect(lastDiagnostics('x = 0\ngrad(sqrt(x), x)')[0].message).toContain('not defined at x = 0: sqrt(0) has no derivative');
    expect(lastDiagnostics('x = [0, 1]\ngrad(sum(abs(x)), x)')[0].message).toContain('abs(0) at entry 1 has no derivative');
    expect(lastDiagnostics('x = [2, 2, 1]\ngrad(max(x), x)')[0].message).toContain('entries tie: entry 1 and entry 2 are both 2');
  });

  it('does not differentiate a gradient (second derivatives) or through counting constructors', () => {
    expect(lastDiagnostics(`${SOFTMAX_EXAMPLE}grad(sum(grad(CE(y, softmax(z)), z)), z)`)).toEqual([expect.objectContaining({ code: 'not-differentiable', at: 'grad' })]);
    expect(lastDiagnostics('n = 3\ngrad(H(uniform(n)), n)')[0]).toMatchObject({ code: 'not-differentiable', message: expect.stringContaining('uniform takes whole numbers') });
  });

  it('reports a malformed call once, as the evaluator does', () => {
    expect(lastDiagnostics('z = [1, 2]\ngrad(CE(softmax(z)), z)').map((d) => d.code)).toEqual(['argument-count']);
    expect(lastDiagnostics('z = [1, 2]\ngrad(frob(z), z)').map((d) => d.code)).toEqual(['unknown-function']);
    expect(lastDiagnostics('z = [1, 2]\ngrad(CE(z))').map((d) => d.code)).toEqual(['argument-count']);
  });
});
