// Hovers as a user sees them on the cross-entropy example and in a Markdown note,
// answered in process (test/support/markedDocument.ts); test/lsp/smoke.test.ts
// asks a few of them of the bundled server over stdio.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureDocument } from '../support/markedDocument';

const ROOT = path.resolve(__dirname, '../..');

const EXAMPLE = 'file:///examples/cross-entropy.kl';
const NOTE = 'file:///notes/entropy.md';
const NOTE_TEXT = [
  '# Entropy of a coin',
  '',
  'A fair coin has one bit of entropy:',
  '',
  '```kl',
  'units bits',
  'coin = [0.5, 0.5]',
  'H(coin)',
  '```',
  '',
  'A biased one has less:',
  '',
  '```kl',
  'biased = {heads: 0.9, tails: 0.1}',
  'H(biased) ≈ 0.469',
  '```',
  '',
].join('\n');

interface Hover {
  contents: { kind: string; value: string };
  range?: { start: { line: number; character: number } };
}

const documents = new Map<string, FeatureDocument>();

/** Opens a document, analysed as the server analyses it. */
function open(uri: string, text: string): FeatureDocument {
  const document = new FeatureDocument(text, { uri });
  documents.set(uri, document);
  return document;
}

function documentOf(uri: string): FeatureDocument {
  const document = documents.get(uri);
  if (!document) throw new Error(`${uri} is not open`);
  return document;
}

open(EXAMPLE, readFileSync(path.join(ROOT, 'examples/cross-entropy.kl'), 'utf8'));
open(NOTE, NOTE_TEXT);

async function hoverAt(uri: string, needle: string, shift = 0, occurrence = 1): Promise<Hover | null> {
  return documentOf(uri).hover({ needle, shift, occurrence }) as Hover | null;
}

async function hoverText(uri: string, needle: string, shift = 0, occurrence = 1): Promise<string> {
  const hover = await hoverAt(uri, needle, shift, occurrence);
  if (!hover) throw new Error(`no hover at ${needle}`);
  expect(hover.contents.kind).toBe('markdown');
  return hover.contents.value;
}

/** The SVG images in a hover, decoded from their data URIs. */
function images(markdown: string): string[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((match) => Buffer.from(match[1], 'base64').toString('utf8'));
}

/** The Python programs behind the Copy as Python links. */
function programs(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:kl\.copyAsPython\?([^()\s]+)\)/g)].map((match) => (JSON.parse(decodeURIComponent(match[1])) as string[])[0]);
}

// References from mpmath at 40 digits: log(4/3) in each base. The hover prints
// the double nearest the bits value (17 digits); the other units are converted.
const KL_BITS = '0.41503749927884381';
const KL_NATS = Number('0.2876820724517809274392190059938274315035');
const KL_BANS = Number('0.1249387366082999531324498861938707443363');

function numberAfter(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match) throw new Error(`${pattern} not in ${text}`);
  return Number(match[1]);
}

