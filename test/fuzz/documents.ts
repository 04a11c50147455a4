// What the fuzz tests feed the engine and the server: token soup in the
// language's own vocabulary, LaTeX soup for notes, and the real documents of
// the repository (examples, the reference fixtures, the LaTeX corpus) with
// random damage done to them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

const root = path.resolve(__dirname, '../..');

/** One seed for every run, printed by fast-check with any counterexample; KL_FUZZ_SEED explores others. */
export const FUZZ_SEED = Number(process.env.KL_FUZZ_SEED ?? 20_241_127);
/** KL_FUZZ_RUNS scales every run count, for a long session of fuzzing by hand. */
export const runs = (count: number) => Math.round(count * Number(process.env.KL_FUZZ_RUNS ?? 1));

const KL_TOKENS = [
  // numbers, at the edges too
  '0', '1', '0.5', '.25', '75%', '1e-3', '1e309', '1e-400', '5e-324', '1e308', '-0', '3', '10000000', '1e12',
  // names, builtins, directives, and names that mean something to JavaScript
  'P', 'Q', 'x', 'y', 'z', 'ŷ', 'p_true', 'Q2', 'H', 'KL', 'D', 'CE', 'JS', 'BCE', 'entropy', 'crossentropy', 'perplexity',
  'softmax', 'normalize', 'uniform', 'onehot', 'bernoulli', 'normal', 'log', 'ln', 'log2', 'log10', 'exp', 'sqrt', 'abs',
  'sigmoid', 'sum', 'min', 'max', 'logsumexp', 'grad', 'load', 'pi', 'π', 'e', 'units', 'base', 'precision', 'bits', 'nats', 'bans',
  'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'NaN', 'Infinity', 'import', 'evaluate',
  // operators and punctuation, in every spelling
  '+', '-', '*', '/', '^', '·', '×', '(', ')', '[', ']', '{', '}', ',', ':', '=', '==', '≈', '~=', '±', '+-', '||', '‖', ';', '.', '|', '%',
  // strings, comments, white space, breaks
  '"cat"', "'dog'", '"unclosed', '# comment', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\u00a0', '\u200b', '`', '$', '\\', '@',
];

const LATEX_TOKENS = [
  '\\frac{', '}{', '}', '{', '\\sum_{i=1}^{3}', '\\sum', '\\prod', '\\log', '\\log_2', '\\ln', '\\exp', '\\sqrt{', '\\left(', '\\right)',
  '\\cdot', '\\times', '=', '\\approx', '\\ne', '<', '\\le', '+', '-', '^', '_', '(', ')', '[', ']', '0.415', '1', '0.75', '2', '3',
  'p_i', 'q_i', 'P', 'Q', 'H(P)', 'D_{KL}(P||Q)', 'KL(P \\| Q)', '\\text{ bits}', '\\begin{aligned}', '\\end{aligned}', '&', '\\\\',
  '\\pi', 'e', '\\hat{y}', '\\mathbf{y}', ' ', '\n', '$', '$$', '\\', '%', '\\infty', '1e309', '\\,', '\\!',
];

export const klTokenSoup = fc.array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...KL_TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }), { maxLength: 60 }).map((tokens) => tokens.join(''));

export const latexSoup = fc.array(fc.constantFrom(...LATEX_TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(''));

/** A Markdown note: prose, `kl` fences (closed or not) of token soup, and math of LaTeX soup. */
export const noteSoup = fc.array(
  fc.oneof(
    fc.constant('Some prose.\n'),
    klTokenSoup.map((kl) => `\`\`\`kl\n${kl}\n\`\`\`\n`),
    klTokenSoup.map((kl) => `~~~kl\n${kl}\n`),
    latexSoup.map((latex) => `$${latex}$ `),
    latexSoup.map((latex) => `\n$$\n${latex}\n$$\n`),
    fc.constantFrom('```\n', '```python\nx = 1\n```\n', '    ```kl\n', '<script>alert(1)</script>\n', '$', '$$', '\\$', '`$x$`'),
  ),
  { maxLength: 12 },
).map((parts) => parts.join(''));

/** A few tokens repeated thousands of times: what finds the limits of lengths and depths (`1 + 1 + …`, `((((…`). */
export const repeatedKl = fc.tuple(fc.array(fc.constantFrom(...KL_TOKENS), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1000, max: 20_000 })).map(([tokens, times]) => tokens.join('').repeat(times));
export const repeatedLatex = fc
  .tuple(fc.array(fc.constantFrom(...LATEX_TOKENS), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1000, max: 20_000 }), fc.constantFrom('$', '$$', '\\[', '\\('))
  .map(([tokens, times, fence]) => `${fence}${tokens.join('').repeat(times)}${fence === '\\[' ? '\\]' : fence === '\\(' ? '\\)' : fence}\n`);

function filesUnder(folder: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(file, extensions));
    else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(file);
  }
  return found;
}

/** The repository's real KL documents: the examples and every reference fixture. */
export function realKlDocuments(): string[] {
  const examples = filesUnder(path.join(root, 'examples'), ['.kl']).map((file) => readFileSync(file, 'utf8'));
  const fixtures = JSON.parse(readFileSync(path.join(root, 'test/fixtures/reference.json'), 'utf8')) as { cases: { document: string }[] };
  return [...examples, ...fixtures.cases.map((entry) => entry.document)];
}

/** The repository's real notes: the example notes, and every snippet of the LaTeX corpus in a note after its `kl` block. */
export function realNotes(): string[] {
  const examples = filesUnder(path.join(root, 'examples'), ['.md']).map((file) => readFileSync(file, 'utf8'));
  const corpus = JSON.parse(readFileSync(path.join(root, 'test/latex/corpus.json'), 'utf8')) as { cases: { latex: string; kl?: string }[] };
  return [...examples, ...corpus.cases.map((entry) => `# Note\n\n${entry.kl ? `\`\`\`kl\n${entry.kl}\n\`\`\`\n\n` : ''}$$\n${entry.latex}\n$$\n`)];
}

type Mutation = (text: string) => string;

/** One random change to a text: delete, insert, duplicate, swap lines, cut; positions are fractions of the length. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(([at, length]): Mutation => (text) => {
    const start = Math.floor(at * text.length);
    return text.slice(0, start) + text.slice(start + length);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...KL_TOKENS, ...LATEX_TOKENS), fc.string({ unit: 'grapheme', maxLength: 4 }))).map(([at, inserted]): Mutation => (text) => {
    const start = Math.floor(at * text.length);
    return text.slice(0, start) + inserted + text.slice(start);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 })).map(([at, length]): Mutation => (text) => {
    const start = Math.floor(at * text.length);
    return text.slice(0, start + length) + text.slice(start, start + length) + text.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (text) => {
    const lines = text.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((at): Mutation => (text) => text.slice(0, Math.floor(at * text.length))),
);

/** A document from `documents` with one to five random changes. */
export function mutated(documents: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...documents), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([document, changes]) => changes.reduce((text, change) => change(text), document));
}
