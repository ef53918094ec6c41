// An LSP client for the web-worker build of the server: a blank page in
// headless Chromium starts dist/browser-server.js (built in memory) as a Web
// Worker, and every JSON-RPC message crosses as the worker's postMessage, as
// in VS Code's web extension host. The protocol connection itself runs here
// in Node, so tests speak to the worker with the same typed requests as to
// the Node server.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import {
  AbstractMessageReader, AbstractMessageWriter, createProtocolConnection, DataCallback, Disposable, InitializedNotification, InitializeRequest, InitializeResult,
  Message, MessageReader, MessageWriter, ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { withDeadline } from '../server/lspClient';

class PageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private readonly queue: Message[] = [];

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const m of this.queue.splice(0)) callback(m);
    return Disposable.create(() => { this.callback = undefined; });
  }

  push(m: Message): void {
    if (this.callback) this.callback(m);
    else this.queue.push(m);
  }
}

class PageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly page: Page) { super(); }

  async write(msg: Message): Promise<void> {
    await this.page.evaluate((m) => (window as unknown as { __worker: Worker }).__worker.postMessage(m), msg as unknown as Record<string, unknown>);
  }

  end(): void { /* the page closes with the test */ }
}

/** Serves a blank page and the worker script from one origin (workers must be same-origin). */
async function serveWorker(code: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/favicon.ico') res.writeHead(204).end();
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>Infra YAML worker</title>');
    else if (req.url === '/browser-server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export class WorkerLsp {
  /** The latest publishDiagnostics per URI. */
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** window/logMessage from the server, and errors of the page or the worker. */
  readonly logs: { type: number; message: string }[] = [];
  readonly errors: string[] = [];
  initializeResult: InitializeResult | undefined;
  private readonly waiters: { uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  private constructor(readonly page: Page, readonly connection: ProtocolConnection, private readonly http: { close(): Promise<void> }) {}

  static async start(browser: Browser, code: string, initializationOptions: Record<string, unknown>): Promise<WorkerLsp> {
    const served = await serveWorker(code);
    const page = await browser.newPage();
    const reader = new PageReader();
    const connection = createProtocolConnection(reader, new PageWriter(page));
    const lsp = new WorkerLsp(page, connection, served);
    page.on('pageerror', (e) => lsp.errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') lsp.errors.push(m.text()); });
    await page.exposeFunction('__fromWorker', (m: Message) => reader.push(m));
    await page.exposeFunction('__workerError', (text: string) => lsp.errors.push(`worker: ${text}`));
    await page.goto(`${served.origin}/`);
    await page.evaluate(() => {
      const w = window as unknown as { __worker: Worker; __fromWorker(m: unknown): void; __workerError(t: string): void };
      w.__worker = new Worker('/browser-server.js');
      w.__worker.onmessage = (e) => w.__fromWorker(e.data);
      w.__worker.onerror = (e) => w.__workerError(e.message);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => lsp.onDiagnostics(p));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showDocument', () => ({ success: true }));
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => { lsp.logs.push(p); });
    connection.listen();
    lsp.initializeResult = await withDeadline(connection.sendRequest(InitializeRequest.type, {
      processId: null, rootUri: null, workspaceFolders: null, initializationOptions,
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        workspace: { configuration: true },
        // As the Node tests' client (test/server/lspClient.ts) does, so that both servers serve the same commands.
        window: { showDocument: { support: true } },
      },
    }), 30_000, 'initialize (worker)');
    connection.sendNotification(InitializedNotification.type, {});
    return lsp;
  }

  private onDiagnostics(p: PublishDiagnosticsParams): void {
    this.latest.set(p.uri, p);
    for (const w of [...this.waiters]) {
      if (w.uri === p.uri && w.version === p.version) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  }

  /** Opens a document and waits for its first diagnostics. */
  openAndWait(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const p = new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, version: 1, resolve }));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'infra-yaml', version: 1, text } });
    return withDeadline(p, 30_000, `diagnostics of ${uri} (worker)`);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withDeadline(this.connection.sendRequest(method, params) as Promise<R>, 30_000, `${method} (worker)`);
  }

  async dispose(): Promise<void> {
    this.connection.dispose();
    await this.page.close();
    await this.http.close();
  }
}
