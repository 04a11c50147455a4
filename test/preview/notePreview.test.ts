// The Markdown preview's plugin on the server's rendering of the example note:
// every value its code lenses show is drawn beside its line of the kl block,
// every checked formula is marked ✓/✗ with both sides in its title, and
// document text reaches the HTML only escaped. The rendering is asked of the
// bundled server over stdio, as the extension does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { klPreviewPlugin, type RenderingSource } from '../../server/src/render/notePreview';
import { NOTE_RENDERING_REQUEST, type NoteRendering } from '../../server/src/lsp/klProtocol';
import { ensureBuilt, LspSession, ROOT } from '../lsp/lspSession';

let session: LspSession;

beforeAll(async () => {
  ensureBuilt();
  session = await LspSession.start();
}, 60_000);

afterAll(async () => {
  await session.stop();
});

/**
 * A stand-in for VS Code's markdown-it-katex: `$…$` and `$$…$$` become the
 * math_inline and math_block tokens it makes, drawn as `<katex>…</katex>`.
 */
function withMath(md: MarkdownIt): MarkdownIt {
  md.inline.ruler.before('escape', 'math_inline', (state: StateInline, silent: boolean) => {
    if (state.src[state.pos] !== '$' || state.src[state.pos + 1] === '$') return false;
    const end = state.src.indexOf('$', state.pos + 1);
    if (end < 0) return false;
    if (!silent) state.push('math_inline', 'math', 0).content = state.src.slice(state.pos + 1, end);
    state.pos = end + 1;
    return true;
  });
  md.block.ruler.before('fence', 'math_block', (state, startLine, _endLine, silent) => {
    const start = state.bMarks[startLine] + state.tShift[startLine];
    if (state.src.slice(start, start + 2) !== '$$') return false;
    const close = state.src.indexOf('$$', start + 2);
    if (close < 0) return false;
    if (silent) return true;
    const token = state.push('math_block', 'math', 0);
    token.content = state.src.slice(start + 2, close);
    let line = startLine;
    while (line < state.lineMax && state.bMarks[line] + state.tShift[line] <= close) line++;
    token.map = [startLine, line];
    state.line = line;
    return true;
  }, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, index) => `<katex>${md.utils.escapeHtml(tokens[index].content)}</katex>`;
  md.renderer.rules.math_block = (tokens, index) => `<katex display>${md.utils.escapeHtml(tokens[index].content)}</katex>`;
  return md;
}

/** The note rendered as the preview renders it, the plugin installed before the math (as may happen in VS Code). */
async function preview(uri: string, text: string): Promise<{ html: string; rendering: NoteRendering }> {
  session.open(uri, text);
  await session.diagnostics(uri);
  // On a loaded machine a statement may be left to the background thread: ask until every value is there, as the client does.
  let rendering = (await session.request<NoteRendering | null>(NOTE_RENDERING_REQUEST, { uri }))!;
  for (let tries = 0; rendering.pending && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rendering = (await session.request<NoteRendering | null>(NOTE_RENDERING_REQUEST, { uri }))!;
  }
  const lines = text.split('\n');
  const source: RenderingSource = { rendering: (asked) => (asked === uri ? rendering : undefined), lineText: (asked, line) => (asked === uri ? lines[line] : undefined) };
  const md = withMath(klPreviewPlugin(new MarkdownIt({ html: true }), source));
  return { html: md.render(text, { currentDocument: uri }), rendering };
}

