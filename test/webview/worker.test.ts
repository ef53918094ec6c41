// The web-worker build of the language server (what vscode.dev and
// github.dev run) in headless Chromium, spoken to over postMessage: for each
// reference design, the diagnostics, a completion, a hover, the quick fixes,
// the preview's diagram and a simulation are identical to the Node server's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-protocol/node';
import { DIAGRAM_METHOD, SIMULATE_METHOD } from '../../common/lspProtocol';
import { LspClient, positionOf } from '../server/lspClient';
import { launch, ROOT } from './harness';
import { buildWebBundle, WEB_SERVER } from './webBuild';
import { WorkerLsp } from './workerLsp';

const SHARED_EXAMPLES = path.resolve(ROOT, '../shared/examples');
const DESIGNS = fs.readdirSync(SHARED_EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort();
// Where the Node server finds the rule pages (next to dist/): the worker is told the same.
const DOCS_BASE = pathToFileURL(path.join(ROOT, 'docs', 'rules')).href;

const labels = (r: CompletionItem[] | CompletionList | null): string[] => (r === null ? [] : Array.isArray(r) ? r : r.items).map((i) => i.label);
const codes = (text: string, tag: 'expect' | 'allow'): string[] =>
  [...text.matchAll(new RegExp(`^# ${tag}: (\\S+) @`, 'gm'))].map((m) => m[1]!).sort();

describe('language server in a Web Worker (headless Chromium)', function () {
  this.timeout(120000);
  let browser: Browser;
  let worker: WorkerLsp;
  let node: LspClient;

  before(async () => {
    const bundle = await buildWebBundle(WEB_SERVER);
    browser = await launch();
    worker = await WorkerLsp.start(browser, bundle.code, { docsBase: DOCS_BASE });
    node = await LspClient.start();
  });
  after(async () => {
    await worker?.dispose();
    await node?.shutdown().catch(() => node.dispose());
    await browser?.close();
  });

  it('initializes with the same capabilities as the Node server', () => {
    assert.ok(worker.initializeResult?.capabilities.completionProvider);
    assert.deepEqual(worker.initializeResult, node.initializeResult);
  });

  for (const file of DESIGNS) {
    describe(file, () => {
      const text = fs.readFileSync(path.join(SHARED_EXAMPLES, file), 'utf8');
      const uri = pathToFileURL(path.join(SHARED_EXAMPLES, file)).href;
      let fromWorker: Diagnostic[];
      let fromNode: Diagnostic[];

      before(async () => {
        [fromWorker, fromNode] = await Promise.all([worker.openAndWait(uri, text).then((p) => p.diagnostics), node.openAndWait(uri, text).then((p) => p.diagnostics)]);
      });

      it('publishes the diagnostics the design expects, identical to the Node server', () => {
        const got = fromWorker.map((d) => String(d.code)).sort();
        for (const code of codes(text, 'expect')) {
          const i = got.indexOf(code);
          assert.ok(i >= 0, `expected ${code} in ${got.join(', ')}`);
          got.splice(i, 1);
        }
        assert.deepEqual(got.filter((c) => !codes(text, 'allow').includes(c)), [], 'unexpected diagnostics');
        assert.ok(fromWorker.every((d) => d.codeDescription?.href === `${DOCS_BASE}/${d.code}.md`), 'rule pages at the docsBase the client gave');
        assert.deepEqual(fromWorker, fromNode);
      });

      it('completes a kind, like the Node server', async () => {
        const at: Position = positionOf(text, 'kind: ', 'kind: '.length);
        const params = { textDocument: { uri }, position: at };
        const [w, n] = await Promise.all([worker.request<CompletionList>('textDocument/completion', params), node.connection.sendRequest('textDocument/completion', params)]);
        assert.ok(labels(w).includes('load-balancer') || labels(w).includes('web-server'), `kinds offered: ${labels(w).slice(0, 10).join(', ')}`);
        assert.deepEqual(w, n);
      });

      it('hovers a key, like the Node server', async () => {
        const params = { textDocument: { uri }, position: positionOf(text, 'kind:', 1) };
        const [w, n] = await Promise.all([worker.request<Hover | null>('textDocument/hover', params), node.hover(uri, params.position)]);
        assert.match(JSON.stringify(w?.contents ?? ''), /kind/i);
        assert.deepEqual(w, n);
      });

      it('offers and resolves a quick fix, like the Node server', async () => {
        const diagnostic = fromWorker[0];
        if (!diagnostic) {
          // A design without findings: nothing to fix anywhere, on either server.
          assert.equal(codes(text, 'expect').length, 0);
          const params = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionOf(text, text.slice(-1), 1) }, context: { diagnostics: [] } };
          const [w, n] = await Promise.all([worker.request<CodeAction[]>('textDocument/codeAction', params), node.connection.sendRequest('textDocument/codeAction', params)]);
          assert.deepEqual(w, n);
          return;
        }
        const params = { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } };
        const [w, n] = await Promise.all([worker.request<CodeAction[]>('textDocument/codeAction', params), node.connection.sendRequest('textDocument/codeAction', params)]);
        assert.ok(w.length > 0, `no code action for ${diagnostic.code}`);
        assert.deepEqual(w, n);
        const fix = w.find((a) => a.kind === 'quickfix' && !a.command) ?? w[0]!;
        const [rw, rn] = await Promise.all([worker.request<CodeAction>('codeAction/resolve', fix), node.connection.sendRequest('codeAction/resolve', fix)]);
        assert.deepEqual(rw, rn);
        assert.ok(rw.edit || rw.command, `'${rw.title}' resolved to nothing`);
      });

      it('answers the preview (diagram and simulation), like the Node server', async () => {
        const diagram = { uri };
        const simulation = { uri, seed: 7, qps: 200, readShare: 0.8, failed: [], ticks: 20, tickMs: 100 };
        const [dw, dn, sw, sn] = await Promise.all([
          worker.request<{ value?: unknown }>(DIAGRAM_METHOD, diagram), node.connection.sendRequest(DIAGRAM_METHOD, diagram),
          worker.request<{ value?: unknown }>(SIMULATE_METHOD, simulation), node.connection.sendRequest(SIMULATE_METHOD, simulation),
        ]);
        assert.ok(dw.value && sw.value, 'the worker answered with values');
        assert.deepEqual(dw, dn);
        assert.deepEqual(sw, sn);
      });
    });
  }

  describe('afterwards', () => {
    it('logged no error in the page, the worker or the server', () => {
      assert.deepEqual(worker.errors, []);
      assert.deepEqual(worker.logs.filter((l) => l.type === 1), []);
    });
  });
});
