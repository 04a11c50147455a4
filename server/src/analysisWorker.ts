// The worker thread of lsp/backgroundAnalysis.ts: analyses whole documents
// with no time limit and sends the analyses back as plain data.
import { parentPort, threadId } from 'node:worker_threads';
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
});
