// Labels, strings and LaTeX written to be Markdown: an image that fetches a
// remote URL on hover, a link that forges one of our commands, HTML, autolinks,
// link definitions, text that ends its line. Every kind of hover is rendered
// for each (from a .kl document, from a JSON and a CSV file load() reads, from
// a note's math) and parsed with markdown-it, HTML and linkify on: the only
// images are the charts KL Lens drew, the only links its own Copy as Python
// links, no HTML, no link definitions, and the hover has the same Markdown
// structure as for a plain label: the text is shown, never read as Markdown.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { mathHover } from '../../server/src/features/mathChecks';
import { type Analysis } from '../../server/src/language/analysis';
import { analyze } from '../../server/src/notes/documentAnalysis';
import { workspace } from '../load/workspace';
import { ensureBuilt, LspSession } from '../lsp/lspSession';

const REMOTE = 'https://127.0.0.1:8123';

const HOSTILE_LABELS = [
  `![x](${REMOTE}/px.png)`,
  `[Copy as Python](command:kl.copyAsPython?%5B%22import%20os%22%5D)`,
  `[run](command:workbench.action.terminal.new)`,
  `<img src=${REMOTE}/tag.png>`,
  `<img src="${REMOTE}/q.png" onerror="alert(1)">`,
  '<script>alert(1)</script>',
  `<${REMOTE}/autolink>`,
  '<user@example.com>',
  `${REMOTE}/bare`,
  'www.example.com',
  'evil.example/px.png',
  'user@example.com',
  '[ref]',
  '[x][ref]',
  `[ref]: ${REMOTE}/definition`,
  `a\n\n[ref]: ${REMOTE}/definition\n\n[ref]`,
  `a\n![x](${REMOTE}/lf.png)`,
  `a\r![x](${REMOTE}/cr.png)`,
  `a\r\n\r\n<img src=${REMOTE}/crlf.png>`,
  `a\u2028![x](${REMOTE}/ls.png)`,
  `a\u2029![x](${REMOTE}/ps.png)`,
  `a\u0085![x](${REMOTE}/nel.png)`,
  '`',
  '``',
  `\` ![x](${REMOTE}/tick.png) \``,
  `\`\` <img src=${REMOTE}/ticks.png> \`\``,
  `\\![x](${REMOTE}/backslash.png)`,
  '\\',
  '&lt;img src=x&gt;',
  '&#60;img src=x&#62;',
  '*em* _em_ **strong** ~~struck~~',
  '# heading',
  '> quote',
  '- item',
  '1. item',
  '---',
  '===',
  '| a | b |',
  '$(alert) $x$',
  '    indented',
  'a\u0000b',
  '\u202eevil',
  'a\tb',
  `${'x'.repeat(5000)}![x](${REMOTE}/long.png)`,
];

const markdownIt = new MarkdownIt({ html: true, linkify: true });

interface Rendered {
  tokens: Token[];
  references: Record<string, unknown>;
}

function render(markdown: string): Rendered {
  const env: { references?: Record<string, unknown> } = {};
  const blocks = markdownIt.parse(markdown, env);
  const tokens = blocks.flatMap((token) => [token, ...(token.children ?? [])]);
  return { tokens, references: env.references ?? {} };
}

