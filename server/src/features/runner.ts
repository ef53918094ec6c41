/**
 * Every handler runs through here: an exception is logged and answered with
 * a fallback, never a dead server; a request cancelled before it ran is
 * answered as cancelled (`$/cancelRequest`).
 */
import { CancellationToken, Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export function safe<A extends unknown[], R>(connection: Connection, name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    if (CancellationToken.is(args[1]) && args[1].isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') as R;
    try {
      return fn(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };
}