describe('hovering a measure in examples/cross-entropy.kl', () => {
  it('shows the value at 17 digits in bits and in the other units', async () => {
    const text = await hoverText(EXAMPLE, 'KL(P || Q)\n');
    expect(text).toContain(`**${KL_BITS} bits**`);
    expect(numberAfter(text, /= ([0-9.]+) nats/)).toBeCloseTo(KL_NATS, 15);
    expect(numberAfter(text, /= ([0-9.]+) bans/)).toBeCloseTo(KL_BANS, 15);
  });

  it('writes the formula and the sum term by term, zero terms as 0', async () => {
    const text = await hoverText(EXAMPLE, 'KL(P || Q)\n');
    expect(text).toContain('`D_KL(P‖Q) = Σᵢ pᵢ·log2(pᵢ/qᵢ)`');
    expect(text).toContain(`\`D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = ${KL_BITS} bits\``);
  });

  it('draws P and Q side by side in colours readable on light and dark themes', async () => {
    const [svg] = images(await hoverText(EXAMPLE, 'KL(P || Q)\n'));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // A path per series, a bar per outcome in it; a legend swatch each.
    const pathOf = (colour: string) => new RegExp(`<path fill="${colour}" transform="scale\\(0.1\\)" d="([^"]*)"`).exec(svg)?.[1] ?? '';
    const bars = (colour: string) => (pathOf(colour).match(/M/g) ?? []).length;
    const swatches = (colour: string) => [...svg.matchAll(new RegExp(`<rect [^>]*fill="${colour}"`, 'g'))].length;
    expect([bars('#3b7dd8'), bars('#e8871e')]).toEqual([3, 3]);
    expect([swatches('#3b7dd8'), swatches('#e8871e')]).toEqual([1, 1]);
    // P = [1, 0, 0] against Q = [0.75, 0.2, 0.05], in tenths of a pixel: P's first bar is the whole
    // plot's height (86 px), its others have none.
    const heights = (colour: string) => [...pathOf(colour).matchAll(/v-([0-9]+)/g)].map((m) => Number(m[1]));
    expect(heights('#3b7dd8')).toEqual([860, 0, 0]);
    expect(heights('#e8871e')).toEqual([645, 172, 43]);
    expect(svg).toContain('>P</text>');
    expect(svg).toContain('>Q</text>');
  });

  it('says what scipy and torch return and how to call them, with a Copy as Python link', async () => {
    const text = await hoverText(EXAMPLE, 'KL(P || Q)\n');
    expect(text).toContain('in scipy: `scipy.stats.entropy(p, q, base=2)` → 0.415037499279');
    expect(text).toContain("in torch: `torch.nn.functional.kl_div(q.log(), p, reduction='sum') / math.log(2)` → 0.415037499279");
    const [scipy, torch] = programs(text);
    expect(scipy).toContain('p = numpy.array([1, 0, 0])\nq = numpy.array([0.75, 0.2, 0.05])\nprint(float(scipy.stats.entropy(p, q, base=2)))');
    expect(torch).toContain('p = torch.tensor([1, 0, 0], dtype=torch.float64)');
  });

  it('shows a failed check with both values, and the infinite divergence with its warning once', async () => {
    open('file:///hover/check.kl', 'units bits\nP = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q) ≈ 0.5\nKL(Q || P)\nKL(Q || P) ≈ 1\n');
    const check = await hoverText('file:///hover/check.kl', 'KL(P || Q) ≈');
    expect(check).toContain(`✗ **check fails**: ${KL_BITS} differs from \`0.5\``);
    const infinite = await hoverText('file:///hover/check.kl', 'KL(Q || P)');
    expect(infinite).toContain('**∞ bits**');
    expect(infinite).toContain('0.75·log2(0.75/1) + 0.2·log2(0.2/0) + 0.05·log2(0.05/0) = ∞ bits');
    // The warning covers the call: the editor shows it above the hover, so the hover does not repeat it.
    expect(infinite).not.toMatch(/infinite/);
    const diagnostics = documentOf('file:///hover/check.kl').diagnostics();
    expect(diagnostics.filter((d) => /KL\(Q ‖ P\) is infinite/.test(String(d.message)))).toHaveLength(2);
    // Beside the call (over ≈), no diagnostic is under the pointer: the hover says it.
    const beside = await hoverText('file:///hover/check.kl', '≈ 1');
    expect(beside.match(/⚠ KL\(Q ‖ P\) is infinite/g)).toHaveLength(1);
  });

  it('writes a softmax\'s q that underflowed as e^(ln q), says why, and shows the libraries\' inf beside the finite value', async () => {
    const uri = 'file:///hover/logits.kl';
    open(uri, 'z = [1000, 999, 0]\ny = onehot(3, 3)\nKL(y || softmax(z))\n');
    const text = await hoverText(uri, 'KL(y');
    // mpmath: 1000 + ln(1 + e^-1) = 1000.31326168751822283…
    expect(text).toContain('**1000.3132616875182 nats**');
    expect(text).toContain('`D_KL(y‖softmax(z)) = 0 + 0 + 1·ln(1/e^-1000.31) = 1000.3132616875182 nats`');
    expect(text).toContain('its log is taken from the logits, ln qᵢ = zᵢ − logsumexp(z)');
    expect(text).toContain('in scipy: `scipy.stats.entropy(p, q)` → inf');
    // torch is given the logits, as its users call it: torch.log_softmax(z) keeps ln q = −1000.31 where q is 0 as a double.
    expect(text).toContain("in torch: `torch.nn.functional.kl_div(torch.log_softmax(z, -1), p, reduction='sum')` → 1000.31326169");
    const [, torch] = programs(text);
    expect(torch).toContain('p = torch.tensor([0, 0, 1], dtype=torch.float64)\nz = torch.tensor([1000, 999, 0], dtype=torch.float64)\n');
  });

  it('gives BCE of a sigmoid that rounds to 1 its value from the logit, writes 1 − p as e^(ln(1 − p)), says why, and shows torch\'s loss on the logits', async () => {
    const uri = 'file:///hover/sigmoid.kl';
    open(uri, 'x = 40\nBCE(0, sigmoid(x))\n');
    const text = await hoverText(uri, 'BCE(');
    // sigmoid(40) is 1 as a double; softplus(40) = 40 + 4.2e-18, whose nearest double is 40.
    expect(text).toContain('**40 nats**');
    expect(text).not.toContain('∞');
    expect(text).toContain('`BCE(0, sigmoid(x)) = −1·ln(e^-40) = 40 nats`');
    expect(text).toContain('every log is taken from the logits x, ln p = −softplus(−x) and ln(1 − p) = −softplus(x)');
    expect(text).toContain('in torch: `torch.nn.functional.binary_cross_entropy_with_logits(x, y)` → 40 ·');
    const [torch] = programs(text);
    expect(torch).toContain('y = torch.tensor([0], dtype=torch.float64)\nx = torch.tensor([40], dtype=torch.float64)\nprint(float(torch.nn.functional.binary_cross_entropy_with_logits(x, y)))');
  });

  it('shows the value of a measure written inside a larger statement, and the documentation of other functions', async () => {
    const kl = await hoverAt(EXAMPLE, 'KL(P || Q)', 0, 3);
    expect(documentOf(EXAMPLE).textIn(kl?.range as never)).toBe('KL(P || Q)');
    expect(kl?.contents.value).toContain(`\`D_KL(P‖Q) = 1·log2(1/0.75) + 0 + 0 = ${KL_BITS} bits\``);
    open('file:///hover/nested.kl', 'P = [1, 0]\nCE(P, softmax([1, 1]))\n');
    const softmax = await hoverText('file:///hover/nested.kl', 'softmax');
    expect(softmax).toContain('`softmax(z)`: The categorical distribution of logits z');
  });

  it('names the check as passing with its tolerance', async () => {
    const text = await hoverText(EXAMPLE, 'KL(P || Q) ≈ 0.415');
    expect(text).toContain(`✓ **check passes**: ${KL_BITS} is within ±0.0005 of \`0.415\``);
  });
});

