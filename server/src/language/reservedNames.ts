// The names the language gives a meaning of its own: its constants and the
// keywords of its directives. The evaluator, the parser, hover, completion,
// rename and semantic tokens read them here. (The builtin functions are
// builtins.ts's catalogue; a note's LaTeX has its own \pi and e, latex/.)

/** The constants a document may read without assigning them. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['π', Math.PI],
  ['e', Math.E],
]);

/** The words that begin a directive (`units bits`, `base 2`, `precision 50`), in the order completion offers them. */
export const DIRECTIVE_KEYWORDS = ['units', 'base', 'precision'] as const;

export type DirectiveKeyword = (typeof DIRECTIVE_KEYWORDS)[number];

export function isDirectiveKeyword(word: string): word is DirectiveKeyword {
  return (DIRECTIVE_KEYWORDS as readonly string[]).includes(word);
}

/** Names a document cannot assign through a rename, nor rename: the directives' keywords and the constants. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...DIRECTIVE_KEYWORDS, ...CONSTANTS.keys()]);
