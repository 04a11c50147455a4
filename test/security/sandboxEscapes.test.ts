// The known escapes from mathjs's expression sandbox (mathjs's security
// tests and advisories), written in KL. A document's text never reaches
// mathjs's parser, so each must be a plain diagnostic; these tests hold that
// line against a future change that would let text through. The CLI then
// runs the same document under Node's permission model with code generation
// from strings disabled and the network wired to trip: nothing may run, read,
// write or connect.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/notes/documentAnalysis';

const SENTINEL = 'klLensEscaped';
const PAYLOAD = `globalThis.${SENTINEL} = 1`;

/** Each line is one attempt; the comment says which escape it follows. */
const ESCAPES = [
  `f = sqrt.constructor("${PAYLOAD}")`, // a function's constructor is Function
  'f()',
  `[].map.constructor("${PAYLOAD}")()`, // through an array method
  `[].map["constructor"]("${PAYLOAD}")()`, // the same, as an index
  `log.constructor.call(null, "${PAYLOAD}")()`, // through call/apply/bind
  `log.constructor.apply(null, ["${PAYLOAD}"])()`,
  `exp.constructor.bind()("${PAYLOAD}")()`,
  `{}.constructor.assign(exp.constructor, {binding: exp.bind})`, // Object.assign on Function
  `import({matrix: exp.constructor}, {override: 1})`, // overriding a function with Function
  'import({H: exp}, {override: true})',
  `evaluate("${PAYLOAD}")`,
  `parse("1").compile().evaluate()("${PAYLOAD}")`, // a node's compile step
  `compile("${PAYLOAD}")`,
  'createUnit("hacked")',
  'config({number: "BigNumber"})',
  'simplify("x + x")',
  'derivative("x^2", "x")',
  'resolve(parse("x"), {x: 1})',
  'reviver()',
  `subset(parse("1"), index("value"), "evaluate")`,
  `x = ["${PAYLOAD}"]._data`, // internal fields
  `p = parser()`,
  `o = {}.constructor`,
  `d = o.getOwnPropertyDescriptor(o.__proto__, "constructor")`,
  `x.__defineGetter__("value", exp)`,
  `{"co\\u006Estructor": 2}.co\\u006Estructor`, // an escaped property name
  `f(x) = "${PAYLOAD}"`, // a function assignment
  `eval("${PAYLOAD}")`,
  `Function("${PAYLOAD}")()`,
  `require("child_process").execSync("touch hacked")`,
  'process.exit(3)',
  `\`\${process.exit(3)}\``, // a template literal
  `globalThis.${SENTINEL} = 1`,
  'this.constructor.constructor("return process")()',
  'H([0.5, 0.5]).constructor',
  '(1).constructor.constructor("return process")()',
];

const AFTER = 'H([0.5, 0.5])';

function hostileDocument(): string {
  return [...ESCAPES, AFTER].join('\n');
}

describe('known mathjs sandbox escapes, written in a KL document', () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const functionPrototypeBefore = Object.getOwnPropertyNames(Function.prototype).sort();

  for (const kind of ['kl', 'markdown'] as const) {
    it(`each gives a plain error and no value, in a ${kind} document`, () => {
      const text = kind === 'kl' ? hostileDocument() : `# Pasted from a forum\n\n<script>${PAYLOAD}</script>\n\n\`\`\`kl\n${hostileDocument()}\n\`\`\`\n`;
      const analysis = analyze(text, kind);
      const statements = analysis.statements.filter((s) => s.parsed.statement.kind !== 'blank' || s.parsed.diagnostics.length > 0);
      expect(statements.map((s) => s.source.text)).toEqual([...ESCAPES, AFTER]);
      for (const statement of statements.slice(0, -1)) {
        const diagnostics = [...statement.parsed.diagnostics, ...statement.result.diagnostics];
        expect(statement.result.value, statement.source.text).toBeUndefined();
        expect(diagnostics.some((d) => d.severity === 'error'), statement.source.text).toBe(true);
      }
      // The functions are still ours: `import({H: exp})` replaced nothing.
      expect(statements.at(-1)?.result.value).toMatchObject({ kind: 'number', value: Math.LN2 });
    });
  }

  it('runs nothing: no global is set, no prototype gains a property', () => {
    analyze(hostileDocument(), 'kl');
    expect(SENTINEL in globalThis).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(functionPrototypeBefore);
  });
});

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'server/out/cli.js');
const tripwire = path.join(__dirname, 'networkTripwire.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'kl-lens-sandbox-'));
const document = path.join(scratch, 'hostile.kl');
writeFileSync(document, `${hostileDocument()}\n`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Node with the permission model on: read access to `readable` only, no
 * writes, no child processes, no workers; no `eval`/`new Function`; network
 * calls trip the preloaded wire.
 */
function guardedNode(readable: readonly string[], args: readonly string[]) {
  return spawnSync(process.execPath, [
    '--experimental-permission',
    ...[tripwire, ...readable].map((file) => `--allow-fs-read=${file}`),
    '--disallow-code-generation-from-strings',
    '--import', tripwire,
    ...args,
  ], { cwd: scratch, encoding: 'utf8', timeout: 20_000 });
}

describe('the CLI on the hostile document, in a locked-down process', () => {
  it('the lock-down itself catches a connection, code from a string, a file read and a child process', () => {
    const network = guardedNode([], ['-e', `require('node:net').connect(9, '127.0.0.1')`]);
    expect(network.stderr).toContain('TRIPWIRE net');
    const generated = guardedNode([], ['-e', `new Function('return 1')()`]);
    expect(generated.stderr).toContain('EvalError');
    const read = guardedNode([], ['-e', `require('node:fs').readFileSync(${JSON.stringify(cli)})`]);
    expect(read.stderr).toContain('ERR_ACCESS_DENIED');
    const child = guardedNode([], ['-e', `require('node:child_process').execFileSync('true')`]);
    expect(child.stderr).toMatch(/TRIPWIRE child_process|ERR_ACCESS_DENIED/);
  });

  it('evaluates every statement to an error, and touches nothing but its own bundle and the document', () => {
    expect(existsSync(cli), 'build first: node scripts/build.mjs').toBe(true);
    const run = guardedNode([cli, document], [cli, 'eval', '--json', document]);
    expect(run.stderr).not.toMatch(/TRIPWIRE|ERR_ACCESS_DENIED|EvalError|internal error/);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { statements: { value: unknown }[] }[] };
    const values = report.files[0].statements.map((s) => s.value);
    expect(values.slice(0, -1).every((value) => value === null)).toBe(true);
    expect(values.at(-1)).toBe(Math.LN2);
    expect(readdirSync(scratch).filter((name) => name !== 'labels.kl')).toEqual(['hostile.kl']);
  });

  it('writes labels named __proto__ and constructor to --json as plain keys', () => {
    const labels = path.join(scratch, 'labels.kl');
    writeFileSync(labels, '{__proto__: 0.25, constructor: 0.75}\n');
    const run = guardedNode([cli, labels], [cli, 'eval', '--json', labels]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"__proto__": 0.25');
    const value = (JSON.parse(run.stdout) as { files: { statements: { value: Record<string, number> }[] }[] }).files[0].statements[0].value;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('the unguarded CLI agrees, so the guard changed nothing it computes', () => {
    const guarded = guardedNode([cli, document], [cli, 'eval', '--json', document]).stdout;
    const plain = spawnSync(process.execPath, [cli, 'eval', '--json', document], { encoding: 'utf8' });
    expect(plain.status).toBe(1);
    expect(guarded).toBe(plain.stdout);
  });
});
