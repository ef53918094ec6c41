/**
 * The client's side of a server crash (the policy is in crashes.ts): which
 * documents are sent to the server, what the user is told, and what the
 * notification's buttons do.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ErrorHandler, Middleware } from 'vscode-languageclient';
import { CrashAction, CrashTracker } from './crashes';
import type { ServerStatus } from './status';

/** A crash notification as shown (the extension's test API lists them). */
export interface CrashNotice {
  readonly message: string;
  readonly actions: readonly CrashAction[];
}

/**
 * Remembers which Infra YAML document was sent to the server last (the
 * suspect of the next crash), and keeps the documents set aside after a
 * crash from the server until the user checks them again or reopens them.
 */
export function sendingDocuments(crashes: CrashTracker): Middleware {
  return {
    didOpen: (doc, next) => {
      if (crashes.isSetAside(doc.uri.toString())) return Promise.resolve();
      crashes.touched(doc.uri.toString());
      return next(doc);
    },
    didChange: (e, next) => {
      if (crashes.isSetAside(e.document.uri.toString())) return Promise.resolve();
      if (e.contentChanges.length) crashes.touched(e.document.uri.toString());
      return next(e);
    },
    didClose: (doc, next) => {
      const aside = crashes.isSetAside(doc.uri.toString());
      crashes.closed(doc.uri.toString());
      return aside ? Promise.resolve() : next(doc);
    },
  };
}

const displayName = (uri: string): string => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);

export interface CrashContext {
  readonly crashes: CrashTracker;
  readonly output: vscode.LogOutputChannel;
  readonly status: ServerStatus;
  readonly notices: CrashNotice[];
  readonly restart: () => Promise<void>;
}

/**
 * On a crash: log the cause and the suspect document, set the suspect
 * aside, restart up to MAX_RESTARTS times in CRASH_WINDOW_MS, and tell the
 * user which design made it fail, with a button to check it again.
 */
export function crashHandler(ctx: CrashContext): ErrorHandler {
  const { crashes, output } = ctx;
  return {
    error(error) {
      output.error(`connection error: ${error.message}`);
      // Never shut down here: a server that dies with messages in flight makes a burst of write
      // errors (EPIPE) before its connection closes, and a shutdown then would stop the client
      // before `closed` below could report the crash and restart it (seen when a design crashed
      // the server while it was starting). A crash always ends in `closed`, which keeps the count.
      return { action: ErrorAction.Continue, handled: true };
    },
    closed() {
      const d = crashes.crashed(displayName);
      output.error(d.log);
      if (d.suspect) ctx.status.setAside(displayName(d.suspect));
      ctx.notices.push({ message: d.message, actions: d.actions });
      // An error when a design is set aside or the server stays down: it stays on screen until the user acts.
      const show = d.suspect || !d.restart ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(d.message, ...d.actions).then((pick) => onPick(ctx, pick, d.suspect));
      return { action: d.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

async function onPick(ctx: CrashContext, pick: CrashAction | undefined, suspect: string | undefined): Promise<void> {
  if (pick === 'Show Log') return ctx.output.show(true);
  if (pick === 'Check It Again' && suspect) {
    ctx.crashes.checkAgain(suspect);
    ctx.status.setAside(undefined);
  }
  if (!pick) return;
  ctx.crashes.reset();
  ctx.output.info(pick === 'Restart' ? 'Restarting the language server' : `Restarting the language server with ${displayName(suspect ?? '')}`);
  await ctx.restart();
}
