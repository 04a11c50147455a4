// Whether the server keeps answering while a hostile document is open (issue
// 15, "Work that holds the server"): each case opens, on a fresh server, a
// document built to make one piece of work expensive, then asks, again and
// again until the document's values are all there, a hover on a small
// document and the requests an editor sends on the hostile one. Every answer's
// latency counts: the target is that none takes over 100 ms.
//
//   node bench/run.mjs --only hostile     (after npm run build)
import path from 'node:path';
import { BenchClient } from './lspClient.mjs';
import { summary } from './stats.mjs';

const SECTION = 'Language server with a hostile document open (stdio)';
/** A case that has not settled by then is reported as it stands (the figures say so). */
const GIVE_UP_MS = 150_000;

const latexNote = () => Array(2000).fill('$\\sum_{i=1}^{10000}\\frac{1}{10000} = 1$').join('\n');
/** One line of 10 MB: a call left open (what signature help reads) around a long vector. */
const longLine = () => `KL(P || [${'0.1, '.repeat(2_000_000)}`;

/** A 1 MB note of 20,000 lines, and 10,000 changes (a space at the end of every other line, bottom to top, so each range is where it was). */
function batchedChanges() {
  const lines = Array.from({ length: 20_000 }, (_, i) => (i % 4 === 3 ? `KL(P${i - 3} || Q${i - 3})  # line ${i} of the note, here to make a megabyte` : i % 4 === 0 ? `P${i} = [0.25, 0.5, 0.25]  # a distribution, with words beside it` : i % 4 === 1 ? `Q${i - 1} = [0.5, 0.25, 0.25]  # another one, with words beside it too` : `# a comment line that makes the note longer, as notes are, ${i}`));
  const text = lines.join('\n');
  const changes = [];
  for (let line = lines.length - 2; line >= 0 && changes.length < 10_000; line -= 2) {
    const position = { line, character: lines[line].length };
    changes.push({ range: { start: position, end: position }, text: ' ' });
  }
  return { text, changes };
}

/** Lenses that say a value is still being computed. */
const computing = (lenses) => (lenses ?? []).some((lens) => /⋯|computing/.test(lens.command?.title ?? ''));

function cases(folder) {
  const uri = (name) => `file://${path.join(folder, name)}`;
  return [
    {
      name: '2,000 LaTeX relations Σ_{i=1}^{10000} 1/10000 = 1 in a note',
      uri: uri('sums.md'),
      languageId: 'markdown',
      text: latexNote,
      at: { line: 0, character: 5 },
      settled: (lenses) => (lenses ?? []).length === 2000 && !computing(lenses),
      // Then a keystroke in the last relation (a space before its \frac), and the same again.
      edit: { position: { line: 1999, character: 19 }, text: ' ' },
    },
    {
      name: 'one line of 10 MB',
      uri: uri('line.kl'),
      languageId: 'kl',
      text: longLine,
      at: { line: 0, character: 10_000_009 },
      everyFeature: true,
      settled: () => true,
    },
    {
      name: 'hover on KL(P || P), 10^7 outcomes',
      uri: uri('kl7.kl'),
      languageId: 'kl',
      text: () => 'P = uniform(10^7)\nKL(P || P)\n',
      at: { line: 1, character: 1 },
      // The lens of KL(P || P) shows its value, `0`.
      settled: (lenses) => (lenses ?? []).length >= 1 && !computing(lenses),
    },
    {
      name: 'one didChange of 10,000 changes on a 1 MB note',
      uri: uri('batch.kl'),
      languageId: 'kl',
      text: () => batchedChanges().text,
      at: { line: 3, character: 1 },
      batch: () => batchedChanges().changes,
      settled: () => true,
    },
    {
      name: '20 lines of precision 1000 measures',
      uri: uri('precise.kl'),
      languageId: 'kl',
      text: () => `precision 1000\n${Array.from({ length: 20 }, (_, i) => `H([0.${String(10 + i)}, 0.${String(90 - i)}])`).join('\n')}\n`,
      at: { line: 1, character: 1 },
      settled: (lenses) => (lenses ?? []).length >= 20 && !computing(lenses),
    },
  ];
}

/** What an editor asks of a document, at `at` for those that take a place. */
function featureRequests(uri, at) {
  const textDocument = { uri };
  const range = { start: at, end: at };
  return [
    ['textDocument/semanticTokens/full', { textDocument }],
    ['textDocument/signatureHelp', { textDocument, position: at }],
    ['textDocument/completion', { textDocument, position: at }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/documentHighlight', { textDocument, position: at }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/prepareRename', { textDocument, position: at }],
    ['textDocument/references', { textDocument, position: at, context: { includeDeclaration: true } }],
    ['textDocument/definition', { textDocument, position: at }],
    ['textDocument/hover', { textDocument, position: at }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
    ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: at } }],
  ];
}

