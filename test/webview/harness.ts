// Serves the preview webview outside VS Code: the same HTML and CSP as the
// extension (client/src/preview/html.ts), a fresh bundle of webview/src, and
// a stub `acquireVsCodeApi` whose messages are answered here in Node by the
// analysis core (diagram model, simulation). Drives headless Debian
// Chromium through playwright-core.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { makeNonce, previewHtml } from '../../client/src/preview/html';
import { DiagramPoster } from '../../common/diagramChanges';
import { FromWebview, packResult, ToWebview } from '../../common/webviewProtocol';
import { analyzeText, Analysis } from '../../server/src/analysis/analyze';
import { simulate } from '../../server/src/analysis/simulate/simulate';
import { buildDiagram } from '../../server/src/analysis/view/diagram';

// Compiled to out/test/webview/, so the repository root is three levels up.
export const ROOT = path.resolve(__dirname, '../../..');
export const EXAMPLES = path.resolve(ROOT, 'test/fixtures/designs');
export const RESULTS = path.join(ROOT, 'test-results', 'webview');
const BUNDLE_DIR = path.join(ROOT, 'out', 'webview-test');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Bundles webview/src the way esbuild.mjs does, so the test needs no prior build. */
export async function buildBundle(): Promise<string> {
  // esbuild ships CommonJS; required lazily so that compiling the tests needs no esbuild types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as { build(o: object): Promise<unknown> };
  await esbuild.build({ entryPoints: { webview: path.join(ROOT, 'webview/src/main.ts'), layoutWorker: path.join(ROOT, 'webview/src/layoutWorker.ts') }, outdir: BUNDLE_DIR, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'warning' });
  return BUNDLE_DIR;
}

export interface Server { readonly origin: string; close(): Promise<void> }

export async function serveBundle(dir: string): Promise<Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/') {
      const nonce = makeNonce();
      const preamble = STUB;
      const page = previewHtml({ cspSource: origin, nonce, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css`, workerUri: `${origin}/layoutWorker.js`, preamble });
      // `/?worker=blocked`: a host whose CSP forbids the worker, so the page lays out itself.
      res.writeHead(200, { 'content-type': 'text/html' }).end(url.searchParams.get('worker') === 'blocked' ? page.replace('worker-src blob:', "worker-src 'none'") : page);
      return;
    }
    const file = path.join(dir, path.basename(url.pathname));
    if (url.pathname === '/favicon.ico') { res.writeHead(204).end(); return; }
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Stands in for VS Code: records posted messages and hands them to the Node side. */
const STUB = `
  window.__posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { window.__posted.push(m); window.__toHost(m); },
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });`;

/**
 * The hooks every preview suite needs: before, a fresh bundle served here, a
 * headless Chromium and the results folder, handed to `ready` (which may do
 * more set-up with them); after, both closed. Call inside a `describe`.
 */
export function previewSuite(ready: (browser: Browser, server: Server) => void | Promise<void>): void {
  let browser: Browser | undefined;
  let server: Server | undefined;
  before(async () => {
    server = await serveBundle(await buildBundle());
    browser = await launch();
    fs.mkdirSync(RESULTS, { recursive: true });
    await ready(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Opens the page for one design and answers the webview as the extension would. */
export async function openPreview(browser: Browser, origin: string, text: string, viewport = { width: 1400, height: 900 }, query = ''): Promise<{ page: Page; errors: string[]; logs: string[]; analysis: Analysis; counts: { simulate: number; ready: number; changes: number }; edit: (next: string) => Promise<void> }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const analysis = analyzeText(text);
  // The version the host answers for: `edit` moves it on, as typing in the editor does.
  let current = analysis;
  const counts = { simulate: 0, ready: 0, changes: 0 };
  // Diagrams are posted as the extension posts them: whole, then as changes to the last one (common/diagramChanges.ts).
  const diagrams = new DiagramPoster();
  const logs: string[] = [];
  // Sent as JSON text: playwright's own serialisation of a large simulation result takes many seconds.
  const send = (m: ToWebview): Promise<void> => page.evaluate((json) => {
    const msg = JSON.parse(json) as { type: string };
    // The last diagram is kept so that tests can replay an update.
    if (msg.type === 'diagram') (window as unknown as { __lastDiagram: unknown }).__lastDiagram = msg;
    window.postMessage(msg, '*');
  }, JSON.stringify(m));
  await page.exposeFunction('__toHost', async (m: FromWebview) => {
    if (m.type === 'log') logs.push(m.text);
    if (m.type === 'ready') { counts.ready++; diagrams.reset(); await send(diagrams.message('file:///design.infra.yaml', buildDiagram(current))); }
    if (m.type === 'simulate') { counts.simulate++; await send({ type: 'simulation', requestId: m.requestId, result: packResult(simulate(current, m.params)) }); }
  });
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('body[data-status="simulated"]', { timeout: 30000 });
  /** The design edited to `next`: its diagram sent as the extension sends it, and the page's update (simulation included) waited for. */
  const edit = async (next: string): Promise<void> => {
    current = analyzeText(next);
    await page.evaluate(() => { document.body.dataset.status = 'updating'; });
    const message = diagrams.message('file:///design.infra.yaml', buildDiagram(current));
    if (message.type === 'diagramChanges') counts.changes++;
    await send(message);
    await page.waitForSelector('body[data-status="simulated"]', { timeout: 60000 });
  };
  return { page, errors, logs, analysis, counts, edit };
}
