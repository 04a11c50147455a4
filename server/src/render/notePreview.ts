// The markdown-it plugin of the Markdown preview (`extendMarkdownIt`): each
// `kl` block drawn with the editor's colours and, beside each line, the value
// its code lens shows; each checked formula marked ✓ or ✗ with both sides in
// its title; each value in prose (`` `kl: KL(P || Q)` ``) followed by the
// value its inlay hint shows, at full precision in its title. Everything comes from the server's `kl/noteRendering` for the
// version shown (see noteRenderings.ts): the preview evaluates nothing.
//
// markdown-it renders synchronously, so the plugin draws what has arrived and
// the preview is refreshed when a newer rendering comes.
import type MarkdownIt from 'markdown-it';
import type { NoteFormula, NoteProseValue, NoteRendering } from '../lsp/klProtocol';

/** Where the plugin reads what to draw: the rendering of a document's current version, and its lines. */
export interface RenderingSource {
  /** The rendering of the document's version now in the editor, if it has arrived (asking for it otherwise). */
  rendering(uri: string): NoteRendering | undefined;
  /** A line of the document as the editor has it (for the columns of a block indented in a list or quote). */
  lineText(uri: string, line: number): string | undefined;
}

type Renderer = MarkdownIt['renderer'];
type RenderRule = NonNullable<Renderer['rules'][string]>;

const KL_INFO = /^kl(?:\s|$)/;
/** The rules markdown-it-katex (VS Code's built-in math) renders formulas with. */
const MATH_RULES = ['math_inline', 'math_block'] as const;
const WRAPPED = Symbol('kl-lens math rule');

interface RenderState {
  rendering: NoteRendering | undefined;
  /** The checked formulas not yet drawn, by their LaTeX (whitespace collapsed), in the document's order. */
  formulas: Map<string, NoteFormula[]>;
  /** The values in prose not yet drawn, by their code (whitespace collapsed), in the document's order. */
  prose: Map<string, NoteProseValue[]>;
  /** The kl code's tokens and lens titles by line, decoded once per render for all the note's blocks. */
  tokensByLine: Map<number, DecodedToken[]>;
  valuesByLine: Map<number, string[]>;
}

