// Every handler runs inside a guard: an exception is logged and answered as an
// error, so one bug in one feature never takes the server down.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

/**
 * A request cancelled by the client (a hover left before it came, a stale
 * lens request) is answered as cancelled at once, even while its handler still
 * waits for the document's analysis; what the handler returns later is dropped.
 */
export function guardRequest<P, R>(connection: Connection, name: string, handler: (params: P) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params: P, token?: CancellationToken) => {
    if (token?.isCancellationRequested) return cancelled(name);
    try {
      const answer = Promise.resolve(handler(params));
      return await (token ? untilCancelled(answer, token, name) : answer);
    } catch (reason) {
      connection.console.error(`${name} failed: ${describe(reason)}`);
      return new ResponseError(ErrorCodes.InternalError, `KL Lens: ${name} failed: ${reason instanceof Error ? reason.message : String(reason)}`);
    }
  };
}

function cancelled(name: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `KL Lens: ${name} cancelled`);
}

function untilCancelled<R>(answer: Promise<R>, token: CancellationToken, name: string): Promise<R | ResponseError<void>> {
  return new Promise((resolve, reject) => {
    const listener = token.onCancellationRequested(() => resolve(cancelled(name)));
    answer.then(
      (value) => {
        listener.dispose();
        resolve(value);
      },
      (reason: unknown) => {
        listener.dispose();
        reject(reason);
      },
    );
  });
}

export function guardNotification<P>(connection: Connection, name: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
  return async (params: P) => {
    try {
      await handler(params);
    } catch (reason) {
      connection.console.error(`${name} failed: ${describe(reason)}`);
    }
  };
}

export function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}
