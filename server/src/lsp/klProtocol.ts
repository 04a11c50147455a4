// The messages and commands KL Lens adds to LSP and VS Code, named once for
// the server and the VS Code client (which imports this file; it imports
// nothing, eslint.config.mjs sees to it). hover/ reads the command ids of its
// links here too.

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
  /** Each value in prose (`` `kl: KL(P || Q)` ``), in the document's order. */
  prose: NoteProseValue[];
}

export interface NoteProseValue {
  /** 0-based line of its opening backticks. */
  line: number;
  /** The code span as written, with its backticks. */
  content: string;
  /** What the inlay hint shows: `= 0.41504 bits`, or `⚠ …` with the reason. */
  value: string;
  /** The value at full precision (or the reason it has none). */
  title: string;
  error: boolean;
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

/** Server → client, in a code lens: `[text]`, put the value the lens shows, at full precision, on the clipboard. */
export const COPY_VALUE_COMMAND = 'kl.copyValue';

/** Server → client, in a hover link: `[program]`, put the Python program of a library call on the clipboard. */
export const COPY_AS_PYTHON_COMMAND = 'kl.copyAsPython';

/** The commands the server may send in a hover's links; the client enables these, and only these, in hovers. */
export const HOVER_LINK_COMMANDS = [COPY_AS_PYTHON_COMMAND, COPY_VALUE_COMMAND] as const;

/**
 * The commands of the command palette, which the client alone runs: package.json's
 * `contributes.commands` lists exactly these (test/client/manifest.test.ts). The
 * two above are not there: each needs the text it copies.
 */
export const PALETTE_COMMANDS = {
  restartServer: 'kl.restartServer',
  showOutput: 'kl.showOutput',
  exportNoteAsHtml: 'kl.exportNoteAsHtml',
  openExample: 'kl.walkthrough.openExample',
  openNote: 'kl.walkthrough.openNote',
} as const;

/**
 * Server → client, `{ uri, maxBytes }` → `ReadFileAnswer`: a file `load()` needs,
 * read by the client through `workspace.fs` where the server has no file system
 * (vscode.dev, github.dev). The client reads only inside a workspace folder, no
 * symbolic link on the way, at most `maxBytes`.
 */
export const READ_FILE_REQUEST = 'kl/readFile';

/** The file's bytes in base64 and its version, or why there are none (a FileProblemKind of language/load/fileHost.ts). */
export type ReadFileAnswer = { base64: string; size: number; modified: string } | { problem: 'missing' | 'denied' | 'not-a-file' | 'too-large' | 'unreadable' | 'outside'; detail?: string };
