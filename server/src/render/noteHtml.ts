// A note as one self-contained HTML file (`kl-lens render`, "KL Lens: Export
// Note as HTML"): the Markdown rendered as VS Code's preview renders it
// (markdown-it, the math by VS Code's own markdown-it-katex), with the same
// values and verdicts the preview draws (notePreview.ts) for the same analysis.
//
// The file must be safe to open whatever the note holds: raw HTML in the note
// is shown as text (comments are left out), the math is KaTeX's MathML (no
// script, no font to fetch), and a Content-Security-Policy forbids every script.
import markdownItKatex from '@vscode/markdown-it-katex';
import MarkdownIt from 'markdown-it';
import type { NoteRendering } from '../lsp/klProtocol';
import { klPreviewPlugin } from './notePreview';

export interface NotePage {
  /** The note's Markdown, as analysed. */
  markdown: string;
  /** What the preview would draw beside it: the server's (or the CLI's) rendering of that same text. */
  rendering: NoteRendering;
  /** The page's title: the note's file name. */
  title: string;
  /** The preview's stylesheet (media/preview.css), put inside the page. */
  previewStyles: string;
}

/** Where the plugin thinks the note is: a page has one note. */
const PAGE_DOCUMENT = 'kl-lens:page';

const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'";

export function noteHtml(page: NotePage): string {
  const lines = page.markdown.split(/\r\n|\r|\n/);
  const md = new MarkdownIt({ html: true, linkify: true });
  // MathML, which browsers draw themselves: a self-contained file needs no KaTeX fonts or stylesheet.
  md.use(markdownItKatex, { enableBareBlocks: true, throwOnError: false, output: 'mathml', trust: false, strict: false } as Parameters<typeof markdownItKatex>[1]);
  const escape = md.utils.escapeHtml;
  // The note's own HTML is the note's text, not the page's markup: shown as written, comments left out.
  const asText = (html: string): string => (/^\s*<!--[\s\S]*-->\s*$/.test(html) ? '' : escape(html));
  md.renderer.rules.html_block = (tokens, index) => asText(tokens[index].content);
  md.renderer.rules.html_inline = (tokens, index) => asText(tokens[index].content);
  klPreviewPlugin(md, { rendering: (uri) => (uri === PAGE_DOCUMENT ? page.rendering : undefined), lineText: (_uri, line) => lines[line] });
  const front = frontMatter(lines);
  // Its lines left blank, not cut: the lines of every block stay those of the analysis.
  const markdown = front ? [...lines.slice(0, front.lineCount).map(() => ''), ...lines.slice(front.lineCount)].join('\n') : page.markdown;
  const body = (front ? frontMatterTable(front.entries, escape) : '') + md.render(markdown, { currentDocument: PAGE_DOCUMENT });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="KL Lens">
<title>${escape(page.title)}</title>
<style>
${PAGE_STYLES}
${page.previewStyles.replaceAll('</', '<\\/')}
</style>
</head>
<body class="vscode-light">
<main class="markdown-body">
${body}</main>
</body>
</html>
`;
}

/** What VS Code's preview gives a note's text, for a page read in a browser. */
const PAGE_STYLES = `body { margin: 0; background: #fff; color: #1f2328; }
.markdown-body { max-width: 52em; margin: 0 auto; padding: 2em 1.5em; font: 15px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, sans-serif; }
pre, code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 0.92em; }
pre { background: #f6f8fa; padding: 0.8em 1em; border-radius: 4px; overflow-x: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 0.3em 0.7em; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #d0d7de; color: #59636e; }
.katex-block { text-align: center; overflow-x: auto; }
math[display="block"] { margin: 0.8em 0; }`;

/** A note's YAML front matter (`---` … `---` at its top), as VS Code's preview shows it: a table of its `key: value` lines. */
function frontMatter(lines: readonly string[]): { lineCount: number; entries: [string, string][] } | undefined {
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end < 0) return undefined;
  const entries = lines.slice(1, end).flatMap((line): [string, string][] => {
    const match = /^([^:#\s][^:]*):\s*(.*)$/.exec(line);
    return match ? [[match[1].trim(), match[2].trim()]] : [];
  });
  return { lineCount: end + 1, entries };
}

function frontMatterTable(entries: readonly [string, string][], escape: (text: string) => string): string {
  if (entries.length === 0) return '';
  return `<table class="front-matter">\n${entries.map(([key, value]) => `<tr><th>${escape(key)}</th><td>${escape(value)}</td></tr>`).join('\n')}\n</table>\n`;
}
