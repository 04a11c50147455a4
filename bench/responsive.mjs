// Whether the server keeps answering while a heavy statement computes (issue
// 5): each case opens a document whose statement takes seconds, then hovers
// over a small document again and again until the heavy value arrives (the
// server asks for the lenses again). The hover latency over that time is what
// a user typing elsewhere would feel.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchClient } from './lspClient.mjs';
import { summary } from './stats.mjs';

const SECTION = 'Language server while a statement computes for seconds (stdio)';

/** `softmax` nested `depth` deep over a million entries: softmax of a uniform vector is that vector. */
const nestedSoftmax = (depth) => `y = ${'softmax('.repeat(depth)}uniform(10^6)${')'.repeat(depth)}\nH(y)\n`;

function cases(folder) {
  const csv = path.join(folder, 'responsive-p.csv');
  writeFileSync(csv, `${(1 / 2e6).toPrecision(17)}\n`.repeat(2e6));
  return [
    { name: 'softmax nested 90 deep on 10^6 entries', text: nestedSoftmax(90), uri: `file://${folder}/softmax.kl` },
    { name: 'H(uniform(10^7) + … 9 terms)', text: `H(${Array(9).fill('uniform(10^7)').join(' + ')} / 9)\n`, uri: `file://${folder}/sum.kl` },
    { name: 'load() of a 2,000,000-line CSV, then H', text: 'P = load("responsive-p.csv")\nH(P)\n', uri: `file://${folder}/load.kl` },
  ];
}

export async function responsivenessRows({ serverPath, nodeFlags = [], serverEnvironment, folder, runs }) {
  const rows = [];
  for (const heavy of cases(folder)) {
    const latencies = [];
    const untilResult = [];
    for (let run = 0; run < runs; run++) {
      const client = await BenchClient.start(serverPath, nodeFlags, serverEnvironment);
      const small = `file://${folder}/small.kl`;
      await client.open(small, 'P = [1, 0, 0]\nQ = [0.75, 0.2, 0.05]\nKL(P || Q)\n');
      const refreshesBefore = client.lensRefreshes;
      const start = performance.now();
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: heavy.uri, languageId: 'kl', version: 1, text: heavy.text } });
      const position = { line: 2, character: 1 };
      while (client.lensRefreshes === refreshesBefore && performance.now() - start < 120_000) {
        const { milliseconds } = await client.request('textDocument/hover', { textDocument: { uri: small }, position });
        latencies.push(milliseconds);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      untilResult.push(performance.now() - start);
      await client.stop();
    }
    rows.push({ section: SECTION, figure: `${heavy.name}: hover meanwhile`, unit: 'ms', stat: summary(latencies), note: `${latencies.length} hovers`, target: { value: 100, on: 'max' } });
    rows.push({ section: SECTION, figure: `${heavy.name}: until its value`, unit: 'ms', stat: summary(untilResult) });
  }
  return rows;
}
