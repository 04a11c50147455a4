// Every handler runs inside a guard: an exception is logged and answered as an
// error, so one bug in one feature never takes the server down.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

export function guardRequest<P, R>(connection: Connection, name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<void>> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (reason) {
      connection.console.error(`${name} failed: ${describe(reason)}`);
      return new ResponseError(ErrorCodes.InternalError, `KL Lens: ${name} failed: ${reason instanceof Error ? reason.message : String(reason)}`);
    }
  };
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