describe('the Markdown preview of a note', () => {
  it('draws the value of every lens beside its line of the kl block, and marks every checked formula', async () => {
    const uri = 'file:///preview/cross-entropy.md';
    const { html, rendering } = await preview(uri, readFileSync(path.join(ROOT, 'examples/notes/cross-entropy.md'), 'utf8'));
    const lenses = await session.lensTitles(uri);
    expect(rendering.pending).toBe(false);
    // The kl code's lenses are the rendering's values, title for title.
    const codeLenses = lenses.filter((title) => !title.includes('math:'));
    expect(rendering.values.map((value) => value.title)).toEqual(codeLenses);
    expect(codeLenses).toContain('✓ 0.415 (0.41504)');
    const drawn = [...html.matchAll(/<span class="kl-value [^"]+">([^<]*)<\/span>/g)].map((match) => match[1]);
    expect(drawn).toEqual(codeLenses.map((title) => new MarkdownIt().utils.escapeHtml(title)));
    // The names in the code are drawn with the editor's token types.
    expect(html).toContain('<span class="kl-token-function">KL</span>');
    // Each checked formula: its verdict beside it, the lens title and every relation in its title.
    const marks = [...html.matchAll(/class="kl-math[^"]* (kl-pass|kl-fail)" title="([^"]*)"/g)];
    expect(marks.length).toBe(rendering.formulas.length);
    expect(marks.map((mark) => mark[1])).toEqual(rendering.formulas.map((formula) => (formula.pass ? 'kl-pass' : 'kl-fail')));
    expect(marks.some((mark) => mark[1] === 'kl-fail' && mark[2].includes('\\log_2(D_{KL}(P||Q) + H(P))'))).toBe(true);
    expect(marks.map((mark) => mark[2].split('\n')[0])).toEqual(lenses.filter((title) => title.includes('math:')).map((title) => new MarkdownIt().utils.escapeHtml(title)));
  });

  it('escapes labels and names that hold HTML or Markdown', async () => {
    const note = '# Hostile\n\n```kl\nP = {"<img src=x onerror=alert(1)>": 0.5, "[a](command:evil)": 0.5}\nH(P)\n```\n';
    const { html } = await preview('file:///preview/hostile.md', note);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<a\s/);
  });

  it('draws each value in prose after its code span, as its inlay hint shows it, in the document order, escaped', async () => {
    const uri = 'file:///preview/prose.md';
    const note = [
      '```kl', 'units bits', 'P = [0.5, 0.5]', 'Q = [0.25, 0.75]', '```', '',
      'The divergence is `kl: KL(P || Q)`, in bits; plain `code` stays code.', '',
      '```kl', 'P = [0.1, 0.9]', '```', '',
      'Again `kl:  KL(P || Q)` (rebound P) and `kl: <b>x</b>` and `` kl: "`*x*`" ``.', '',
    ].join('\n');
    const { html, rendering } = await preview(uri, note);
    const hints = (await session.request<{ label: string; position: { line: number } }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } }))
      .filter((hint) => hint.position.line === 6 || hint.position.line === 12)
      .map((hint) => hint.label);
    const drawn = [...html.matchAll(/<\/code><span class="kl-value kl-prose [^"]+" title="([^"]*)">([^<]*)<\/span>/g)].map((match) => match[2]);
    expect(rendering.prose.map((prose) => prose.value)).toEqual(hints);
    expect(drawn).toEqual(hints.map((label) => new MarkdownIt().utils.escapeHtml(label)));
    expect(drawn.slice(0, 2)).toEqual(['= 0.20752 bits', '= 0.10454 bits']);
    expect(drawn[2]).toMatch(/^⚠ /);
    // A string is a value: shown as text, its Markdown not read.
    expect(drawn[3]).toBe('= &quot;`*x*`&quot;');
    expect(html).not.toContain('<em>x');
    expect(html).toContain('title="KL(P || Q) = 0.20751874963942191 bits"');
    expect(html).not.toContain('<b>x');
    expect(html).toContain('<code>kl: &lt;b&gt;x&lt;/b&gt;</code>');
  });

  it('draws a block without values, and says so, before the server has read the version', () => {
    const md = klPreviewPlugin(new MarkdownIt(), { rendering: () => undefined, lineText: () => undefined });
    const html = md.render('```kl\nH([0.5, 0.5])\n```\n', { currentDocument: 'file:///preview/unread.md' });
    expect(html).toContain('H([0.5, 0.5])');
    expect(html).not.toContain('kl-value');
    expect(html).toContain('kl-status');
  });

  it('keeps the attributes VS Code gives the fence (scrolling in step with the editor), its class joined to ours', () => {
    const md = new MarkdownIt();
    // What VS Code's preview does to every block token with a place: a class and the line.
    md.core.ruler.push('source_lines', (state) => {
      for (const token of state.tokens) {
        if (!token.map || token.type !== 'fence') continue;
        token.attrJoin('class', 'code-line');
        token.attrSet('data-line', String(token.map[0]));
      }
    });
    const html = klPreviewPlugin(md, { rendering: () => undefined, lineText: () => undefined }).render('text\n\n```kl\nH([1])\n```\n', { currentDocument: 'file:///x.md' });
    expect(html).toContain('<pre class="kl-block code-line" data-line="2">');
  });

  it('leaves other fences and documents outside VS Code alone', () => {
    const md = klPreviewPlugin(new MarkdownIt(), { rendering: () => undefined, lineText: () => undefined });
    expect(md.render('```python\nprint(1)\n```\n', { currentDocument: 'file:///x.md' })).toBe(new MarkdownIt().render('```python\nprint(1)\n```\n'));
    expect(md.render('```kl\nH([1])\n```\n')).toBe(new MarkdownIt().render('```kl\nH([1])\n```\n'));
  });
});