/** What a hover may hold: charts drawn by KL Lens, Copy as Python links, nothing else. */
function expectOnlyOurs(markdown: string): void {
  const { tokens, references } = render(markdown);
  expect(references).toEqual({});
  for (const token of tokens) {
    expect(token.type).not.toMatch(/^html_/);
    if (token.type === 'image') {
      const src = token.attrGet('src') ?? '';
      expect(src).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
      const svg = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64').toString('utf8');
      expect(svg).not.toMatch(/href|<image|url\(|<script|<foreignObject/i);
    }
    if (token.type === 'link_open') {
      const href = token.attrGet('href') ?? '';
      expect(href).toMatch(/^command:kl\.copyAsPython\?/);
      const args = JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as unknown;
      expect(Array.isArray(args) && args.length === 1 && typeof args[0] === 'string').toBe(true);
    }
  }
  const links = tokens.filter((token) => token.type === 'link_open').length;
  const linkTexts = tokens.flatMap((token, i) => (token.type === 'link_open' ? [tokens[i + 1]?.content] : []));
  expect(linkTexts).toEqual(Array.from({ length: links }, () => 'Copy as Python'));
}

/** The hover's Markdown structure: every token but the text inside it. */
function structure(markdown: string): string[] {
  return render(markdown).tokens.filter((token) => token.type !== 'text' && token.type !== 'text_special').map((token) => token.type);
}

/** The characters a reader sees: text and code. */
function shownText(markdown: string): string {
  return render(markdown).tokens.filter((token) => token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline').map((token) => token.content).join('');
}

const files = workspace();

/** A label as KL source: quoted with a quote it does not hold (KL strings cannot hold a line feed). */
function klString(label: string): string | undefined {
  if (label.includes('\n')) return undefined;
  if (!label.includes('"')) return `"${label}"`;
  return label.includes("'") ? undefined : `'${label}'`;
}

function csvField(label: string): string {
  return `"${label.replace(/"/g, '""')}"`;
}

interface Place {
  /** What the user hovers. */
  what: string;
  markdown: string;
}

/**
 * Every hover of documents that read the label from files, write it (where KL
 * can write `like`) and put it in LaTeX (where `like` can be there).
 */
function hoversFor(label: string, folder: string, like = label): Place[] {
  const p = JSON.stringify({ [label]: 0.5, b: 0.5 });
  const r = JSON.stringify(Object.fromEntries([[label, 9], ...Array.from({ length: 24 }, (_, i) => [`c${i}`, 1])]));
  files.write(`${folder}/p.json`, p);
  files.write(`${folder}/r.json`, r);
  files.write(`${folder}/c.csv`, `label,p\n${csvField(label)},0.5\nb,0.5\n`);
  // Each line, and where inside it to hover besides its start.
  const lines: [string, string[]][] = [
    [`P = load("${folder}/p.json")`, []],
    [`R = load("${folder}/r.json")`, []],
    [`C = load("${folder}/c.csv")`, []],
    ['R = normalize(R)', []],
    ['KL(P || {b: 1})', []],
    ['H(P)', ['P)']],
    // On `+`, the warning of KL(…) is not under the pointer, so the hover writes it (under the pointer, the editor shows the diagnostic itself).
    ['H(P) + KL(P || {b: 1})', ['KL(', '+ ']],
    ['grad(H(P), P)', ['H(', 'P)']],
    ['KL(C || {b: 1})', ['C ']],
  ];
  const quoted = klString(label);
  if (quoted && klString(like)) {
    lines.push([`s = ${quoted}`, []], ['S = s', ['s']], [`Q = {${quoted}: 0.5, b: 0.5}`, []], [`Q == {${quoted}: 0.5, b: 0.5}`, ['==']]);
    lines.push([`KL({${quoted}: 1} || {b: 1})`, []], [`H({${quoted}: 1})`, []]);
  }
  const text = `${lines.map(([line]) => line).join('\n')}\n`;
  const analysis = files.analyze(text);
  const places: Place[] = [];
  const at = (what: string, analyzed: Analysis, offset: number, viaMath = false) => {
    const found: Hover | null = viaMath ? mathHover(analyzed, offset) : hover(analyzed, offset);
    if (found) places.push({ what, markdown: (found.contents as MarkupContent).value });
  };
  let start = 0;
  for (const [i, [line, needles]] of lines.entries()) {
    at(`line ${i + 1}, at its start`, analysis, start);
    for (const needle of needles) at(`line ${i + 1}, on ${needle}`, analysis, start + line.indexOf(needle, 1) + 1);
    start += line.length + 1;
  }
  // In LaTeX, `%` starts a comment and `\`, braces and `$` are LaTeX: such a label is not in `\text{…}` as such.
  if (!/[$%\\{}\n\r\u2028\u2029\u0085]/.test(like)) {
    const note = `# A note\n\n$\\text{${label}} = 1$ and $H(P) = \\text{${label}}$ and $\\mathrm{KL} \\approx \\text{${label}}$\n`;
    const noteAnalysis = analyze(note, 'markdown');
    for (const needle of ['\\text', 'H(', '\\mathrm']) at(`the note's math, on ${needle}`, noteAnalysis, note.indexOf(needle) + 1, true);
  }
  return places;
}

describe.each(HOSTILE_LABELS.map((label, i) => [JSON.stringify(label.length > 60 ? `${label.slice(0, 40)}…` : label), label, i] as const))('the label %s', (_, label, i) => {
  const hostile = hoversFor(label, `hostile${i}`);
  // The same length and the same line breaks, letters only.
  const plain = hoversFor(label.replace(/[^\n\r]/g, 's'), `plain${i}`, label);

  it('renders in hovers with no image but our charts, no link but ours, no HTML', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(label.includes('\n') ? 10 : 20);
    for (const place of hostile) expectOnlyOurs(place.markdown);
  });

  it('gives every hover the Markdown structure a plain label gives it', () => {
    expect(hostile.map((place) => place.what)).toEqual(plain.map((place) => place.what));
    hostile.forEach((place, k) => expect(structure(place.markdown), place.what).toEqual(structure(plain[k].markdown)));
  });

  it('is shown as it is written, where it has no invisible characters', () => {
    if (/[\p{Cc}\u2028-\u202e]/u.test(label)) return;
    const table = hostile.find((place) => place.what === 'line 1, at its start');
    // A table cell loses its leading and trailing spaces.
    expect(shownText(table?.markdown ?? '')).toContain(label.trim());
    const warning = hostile.find((place) => place.what === 'line 7, on + ');
    expect(shownText(warning?.markdown ?? '')).toContain(`at '${label}'`);
  });
});

describe('LaTeX written to be Markdown, in a note', () => {
  const formulas = [
    `$H([0.5, 0.5]) = 1 ![x](${REMOTE}/m.png)$`,
    `$H([0.5, 0.5]) = 1 <img src=${REMOTE}/m.png>$`,
    '$\\text{`} ![x](' + REMOTE + '/tick.png) \\text{`} = 1$',
    '$x = ``` <' + REMOTE + '/auto> ```$',
    '$\\text{``} ![x](' + REMOTE + '/ticks.png) = 1$',
    `$\\mathrm{[Copy as Python](command:kl.copyAsPython?["import os"])} = 1$`,
    `$H([0.5, 0.5]) \\approx 0.6931 [ref]$ and [ref]: ${REMOTE}/definition`,
  ];

  it.each(formulas)('%s: its hover holds nothing but text and code', (formula) => {
    const note = `# A note\n\n${formula}\n`;
    const analysis = analyze(note, 'markdown');
    const found = mathHover(analysis, note.indexOf('$') + 2);
    expect(found).not.toBeNull();
    expectOnlyOurs((found?.contents as MarkupContent).value);
  });
});

describe('the hover of the issue, from the server', () => {
  let session: LspSession;
  beforeAll(async () => {
    ensureBuilt();
    session = await LspSession.start();
  }, 120_000);
  afterAll(() => session.stop());

  it('shows the label of P = {"![x](…)": 0.5, b: 0.5} as text, with no image fetched from a server', async () => {
    const uri = 'file:///security/image.kl';
    session.open(uri, `P = {"![x](${REMOTE}/px.png)": 0.5, b: 0.5}\nH(P) + KL(P || {b: 1})\n`);
    await session.diagnostics(uri);
    const found = await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } });
    const markdown = (found.contents as MarkupContent).value;
    expectOnlyOurs(markdown);
    expect(shownText(markdown)).toContain(`at '![x](${REMOTE}/px.png)'`);
  });
});