describe('hovering a name', () => {
  it('shows its value as a table, its sum, its entropy and where it was defined', async () => {
    const text = await hoverText(EXAMPLE, 'Q = [0.75, 0.2, 0.05]    #');
    expect(text).toContain('`Q` — defined at line 6');
    expect(text).toContain('| 1 | 0.75 |\n| 2 | 0.2 |\n| 3 | 0.05 |');
    // mpmath: −Σ q log2 q = 0.99176014818097346863…
    expect(text).toContain('sum 1 · entropy 0.99176014818097347 bits');
    expect(images(text)).toHaveLength(1);
  });

  it('writes a measure bound to a name with the names its definition used', async () => {
    const uri = 'file:///hover/bound.kl';
    open(uri, 'units bits\nteacher = [1, 0, 0]\nstudent = [0.75, 0.2, 0.05]\ngap = KL(teacher || student)\ngap * 2\n');
    const text = await hoverText(uri, 'gap * 2');
    expect(text).toContain('`gap` — defined at line 4');
    expect(text).toContain(`\`D_KL(teacher‖student) = 1·log2(1/0.75) + 0 + 0 = ${KL_BITS} bits\``);
  });

  it('labels a labelled distribution by its labels, in a Markdown note at the note\'s own positions', async () => {
    const hover = await hoverAt(NOTE, 'biased)');
    expect(hover?.range?.start).toEqual({ line: 14, character: 2 });
    expect(hover?.contents.value).toContain('| heads | 0.9 |\n| tails | 0.1 |');
    expect(hover?.contents.value).toContain('defined at line 14');
  });

  it('summarises a long vector with its length, extremes, top entries and a histogram', async () => {
    const weights = Array.from({ length: 40 }, (_, i) => (i + 1) / 820);
    open('file:///hover/long.kl', `V = [${weights.join(', ')}]\nH(V)\nKL(V || uniform(40))\n`);
    const name = await hoverText('file:///hover/long.kl', 'V)');
    expect(name).toContain(`40 entries · min ${1 / 820} at #1 · max ${40 / 820} at #40`);
    expect(name).toContain(`top 5: #40: ${40 / 820} · #39: ${39 / 820}`);
    expect(name).not.toContain('| 21 |');
    expect(images(name)[0]).toContain('V: 40 entries');
    const measure = await hoverText('file:///hover/long.kl', 'KL(V');
    const kl = weights.reduce((sum, p) => sum + p * Math.log(p * 40), 0);
    expect(measure).toMatch(/\+ … \(35 more terms, together -?[0-9.e-]+\) = /);
    expect(measure).toContain(`0.0487805·ln(0.0487805/0.025)`);
    expect(Number(/\*\*([0-9.e-]+) nats\*\*/.exec(measure)?.[1])).toBeCloseTo(kl, 14);
    expect(images(measure)[0]).toContain('top 20 of 40 outcomes by V');
  });
});

