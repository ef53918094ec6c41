/**
 * Every handler runs through here: an exception is logged and answered with
 * a fallback, never a dead server; a request cancelled before it ran is
 * answered as cancelled (`$/cancelRequest`).
 */
import { CancellationToken, Connection, ConnectionOptions, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

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

/** For either entry's connection: a request cancelled while it still waits in the queue is answered as cancelled, not run. */
export const CANCEL_UNDISPATCHED: ConnectionOptions = {
  connectionStrategy: { cancelUndispatched: (m) => ({ jsonrpc: '2.0', id: (m as { id?: number | string }).id ?? null, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' } }) },
};