/**
 * Until `settled` says the document's values are there: a hover on the small
 * document, a hover at `at` on the hostile one, its code lenses (and, for
 * `everyFeature`, every request of an editor), 5 ms apart. The latencies go
 * into `latencies.all`, those of the small document's hovers also into
 * `latencies.elsewhere`; resolves with the time it settled (or gave up), from `start`.
 */
async function probeUntilSettled(client, hostile, small, start, latencies, { minimumRounds = 1, waitFor } = {}) {
  let rounds = 0;
  let waited = false;
  void waitFor?.then(() => (waited = true));
  for (;;) {
    const requests = [
      ['textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 1 } }],
      ['textDocument/hover', { textDocument: { uri: hostile.uri }, position: hostile.at }],
      ...(hostile.everyFeature ? featureRequests(hostile.uri, hostile.at) : []),
      ['textDocument/codeLens', { textDocument: { uri: hostile.uri } }],
    ];
    let lenses;
    for (const [method, params] of requests) {
      const { answer, milliseconds } = await client.request(method, params);
      latencies.all.push(milliseconds);
      if (params.textDocument.uri === small) latencies.elsewhere.push(milliseconds);
      if (method === 'textDocument/codeLens') lenses = answer;
    }
    rounds++;
    const elapsed = performance.now() - start;
    if ((rounds >= minimumRounds && (waitFor === undefined || waited) && hostile.settled(lenses)) || elapsed > GIVE_UP_MS) return elapsed;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function hostileDocumentRows({ serverPath, nodeFlags = [], serverEnvironment, folder, runs, only }) {
  const rows = [];
  for (const hostile of cases(folder).filter((c) => !only || c.name.includes(only))) {
    const latencies = { all: [], elsewhere: [] };
    const toDiagnostics = [];
    const untilSettled = [];
    const afterEdit = [];
    const memory = [];
    for (let run = 0; run < runs; run++) {
      const client = await BenchClient.start(serverPath, nodeFlags, serverEnvironment);
      const small = `file://${folder}/small.kl`;
      await client.open(small, 'P = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\n');
      const text = hostile.text();
      const start = performance.now();
      const published = client.diagnosticsFor(hostile.uri, 1).then(({ at }) => toDiagnostics.push(at - start));
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: hostile.uri, languageId: hostile.languageId, version: 1, text } });
      untilSettled.push(await probeUntilSettled(client, hostile, small, start, latencies, { minimumRounds: hostile.everyFeature ? 3 : 1, waitFor: published }));
      for (let version = 2; version <= 3 && (hostile.edit || hostile.batch); version++) {
        const contentChanges = hostile.batch ? hostile.batch() : [{ range: { start: hostile.edit.position, end: hostile.edit.position }, text: hostile.edit.text }];
        const editStart = performance.now();
        const edited = client.diagnosticsFor(hostile.uri, version);
        client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: hostile.uri, version }, contentChanges });
        afterEdit.push(await probeUntilSettled(client, hostile, small, editStart, latencies, { waitFor: edited }));
        // A batch applies to the text it was made for: once is the case.
        if (hostile.batch) break;
      }
      memory.push(client.peakMemory());
      await client.stop();
    }
    const all = summary(latencies.all);
    const elsewhere = summary(latencies.elsewhere);
    rows.push({ section: SECTION, figure: `${hostile.name}: every request meanwhile`, unit: 'ms', stat: all, note: `${all.n} requests, p99 ${all.p99.toFixed(1)} ms`, target: { value: 100, on: 'max' } });
    rows.push({ section: SECTION, figure: `${hostile.name}: hovers on another document meanwhile`, unit: 'ms', stat: elsewhere, note: `${elsewhere.n} hovers, p99 ${elsewhere.p99.toFixed(1)} ms`, target: { value: 100, on: 'max' } });
    rows.push({ section: SECTION, figure: `${hostile.name}: open → first diagnostics`, unit: 'ms', stat: summary(toDiagnostics) });
    rows.push({ section: SECTION, figure: `${hostile.name}: open → every value`, unit: 'ms', stat: summary(untilSettled) });
    if (afterEdit.length > 0) rows.push({ section: SECTION, figure: `${hostile.name}: ${hostile.batch ? 'the didChange' : 'a keystroke'} → every value`, unit: 'ms', stat: summary(afterEdit) });
    if (memory.every((m) => m !== undefined)) rows.push({ section: SECTION, figure: `${hostile.name}: server peak memory (VmHWM)`, unit: 'MiB', stat: summary(memory) });
  }
  return rows;
}