describe('hovering normals and precise values', () => {
  it('gives a normal its differential entropy, and a `precision N` value all its digits', async () => {
    const uri = 'file:///hover/precise.kl';
    open(uri, 'units bits\nN = normal(0, 1)\nprecision 30\nH([0.25, 0.75])\n');
    // mpmath: ½·log2(2πe) = 2.0470955851806411027…, whose nearest double prints as below.
    expect(await hoverText(uri, 'N =')).toContain('normal(μ = 0, σ = 1) · differential entropy 2.0470955851806409 bits');
    // mpmath: −(¼·log2 ¼ + ¾·log2 ¾) to 30 digits.
    expect(await hoverText(uri, 'H(')).toContain('at 30-digit precision: `0.811278124459132863909695792039`');
  });
});

describe('hovering in a Markdown note', () => {
  it('evaluates the kl blocks of the note as one scope, in the note\'s line numbers', async () => {
    const text = await hoverText(NOTE, 'H(coin)');
    expect(text).toContain('`H(coin) = −0.5·log2(0.5) − 0.5·log2(0.5) = 1 bits`');
  });

  it('shows nothing over the prose, over a comment, or past the end', async () => {
    expect(await hoverAt(NOTE, 'fair coin')).toBeNull();
    open('file:///hover/comment.kl', 'H([0.5, 0.5])  # one bit\n');
    expect(await hoverAt('file:///hover/comment.kl', 'one bit')).toBeNull();
    expect(documentOf(NOTE).hover({ line: 400, character: 0 })).toBeNull();
  });
});

const python = '/usr/bin/python3';
const hasLibraries = spawnSync(python, ['-c', 'import scipy.stats, torch'], { encoding: 'utf8' }).status === 0;

/** Runs the programs in one Python process (torch takes seconds to import) and returns what each printed. */
function runPython(codes: string[]): string[] {
  const driver = [
    'import contextlib, io, json, sys',
    'out = []',
    'for code in json.load(sys.stdin):',
    '    buffer = io.StringIO()',
    '    with contextlib.redirect_stdout(buffer):',
    '        exec(code, {})',
    '    out.append(buffer.getvalue().strip())',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync(python, ['-c', driver], { input: JSON.stringify(codes), encoding: 'utf8' })) as string[];
}

