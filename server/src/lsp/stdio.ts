// Standard input and output as the server's transport, every message through
// the framing guard (frameGuard.ts) before vscode-jsonrpc reads it. Opened here
// rather than by vscode-languageserver (which does it for --stdio), keeping what
// the library does then: the process exits when its input ends or closes (the
// library watches any input stream for that), and nothing but the protocol goes
// to stdout (the library sends console output to the client; here it goes to stderr).
import { Console } from 'node:console';
import { pipeline } from 'node:stream';
import { FrameGuard } from './frameGuard';

export function guardedStdio(report: (problem: string) => void): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  // However stdin ends, pipeline ends the guard too, and the library sees its input close; nothing more to do with the error.
  const input = pipeline(process.stdin, new FrameGuard(report), () => undefined);
  return { input, output: process.stdout };
}
