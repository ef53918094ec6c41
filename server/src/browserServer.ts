/**
 * The Infra YAML language server in a web worker (vscode.dev, github.dev):
 * LSP over postMessage, the same wiring and core as the Node server. The
 * client passes where the rule pages are (`initializationOptions.docsBase`).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { CANCEL_UNDISPATCHED } from './features/runner';
import { startServer } from './startServer';

interface ErrorEventLike { readonly error?: unknown; readonly reason?: unknown; readonly message?: string }
/** The worker's global scope (the project's TypeScript lib is DOM, not WebWorker). */
const scope = globalThis as unknown as Worker;
const on = (type: 'error' | 'unhandledrejection', listener: (e: ErrorEventLike) => void): void =>
  scope.addEventListener(type, listener as unknown as EventListener);

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope), CANCEL_UNDISPATCHED);

const describe = (e: unknown): string => (e instanceof Error ? e.stack ?? e.message : String(e));
on('error', (e) => connection.console.error(`uncaught: ${describe(e.error ?? e.message)}`));
on('unhandledrejection', (e) => connection.console.error(`unhandled rejection: ${describe(e.reason)}`));

declare const INFRA_YAML_VERSION: string; // defined by esbuild from package.json
startServer(connection, { version: INFRA_YAML_VERSION });