const LIBRARY_CASES: [string, string][] = [
  ['KL of the example', 'units bits\nKL([1, 0, 0] || [0.75, 0.2, 0.05])'],
  ['entropy of weights that do not sum to 1', 'units bits\nH([0.5, 0.6])'],
  ['cross-entropy with a zero outcome', 'CE([0.5, 0.5, 0], [0.4, 0.4, 0.2])'],
  ['cross-entropy where torch gives nan', 'CE([0.5, 0.5, 0], [0.5, 0.5, 0])'],
  ['Jensen–Shannon', 'units bans\nJS([0.1, 0.9] || [0.6, 0.4])'],
  ['a batch', 'KL([[0.5, 0.5], [0.9, 0.1]] || [[0.6, 0.4], [0.5, 0.5]])'],
  ['binary cross-entropy with a clamped log', 'BCE([1, 1], [0, 0.5])'],
  ['binary cross-entropy of a sigmoid, from its logits', 'BCE([0, 1, 0.3], sigmoid([40, -800, 2]))'],
  ['binary cross-entropy of a sigmoid where torch keeps fewer digits', 'units bits\nBCE(1, sigmoid(30))'],
  ['KL of a softmax that underflows', 'KL(onehot(3, 3) || softmax([1000, 999, 0]))'],
  ['cross-entropy of a softmax that underflows, in bits', 'units bits\nCE([0.5, 0.25, 0.25], softmax([1000, 999, 0]))'],
  ['KL of a batch against the softmax of a matrix of logits', 'KL([[0.5, 0.5, 0], [0.9, 0.05, 0.05]] || softmax([[1, 2, -800], [3, 4, 5]]))'],
  ['cross-entropy of a batch against a softmax', 'CE([[0.5, 0.5], [0.9, 0.1]], softmax([[1, 2], [3, 4]]))'],
  ['perplexity', 'perplexity([0.5, 0.25, 0.25])'],
  ['a long distribution against a uniform one', `KL(normalize([${Array.from({ length: 150 }, (_, i) => (i % 13) + 1).join(', ')}]) || uniform(150))`],
  ['the entropy of a normal, in bits', 'units bits\nH(normal(0, 3))'],
  ['the KL of two normals', 'KL(normal(0, 1) || normal(1, 2))'],
];

describe.skipIf(!hasLibraries)('the Copy as Python programs, run in Python', () => {
  const shownByCase = new Map<string, { shown: string; code: string }[]>();
  const printed = new Map<string, string>();

  beforeAll(async () => {
    for (const [name, text] of LIBRARY_CASES) {
      const uri = `file:///python/${encodeURIComponent(name)}.kl`;
      const document = open(uri, `${text}\n`);
      const lastLine = text.split('\n').length - 1;
      const hover = document.hover({ line: lastLine, character: 1 }) as Hover;
      const lines = hover.contents.value.split('\n').filter((line) => line.startsWith('in scipy') || line.startsWith('in torch'));
      const codes = programs(hover.contents.value);
      expect(codes.length).toBe(lines.length);
      shownByCase.set(name, lines.map((line, i) => ({ shown: /→ (\S+)/.exec(line)?.[1] as string, code: codes[i] })));
    }
    const all = [...shownByCase.values()].flat();
    runPython(all.map((each) => each.code)).forEach((output, i) => printed.set(all[i].code, output));
  }, 120_000);

  it.each(LIBRARY_CASES.map(([name]) => name))('print what the hover says the library returns: %s', (name) => {
    const shown = shownByCase.get(name) ?? [];
    expect(shown.length).toBeGreaterThan(0);
    for (const { shown: value, code } of shown) {
      const output = printed.get(code) as string;
      if (value === 'nan' || value === 'inf') expect(output).toBe(value);
      else expect(Math.abs(Number(output) - Number(value))).toBeLessThanOrEqual(Math.abs(Number(value)) * 1e-11);
    }
  });
});
