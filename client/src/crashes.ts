/**
 * What to do when the language server stops unexpectedly. Plain logic (no
 * `vscode`): the extension tells it which documents it sends to the server
 * and asks it on every crash. The suspect is the Infra YAML document sent
 * last before the crash: the server analyses each change as it arrives, so
 * a design that crashes it does so right after it is sent. The suspect is
 * set aside: the restarted server does not get it (the user can check it
 * again, or close and reopen it), so one bad design does not take the
 * server down again and again.
 */

/** Crashes within this window count together; after MAX of them we stop restarting. */
export const CRASH_WINDOW_MS = 3 * 60_000;
export const MAX_RESTARTS = 4;

export interface CrashDecision {
  readonly restart: boolean;
  /** The document that was sent last before the crash, if any: it is now set aside. */
  readonly suspect: string | undefined;
  /** For the log: what happened. */
  readonly log: string;
  /** For the user: names the document and what became of it. */
  readonly message: string;
  /** The buttons of the notification, in order. */
  readonly actions: readonly CrashAction[];
}

export type CrashAction = 'Check It Again' | 'Restart' | 'Show Log';

export class CrashTracker {
  private readonly crashes: number[] = [];
  private readonly asideUris = new Set<string>();
  private last: string | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** An Infra YAML document is being sent to the server (opened or changed). */
  touched(uri: string): void {
    this.last = uri;
  }

  /** The document is closed: it cannot be the one that makes the next crash, and reopening it checks it again. */
  closed(uri: string): void {
    if (this.last === uri) this.last = undefined;
    this.asideUris.delete(uri);
  }

  /** Whether the document made the server crash and is kept from it. */
  isSetAside(uri: string): boolean {
    return this.asideUris.has(uri);
  }

  /** The user asks for the document to be checked again. */
  checkAgain(uri: string): void {
    this.asideUris.delete(uri);
  }

  crashed(name: (uri: string) => string = (u) => u): CrashDecision {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length && t - this.crashes[0]! > CRASH_WINDOW_MS) this.crashes.shift();
    const count = this.crashes.length;
    const restart = count <= MAX_RESTARTS;
    const suspect = this.last;
    this.last = undefined;
    if (suspect) this.asideUris.add(suspect);
    const where = suspect ? ` while checking ${name(suspect)}` : '';
    const log = `The Infra YAML language server stopped unexpectedly${where} (crash ${count} in the last ${CRASH_WINDOW_MS / 60_000} minutes); ${restart ? 'restarting it' : 'not restarting it again'}${suspect ? `, without ${name(suspect)}` : ''}. Its last output is above.`;
    const aside = suspect ? ' That design is not checked until you check it again or reopen it.' : '';
    const message = restart
      ? `The Infra YAML server crashed${where} and was restarted${suspect ? ' without it' : ''}.${aside}`
      : `The Infra YAML server crashed ${count} times in ${CRASH_WINDOW_MS / 60_000} minutes${where} and was not restarted.${aside}`;
    const actions: CrashAction[] = [...(suspect ? ['Check It Again' as const] : []), ...(restart ? [] : ['Restart' as const]), 'Show Log'];
    return { restart, suspect, log, message, actions };
  }

  /** After the user restarts the server by hand, earlier crashes no longer count. */
  reset(): void {
    this.crashes.length = 0;
  }
}