export function klPreviewPlugin(md: MarkdownIt, source: RenderingSource): MarkdownIt {
  const escape = md.utils.escapeHtml;
  const states = new WeakMap<object, RenderState>();
  const stateOf = (env: unknown): RenderState | undefined => (typeof env === 'object' && env !== null ? states.get(env) : undefined);

  const render = md.renderer.render;
  md.renderer.render = function (tokens, options, env) {
    // Wrapped here, not at install: the math extension may extend markdown-it after us.
    wrapMathRules(this, escape, stateOf);
    const uri = documentUri(env);
    const rendering = uri === undefined ? undefined : source.rendering(uri);
    if (typeof env === 'object' && env !== null) {
      const valuesByLine = new Map<number, string[]>();
      for (const value of rendering?.values ?? []) valuesByLine.set(value.line, [...(valuesByLine.get(value.line) ?? []), value.title]);
      states.set(env, { rendering, formulas: formulasByContent(rendering), prose: proseByContent(rendering), tokensByLine: rendering ? decodeTokens(rendering) : new Map(), valuesByLine });
    }
    return render.call(this, tokens, options, env);
  };

  const codeInline = md.renderer.rules.code_inline;
  md.renderer.rules.code_inline = (tokens, index, options, env, self) => {
    const html = codeInline ? codeInline(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
    const prose = stateOf(env)?.prose.get(collapsed(tokens[index].content))?.shift();
    if (!prose) return html;
    return `${html}<span class="kl-value kl-prose ${prose.error ? 'kl-warning' : 'kl-result'}" title="${escape(prose.title)}">${escape(prose.value)}</span>`;
  };

  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const uri = documentUri(env);
    if (!KL_INFO.test(token.info.trim()) || !token.map || uri === undefined) return fence ? fence(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
    const state = stateOf(env);
    const rendering = state?.rendering;
    const firstLine = token.map[0] + 1;
    const lines = token.content.replace(/\n$/, '').split('\n');
    const tokensByLine = state?.tokensByLine ?? new Map<number, DecodedToken[]>();
    const valuesByLine = state?.valuesByLine ?? new Map<number, string[]>();
    const body = lines.map((text, i) => {
      const line = firstLine + i;
      const documentLine = source.lineText(uri, line);
      const indent = documentLine !== undefined && documentLine.endsWith(text) ? documentLine.length - text.length : 0;
      const code = highlighted(text, tokensByLine.get(line) ?? [], indent, escape);
      const values = (valuesByLine.get(line) ?? []).map((title) => `<span class="kl-value ${verdictClass(title)}">${escape(title)}</span>`).join('');
      return `<span class="kl-line">${code}${values}</span>`;
    });
    const status = rendering ? '' : '<span class="kl-status">KL Lens: values appear once the language server has read this version.</span>';
    // VS Code's own attributes (`code-line`, `data-line`: scrolling in step with the editor) kept, with our class
    // joined to theirs; the token itself is left as it is, since VS Code caches tokens across renders.
    const classes = ['kl-block', token.attrGet('class')].filter(Boolean).join(' ');
    const attributes = (token.attrs ?? []).filter(([name]) => name !== 'class').map(([name, value]) => ` ${escape(name)}="${escape(value)}"`).join('');
    return `<pre class="${escape(classes)}"${attributes}><code class="language-kl">${body.join('\n')}</code>${status}</pre>\n`;
  };
  return md;
}

/** The preview's document: VS Code puts its Uri in the render env. */
function documentUri(env: unknown): string | undefined {
  const document = typeof env === 'object' && env !== null ? (env as { currentDocument?: unknown }).currentDocument : undefined;
  return document === undefined || document === null ? undefined : String(document);
}

function formulasByContent(rendering: NoteRendering | undefined): Map<string, NoteFormula[]> {
  const byContent = new Map<string, NoteFormula[]>();
  for (const formula of rendering?.formulas ?? []) {
    const key = collapsed(formula.content);
    byContent.set(key, [...(byContent.get(key) ?? []), formula]);
  }
  return byContent;
}

/** markdown-it gives a code span's content without its backticks, its line ends as spaces and one space stripped from each end. */
function proseByContent(rendering: NoteRendering | undefined): Map<string, NoteProseValue[]> {
  const byContent = new Map<string, NoteProseValue[]>();
  for (const prose of rendering?.prose ?? []) {
    const key = collapsed(prose.content.replace(/^`+|`+$/g, ''));
    const same = byContent.get(key);
    if (same) same.push(prose);
    else byContent.set(key, [prose]);
  }
  return byContent;
}

const collapsed = (latex: string): string => latex.replace(/\s+/g, ' ').trim();

/** Marks each rendered formula the server checked: KaTeX's output inside, the verdict beside it, both sides in its title. */
function wrapMathRules(renderer: Renderer, escape: (text: string) => string, stateOf: (env: unknown) => RenderState | undefined): void {
  for (const name of MATH_RULES) {
    const rule = renderer.rules[name] as (RenderRule & { [WRAPPED]?: true }) | undefined;
    if (!rule || rule[WRAPPED]) continue;
    const wrapped: RenderRule & { [WRAPPED]?: true } = (tokens, index, options, env, self) => {
      const html = rule(tokens, index, options, env, self);
      const formula = stateOf(env)?.formulas.get(collapsed(tokens[index].content))?.shift();
      if (!formula) return html;
      const verdict = formula.pass ? 'kl-pass' : 'kl-fail';
      const title = escape([formula.title, ...formula.relations].join('\n'));
      return name === 'math_block'
        ? `<div class="kl-math kl-math-block ${verdict}" title="${title}">${html}<div class="kl-verdict">${escape(formula.title)}</div></div>\n`
        : `<span class="kl-math ${verdict}" title="${title}">${html}<span class="kl-verdict">${formula.pass ? '✓' : '✗'}</span></span>`;
    };
    wrapped[WRAPPED] = true;
    renderer.rules[name] = wrapped;
  }
}

interface DecodedToken {
  character: number;
  length: number;
  type: string;
}

/** LSP's semantic tokens (relative, five numbers each) by absolute line. */
function decodeTokens(rendering: NoteRendering): Map<number, DecodedToken[]> {
  const byLine = new Map<number, DecodedToken[]>();
  let line = 0;
  let character = 0;
  for (let i = 0; i + 5 <= rendering.tokens.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = rendering.tokens.slice(i, i + 4);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const list = byLine.get(line) ?? [];
    list.push({ character, length, type: rendering.tokenTypes[type] ?? 'variable' });
    byLine.set(line, list);
  }
  return byLine;
}

/** A line of code, escaped, with each token in a span of its type. */
function highlighted(text: string, tokens: readonly DecodedToken[], indent: number, escape: (text: string) => string): string {
  let html = '';
  let at = 0;
  for (const token of tokens) {
    const start = token.character - indent;
    const end = start + token.length;
    if (start < at || end > text.length) continue;
    html += escape(text.slice(at, start)) + `<span class="kl-token-${token.type}">${escape(text.slice(start, end))}</span>`;
    at = end;
  }
  return html + escape(text.slice(at));
}

function verdictClass(title: string): string {
  if (title.startsWith('✓')) return 'kl-pass';
  if (title.startsWith('✗')) return 'kl-fail';
  if (title.startsWith('⚠')) return 'kl-warning';
  if (title.startsWith('⋯')) return 'kl-pending';
  return 'kl-result';
}
