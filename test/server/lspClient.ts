// A small LSP client for the protocol tests: spawns `node dist/server.js
// --stdio`, initializes it like an editor would (with workspace/configuration
// answered from a settings object the test controls), and waits for
// diagnostics by promise with a deadline — never by sleeping.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionList, CompletionRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, Hover, HoverRequest, InitializedNotification,
  InitializeRequest, InitializeResult, Position, ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter, TextDocumentContentChangeEvent, CompletionItem,
} from 'vscode-languageserver-protocol/node';

/** The repository root (this file runs from out/test/server/). */
export const ROOT = path.resolve(__dirname, '../../..');

/** A valid generated design of about `n` components (scripts/gen-design.mjs), as text. */
export async function generatedDesign(n: number): Promise<string> {
  const gen = (await import(pathToFileURL(path.join(ROOT, 'scripts/gen-design.mjs')).href)) as { generateDesign(n: number): { text: string } };
  return gen.generateDesign(n).text;
}
export const SERVER = path.join(ROOT, 'dist/server.js');

export class DeadlineError extends Error {}

/** Resolves with the promise's value, or rejects when `ms` pass first. */
export function withDeadline<T>(p: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${label}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

interface Waiter {
  readonly uri: string;
  readonly test: (p: PublishDiagnosticsParams) => boolean;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export interface StartOptions {
  /** The `infraYaml` section answered to workspace/configuration (mutable through `settings`). */
  readonly settings?: Record<string, unknown>;
  /** Advertise the workspace.configuration capability (default true). */
  readonly configuration?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Other sections answered to workspace/configuration (e.g. `yaml` for yaml-language-server). */
  readonly sections?: Record<string, unknown>;
  readonly initializationOptions?: unknown;
  /** Advertise window.showDocument support (default true). */
  readonly showDocument?: boolean;
  /** The server command (default: this Node running dist/server.js --stdio). */
  readonly command?: readonly [string, ...string[]];
}

export class LspClient {
  /** What `workspace/configuration` answers for section `infraYaml`. Change it, then call `configurationChanged()`. */
  settings: Record<string, unknown>;
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** The latest publishDiagnostics per URI. */
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  configurationRequests = 0;
  /** window/showDocument requests from the server. */
  readonly shownDocuments: { uri: string; external?: boolean }[] = [];
  /** window/showMessage notifications. */
  readonly messages: { type: number; message: string }[] = [];
  /** window/logMessage notifications (the server logs handler failures there). */
  readonly logs: { type: number; message: string }[] = [];
  stderr = '';
  /** Set when the server process exits: its exit code (or signal name). */
  exitCode: number | string | undefined;
  readonly exited: Promise<number | string>;
  initializeResult: InitializeResult | undefined;
  private readonly waiters: Waiter[] = [];

  private constructor(readonly child: ChildProcess, readonly connection: ProtocolConnection, settings: Record<string, unknown>) {
    this.settings = settings;
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitCode = code ?? signal ?? 'unknown';
        resolve(this.exitCode);
      });
    });
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const [cmd, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (b: Buffer) => { client.stderr += b.toString(); });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => client.onDiagnostics(p));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      client.configurationRequests++;
      return p.items.map((item) => (item.section && options.sections && item.section in options.sections ? options.sections[item.section] : item.section === 'infraYaml' ? client.settings : item.section === undefined ? { infraYaml: client.settings } : null));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showDocument', (p: { uri: string; external?: boolean }) => { client.shownDocuments.push(p); return { success: true }; });
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => { client.messages.push(p); });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => { client.logs.push(p); });
    connection.onNotification('telemetry/event', () => undefined);
    connection.onError(() => undefined);
    connection.listen();
    const rootUri = 'file://' + ROOT;
    client.initializeResult = await withDeadline(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'infra-yaml' }],
      initializationOptions: options.initializationOptions,
      capabilities: {
        window: { showDocument: { support: options.showDocument ?? true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          synchronization: { didSave: false, dynamicRegistration: false },
        },
        workspace: { configuration: options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: false } },
      },
    }), 10_000, 'initialize');
    connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private onDiagnostics(p: PublishDiagnosticsParams): void {
    this.published.push(p);
    this.latest.set(p.uri, p);
    for (const w of [...this.waiters]) {
      if (w.uri === p.uri && w.test(p)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  }

  /**
   * The first publishDiagnostics for `uri` that passes `test`, counting the
   * latest one already received. Rejects after `ms`, or when the server exits.
   */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean, ms = 30_000): Promise<PublishDiagnosticsParams> {
    const have = this.latest.get(uri);
    if (have && test(have)) return Promise.resolve(have);
    return this.nextDiagnostics(uri, test, ms);
  }

  /** The next publishDiagnostics for `uri` (after this call) that passes `test`. */
  nextDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 30_000): Promise<PublishDiagnosticsParams> {
    let waiter: Waiter | undefined;
    const p = new Promise<PublishDiagnosticsParams>((resolve) => {
      waiter = { uri, test, resolve };
      this.waiters.push(waiter);
    });
    const died = this.exited.then((code) => { throw new Error(`server exited (${code}) while waiting for diagnostics of ${uri}; stderr: ${this.stderr.slice(-500)}`); });
    return withDeadline(Promise.race([p, died]), ms, `diagnostics for ${uri}`).finally(() => {
      const i = this.waiters.indexOf(waiter!);
      if (i >= 0) this.waiters.splice(i, 1);
    });
  }

  /** Diagnostics for the document's current version. */
  current(uri: string, ms = 30_000): Promise<PublishDiagnosticsParams> {
    const v = this.versions.get(uri);
    return this.diagnostics(uri, (p) => p.version === v, ms);
  }

  open(uri: string, text: string, version = 1): void {
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'infra-yaml', version, text } });
  }

  /** Opens and waits for the first diagnostics. */
  async openAndWait(uri: string, text: string, ms = 30_000): Promise<PublishDiagnosticsParams> {
    const p = this.nextDiagnostics(uri, (d) => d.version === 1, ms);
    this.open(uri, text);
    return p;
  }

  /** Sends content changes with the next version; returns that version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) text = 'range' in c ? applyEdit(text, c.range.start, c.range.end, c.text) : c.text;
    this.texts.set(uri, text);
    this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the whole text (a full-content change event). */
  replace(uri: string, text: string): number {
    return this.change(uri, [{ text }]);
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.texts.delete(uri);
    this.latest.delete(uri);
    this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server the settings changed (it pulls them again). */
  configurationChanged(): void {
    this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { infraYaml: this.settings } });
  }

  hover(uri: string, position: Position, ms = 30_000): Promise<Hover | null> {
    return withDeadline(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), ms, `hover ${uri}`);
  }

  async completion(uri: string, position: Position, ms = 30_000): Promise<CompletionItem[]> {
    const r = await withDeadline(this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), ms, `completion ${uri}`);
    return r === null ? [] : Array.isArray(r) ? r : (r as CompletionList).items;
  }

  /** shutdown + exit; resolves with the exit code (0 for a clean exit). */
  async shutdown(ms = 30_000): Promise<number | string> {
    if (this.exitCode !== undefined) return this.exitCode;
    await withDeadline(this.connection.sendRequest(ShutdownRequest.type), ms, 'shutdown');
    this.connection.sendNotification(ExitNotification.type);
    try {
      return await withDeadline(this.exited, ms, 'exit');
    } finally {
      this.connection.dispose();
    }
  }

  /** Kills the server if it is still running (for after-hooks). */
  dispose(): void {
    if (this.exitCode === undefined) this.child.kill();
    try { this.connection.dispose(); } catch { /* already */ }
  }
}

/** Applies an LSP range edit to a text (positions in UTF-16 code units, like the protocol). */
export function applyEdit(text: string, start: Position, end: Position, insert: string): string {
  return text.slice(0, offsetAt(text, start)) + insert + text.slice(offsetAt(text, end));
}

export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  const nl = text.indexOf('\n', i);
  const lineEnd = nl < 0 ? text.length : nl;
  return Math.min(i + pos.character, lineEnd);
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position of the first occurrence of `needle` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not in text`);
  return positionAt(text, i + delta);
}

let counter = 0;
/** A fresh document URI. */
export function freshUri(name = 'test'): string {
  return `file:///tmp/infra-yaml-tests/${name}-${process.pid}-${++counter}.infra.yaml`;
}
