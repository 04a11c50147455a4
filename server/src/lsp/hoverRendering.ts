// What a client can show of a hover. VS Code draws a hover's SVG chart and runs
// its command links; a terminal editor (Neovim, Emacs, Helix) shows the chart
// as lines of base64 and the links as percent-encoded `command:` URIs it
// cannot open. Its hovers leave both out: the rest is plain Markdown text.
import type { Hover } from 'vscode-languageserver';

/** `rich`: charts and command links; `text`: neither. */
export type HoverRendering = 'rich' | 'text';

/** The `clientInfo.name` of VS Code and its builds: Insiders, Code - OSS, VSCodium, code-server. */
const VS_CODE_NAMES = /visual studio code|code - oss|vscodium|code-server/i;

/** The `kl.hover.charts` setting where the client gives it, else by client: rich for VS Code only. */
export function hoverRenderingFor(clientName: string | undefined, chartsSetting: boolean | undefined): HoverRendering {
  const charts = chartsSetting ?? (clientName !== undefined && VS_CODE_NAMES.test(clientName));
  return charts ? 'rich' : 'text';
}

// An image whose source is a data URI (the charts), and a command link with
// the ` · ` that separates it from the text before it. Command arguments
// encode their parentheses, and base64 has none, so `[^)]*` ends each at its own `)`.
const DATA_IMAGE = /!\[[^\]]*\]\(data:[^)]*\)/g;
const COMMAND_LINK = /(?: · )?\[[^\]]*\]\(command:[^)]*\)/g;

/** The hover as the client can show it: for `text`, its charts and command links left out, and the sections they emptied. */
export function renderedHover(hover: Hover | null, rendering: HoverRendering): Hover | null {
  if (!hover || rendering === 'rich' || typeof hover.contents !== 'object' || !('kind' in hover.contents)) return hover;
  const sections = hover.contents.value
    .split('\n\n')
    .map((section) => section.replace(DATA_IMAGE, '').replace(COMMAND_LINK, ''))
    .filter((section) => section.trim() !== '');
  return { ...hover, contents: { kind: hover.contents.kind, value: sections.join('\n\n') } };
}
