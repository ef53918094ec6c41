/**
 * What to do when the language server stops unexpectedly. Plain logic (no
 * `vscode`): the extension feeds it the documents the user works on and asks
 * it on every crash. The suspect is the Infra YAML document opened or edited
 * last before the crash: the server analyses each change as it arrives, so
 * a design that crashes it does so right after it is sent.
 */

/** Crashes within this window count together; after MAX of them we stop restarting. */
export const CRASH_WINDOW_MS = 3 * 60_000;
export const MAX_RESTARTS = 4;

export interface CrashDecision {
  readonly restart: boolean;
  /** The document that was sent last before the crash, if any. */
  readonly suspect: string | undefined;
  /** For the log: what happened. */
  readonly log: string;
  /** For the user: one sentence naming the document. */
  readonly message: string;
}

export class CrashTracker {
  private readonly crashes: number[] = [];
  private last: string | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** An Infra YAML document was opened or changed (its URI, or a display name). */
  touched(uri: string): void {
    this.last = uri;
  }

  /** The document is closed: it cannot be the one that makes the next crash. */
  closed(uri: string): void {
    if (this.last === uri) this.last = undefined;
  }

  crashed(name: (uri: string) => string = (u) => u): CrashDecision {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length && t - this.crashes[0]! > CRASH_WINDOW_MS) this.crashes.shift();
    const count = this.crashes.length;
    const restart = count <= MAX_RESTARTS;
    const suspect = this.last;
    const where = suspect ? ` while checking ${name(suspect)}` : '';
    const log = `The Infra YAML language server stopped unexpectedly${where} (crash ${count} in the last ${CRASH_WINDOW_MS / 60_000} minutes); ${restart ? 'restarting it' : 'not restarting it again'}. Its last output is above.`;
    const message = restart
      ? `The Infra YAML server crashed${where} and was restarted.`
      : `The Infra YAML server crashed ${count} times${where} and was not restarted.${suspect ? ' Close that design and restart the server?' : ''}`;
    return { restart, suspect, log, message };
  }

  /** After the user restarts the server by hand, earlier crashes no longer count. */
  reset(): void {
    this.crashes.length = 0;
  }
}
