// Imported first by server.ts: what a server started without the launchers'
// flags (`node server/out/server.js --stdio`) can still give itself. V8 reads
// --heap-growing-percent at every full collection, so set now it works as on
// the command line; the semi-space size is fixed when an isolate is made, so
// set now it sizes the background analysis thread's heap only, not this one's
// (docs/performance.md, "Started without the flags"). MALLOC_ARENA_MAX and
// NODE_EXTRA_CA_CERTS were read before any JavaScript ran: only a launcher
// can give them.
import { setFlagsFromString } from 'node:v8';
import { SERVER_NODE_FLAGS } from './nodeFlags';

/** The launchers' flags the command line did not give, by name: one given there, with any value, is left as given. */
export function flagsMissingFrom(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map((flag) => flag.split('=')[0].replace(/_/g, '-')));
  return SERVER_NODE_FLAGS.filter((flag) => !given.has(flag.split('=')[0]));
}

/** The flags this process set itself as it started, for the first line of its log. */
export const FLAGS_SET_AT_START: readonly string[] = flagsMissingFrom(process.execArgv);
for (const flag of FLAGS_SET_AT_START) setFlagsFromString(flag);
