// The version of KL Lens that the CLI prints and the server reports in
// `serverInfo`; test/client/protocol.test.ts keeps it equal to package.json's.
export const VERSION = '0.1.0';
