// Labels written to be Python: a line feed, a lone CR (in a JSON label, a CSV
// field, a document's label), NUL, the line separators, quotes and
// backslashes, then code that creates a file. The "Copy as Python" programs of
// the hovers over H and KL of such distributions are read by Debian's Python:
// each holds the labels as a list of string literals that reads back as
// exactly those labels, and nothing else differs from the program written for
// plain labels; the scipy programs are run: each prints what the plain one
// prints, and the file is never created.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { workspace } from '../load/workspace';

const python = '/usr/bin/python3';
const hasScipy = spawnSync(python, ['-c', 'import scipy.stats, numpy'], { encoding: 'utf8' }).status === 0;

const files = workspace();
const SENTINEL = join(files.root, 'injected');
const PAYLOAD = `__import__('pathlib').Path(${JSON.stringify(SENTINEL)}).touch()`;

/** Labels that would run PAYLOAD if written as raw text, and labels that test the escaping itself. */
const HOSTILE_LABELS = [
  `a\n${PAYLOAD}`,
  `a\r${PAYLOAD}`,
  `a\r\n${PAYLOAD}`,
  `a\u2028${PAYLOAD}`,
  `a\u2029${PAYLOAD}`,
  `a\u0085${PAYLOAD}`,
  `a\u000b${PAYLOAD}`,
  `a\u000c${PAYLOAD}`,
  `a\u0000b`,
  `'); ${PAYLOAD}; ('`,
  `"""\n${PAYLOAD}\n"""`,
  `'''\n${PAYLOAD}\n'''`,
  'ends with a backslash \\',
  '\\x00 \\n \\u2028 \\N{BULLET}',
  '{outcomes} %s {0}',
  'α β γ, ŷ, 猫',
  'an emoji 😀 and a lone surrogate \ud800',
  '\u202eevil\u202c and zero\u200bwidth',
  `${'x'.repeat(3000)}\n${PAYLOAD}`,
];

interface Programs {
  /** The label as the distribution holds it. */
  label: string;
  programs: string[];
  plainPrograms: string[];
}

/** The programs of the hovers over H(P) and KL(P || Q), P and Q holding `label` and `b`. */
function programsOf(text: string): string[] {
  const analysis = files.analyze(text);
  const lines = text.split('\n');
  const programs: string[] = [];
  for (const measure of ['H(P)', 'KL(P || Q)']) {
    const line = lines.indexOf(measure);
    const offset = lines.slice(0, line).join('\n').length + 1;
    const markdown = (hover(analysis, offset)?.contents as MarkupContent | undefined)?.value ?? '';
    for (const [, encoded] of markdown.matchAll(/\(command:kl\.copyAsPython\?([^)]*)\)/g)) programs.push((JSON.parse(decodeURIComponent(encoded)) as string[])[0]);
  }
  return programs;
}

function fromJson(label: string, folder: string): string {
  files.write(`${folder}/p.json`, JSON.stringify({ [label]: 0.25, b: 0.75 }));
  files.write(`${folder}/q.json`, JSON.stringify({ [label]: 0.5, b: 0.5 }));
  return `P = load("${folder}/p.json")\nQ = load("${folder}/q.json")\nH(P)\nKL(P || Q)\n`;
}

