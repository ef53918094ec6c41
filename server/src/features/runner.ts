/**
 * A request cancelled before it ran is answered as cancelled
 * (`$/cancelRequest`); the handlers themselves (features/language.ts) answer
 * a cancellation that arrives while they wait, and turn an exception into a
 * logged error and a fallback, never a dead server.
 */
import { ConnectionOptions, LSPErrorCodes } from 'vscode-languageserver';

/** For either entry's connection: a request cancelled while it still waits in the queue is answered as cancelled, not run. */
export const CANCEL_UNDISPATCHED: ConnectionOptions = {
  connectionStrategy: { cancelUndispatched: (m) => ({ jsonrpc: '2.0', id: (m as { id?: number | string }).id ?? null, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' } }) },
};
