/** Every handler runs through here: an exception is logged and answered with a fallback, never a dead server. */
import type { Connection } from 'vscode-languageserver';

export function safe<A extends unknown[], R>(connection: Connection, name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };
}
