// What the in-process benchmarks call: bundled by bench/run.mjs into
// bench/out/engine.cjs, the same code the server and the CLI bundle.
export { analyze } from '../server/src/notes/documentAnalysis';
export { crossEntropy, entropy, jensenShannon, klDivergence } from '../server/src/language/measures';
export { nodeFileSystem } from '../server/src/language/load/nodeFileHosts';
export { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../server/src/nodeFlags';