/** A CSV field as written by hand: quoted only when it must be (a comma, a quote); the reader takes a line feed as the end of a row. */
function fromCsv(label: string, folder: string): string | undefined {
  if (label.includes('\n')) return undefined;
  const field = /[",]/.test(label) ? `"${label.replace(/"/g, '""')}"` : label;
  files.write(`${folder}/p.csv`, `label,p\n${field},0.25\nb,0.75\n`);
  files.write(`${folder}/q.csv`, `label,q\n${field},0.5\nb,0.5\n`);
  return `P = load("${folder}/p.csv")\nQ = load("${folder}/q.csv")\nH(P)\nKL(P || Q)\n`;
}

/** In the document itself, where KL can quote it (a KL string holds no line feed). */
function fromDocument(label: string): string | undefined {
  if (label.includes('\n')) return undefined;
  const quote = label.includes('"') ? "'" : '"';
  if (label.includes(quote)) return undefined;
  const quoted = `${quote}${label}${quote}`;
  return `P = {${quoted}: 0.25, b: 0.75}\nQ = {${quoted}: 0.5, b: 0.5}\nH(P)\nKL(P || Q)\n`;
}

const SOURCES: [string, (label: string, folder: string) => string | undefined][] = [
  ['a JSON file', fromJson],
  ['a CSV file', fromCsv],
  ['the document', fromDocument],
];

const cases: (Programs & { name: string })[] = [];
HOSTILE_LABELS.forEach((label, i) => {
  for (const [source, write] of SOURCES) {
    const text = write(label, `hostile${i}${source.replace(/\W/g, '')}`);
    if (!text) continue;
    const programs = programsOf(text);
    // The CSV reader trims spaces around a field, and a file holds UTF-8 (a lone surrogate is U+FFFD there).
    const held = source === 'a CSV file' ? Buffer.from(label.trim(), 'utf8').toString('utf8') : label;
    const plainPrograms = programsOf(write('plain', `plain${i}${source.replace(/\W/g, '')}`) as string);
    cases.push({ name: `${JSON.stringify(label.slice(0, 40))} from ${source}`, label: held, programs, plainPrograms });
  }
});

/** For each program: the labels its `outcomes` list reads as, and whether every other statement is the plain program's. */
function readInPython(pairs: { program: string; plain: string }[]): { outcomes: string[] | null; sameOtherwise: boolean; error?: string }[] {
  const driver = [
    'import ast, json, sys',
    'def others(tree):',
    '    return [ast.dump(node) for node in tree.body if not (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "outcomes")]',
    'out = []',
    'for pair in json.load(sys.stdin):',
    '    try:',
    '        tree = ast.parse(pair["program"])',
    '    except (SyntaxError, ValueError) as error:',
    '        out.append({"outcomes": None, "sameOtherwise": False, "error": str(error)})',
    '        continue',
    '    assigned = [node.value for node in tree.body if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "outcomes"]',
    '    outcomes = ast.literal_eval(assigned[0]) if len(assigned) == 1 else None',
    '    out.append({"outcomes": outcomes, "sameOtherwise": others(tree) == others(ast.parse(pair["plain"]))})',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync(python, ['-c', driver], { input: JSON.stringify(pairs), encoding: 'utf8' })) as ReturnType<typeof readInPython>;
}

/** Runs each program in one Python process (scipy imports once) and returns what each printed, or its error. */
function runInPython(programs: string[]): string[] {
  const driver = [
    'import contextlib, io, json, sys',
    'out = []',
    'for code in json.load(sys.stdin):',
    '    buffer = io.StringIO()',
    '    try:',
    '        with contextlib.redirect_stdout(buffer):',
    '            exec(code, {})',
    '        out.append(buffer.getvalue())',
    '    except BaseException as error:',
    '        out.append("error: " + repr(error))',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync(python, ['-c', driver], { input: JSON.stringify(programs), encoding: 'utf8', cwd: files.root })) as string[];
}

describe.skipIf(!hasScipy)('Copy as Python, for labels written to be code', () => {
  it('gives programs for every label and source (H and KL: scipy and torch each)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(HOSTILE_LABELS.length * 2 - 5);
    for (const each of cases) expect(each.programs.length, each.name).toBe(4);
  });

  it('reads the labels back exactly, and nothing else differs from the program for plain labels', () => {
    const pairs = cases.flatMap((each) => each.programs.map((program, k) => ({ program, plain: each.plainPrograms[k], name: each.name, label: each.label })));
    const read = readInPython(pairs);
    read.forEach((result, k) => {
      expect(result.error, pairs[k].name).toBeUndefined();
      expect(result.outcomes, pairs[k].name).toEqual([pairs[k].label, 'b']);
      expect(result.sameOtherwise, pairs[k].name).toBe(true);
    });
  });

  it('runs the scipy programs: each prints what the plain one prints, and creates no file', () => {
    const scipy = cases.flatMap((each) => each.programs.flatMap((program, k) => (program.includes('import torch') ? [] : [{ program, plain: each.plainPrograms[k], name: each.name }])));
    expect(scipy.length).toBe(cases.length * 2);
    const printed = runInPython([...scipy.map((each) => each.program), ...scipy.map((each) => each.plain)]);
    expect(existsSync(SENTINEL)).toBe(false);
    scipy.forEach((each, k) => {
      expect(printed[k], each.name).toMatch(/^[0-9.e-]+\n$/);
      expect(printed[k], each.name).toBe(printed[scipy.length + k]);
    });
  });
});
