// The messages KL Lens adds to LSP, named once for the server and the VS Code
// client (which imports this file; it must stay free of engine imports).

/** Client → server, `{ trusted: boolean }`: the workspace's trust changed, so load() may read files. */
export const TRUST_CHANGED_NOTIFICATION = 'kl/trustChanged';

/** Client → server, `{ uri }` → `DocumentSummary | null`: what the status bar item shows. */
export const DOCUMENT_SUMMARY_REQUEST = 'kl/documentSummary';

/** The counts of one document's analysis, as the status bar item's tooltip shows them. */
export interface DocumentSummary {
  /** Statements that are not blank: assignments, expressions, checks, directives. */
  statements: number;
  /** Checks of `kl` code and checked LaTeX relations of a note. */
  checksPassed: number;
  checksFailed: number;
  errors: number;
  warnings: number;
  /** Statements still being computed in the background. */
  pending: number;
}

/** Client → server, `{ uri }` → `NoteRendering | null`: what the Markdown preview shows beside a note's `kl` blocks and formulas. */
export const NOTE_RENDERING_REQUEST = 'kl/noteRendering';

/**
 * One version of a note as the editor shows it, for the preview to draw: the
 * titles of its code lenses (the same objects the editor gets), the semantic
 * tokens of its `kl` code, and the verdict of each checked formula.
 */
export interface NoteRendering {
  /** The document version these come from. */
  version: number;
  /** Whether values are still being computed: the preview asks again. */
  pending: boolean;
  /** Each code lens of the `kl` code: its 0-based line and its title. */
  values: { line: number; title: string }[];
  /** The semantic tokens of the `kl` code, as LSP encodes them (five numbers each), and the names of their types. */
  tokens: number[];
  tokenTypes: string[];
  /** Each formula with a checked relation, in the document's order. */
  formulas: NoteFormula[];
}

export interface NoteFormula {
  /** 0-based line of its opening delimiter. */
  line: number;
  /** The LaTeX between the delimiters, as written. */
  content: string;
  display: boolean;
  pass: boolean;
  /** The lens's title: what is judged and the verdict. */
  title: string;
  /** One line per relation: its verdict and both sides' values. */
  relations: string[];
}

/** Client → server, `{ uri }` → `{ html: string } | null`: the note as one self-contained HTML page ("KL Lens: Export Note as HTML"). */
export const EXPORT_HTML_REQUEST = 'kl/exportHtml';
