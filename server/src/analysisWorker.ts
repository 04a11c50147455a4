// The worker thread of lsp/backgroundAnalysis.ts: analyses whole documents
// with no time limit and sends the analyses back as plain data.
import { parentPort, threadId } from 'node:worker_threads';
import { writeLongSections } from './hover/backgroundSections';
import { analyze, numberVersionsFrom, transferredAnalysis, type Analysis } from './language/analysis';
import { nodeFileSystem } from './language/load/nodeFileHosts';
import type { BackgroundReply, BackgroundRequest } from './lsp/backgroundAnalysis';

// The server reuses these analyses: their binding versions must not collide with its own.
numberVersionsFrom(threadId * 2 ** 32);

let previous: Analysis | undefined;

parentPort?.on('message', (request: BackgroundRequest) => {
  let reply: BackgroundReply;
  try {
    const files = request.files ? { ...request.files, fileSystem: nodeFileSystem } : undefined;
    const analysis = analyze(request.text, request.kind, { ...request.options, ...(files ? { files } : {}) }, previous);
    previous = analysis;
    reply = { analysis: transferredAnalysis(analysis) };
  } catch (reason) {
    previous = undefined;
    reply = { failure: reason instanceof Error ? reason.message : String(reason) };
  }
  parentPort?.postMessage(reply);
  // Then what hovers of long measures show, which the server's thread does not write (measureHover.ts): the values are not held up for it.
  if (previous && 'analysis' in reply) {
    const sections = writeLongSections(previous);
    if (sections.length > 0) parentPort?.postMessage({ sections } satisfies BackgroundReply);
  }
});
