// The server stays responsive on a large design: the analysis runs on a
// worker thread, requests answer from the last model, superseded analyses
// are dropped. Order is asserted (a hover answered before the diagnostics of
// the edit it follows), never a time: speed figures are in `npm run bench`.
import * as assert from 'node:assert/strict';
import { CancellationToken, CancellationTokenSource, CodeAction, CodeActionRequest, CodeActionResolveRequest, CompletionRequest, DocumentSymbolRequest, HoverRequest, LSPErrorCodes, MarkupContent, ResponseError } from 'vscode-languageserver-protocol/node';
import { SIMULATE_METHOD, SimulateAnswer } from '../../common/lspProtocol';
import { freshUri, generatedDesign, LspClient, positionAt, positionOf } from './lspClient';

const BIG = 120_000; // generous bound for one analysis of 10,000 components on a loaded machine

describe('a responsive server on 10,000 components', function () {
  this.timeout(10 * BIG);
  let client: LspClient;
  let text: string;
  before(async function () {
    text = await generatedDesign(10_000);
    client = await LspClient.start();
  });
  after(async function () {
    if (client) await client.shutdown().catch(() => client.dispose());
  });

  it('answers hover and completion from the last model while the edit is being analysed', async function () {
    const uri = freshUri('responsive');
    await client.openAndWait(uri, text, BIG);
    // the first request builds the request thread's model of version 1
    assert.ok(await client.hover(uri, positionOf(text, 'lb-0-a:'), BIG));
    // a one-value edit in the middle of the file that is analysed whole: an anchor ties the entry to
    // the rest of the file (a plain value edit is analysed incrementally in a few milliseconds)
    const redis = text.indexOf('    software: redis', text.length >> 1) + '    software: '.length;
    const at = positionAt(text, redis);
    const version = client.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: '&sw memcached' }]);
    const after = client.texts.get(uri)!;
    assert.ok(after.includes('software: &sw memcached'));
    const pending = client.current(uri, BIG);
    await new Promise((r) => setTimeout(r, 600)); // past the typing pause: the analysis of the edit has started
    // a component defined after the edit: its hover lands on its name in the edited text
    const name = after.lastIndexOf('\n  lb-') + 3;
    const pos = positionAt(after, name);
    const hover = await client.hover(uri, pos, BIG);
    const items = await client.completion(uri, positionOf(after, 'kind: cache', 6), BIG);
    assert.notEqual(client.latest.get(uri)?.version, version, 'hover and completion answered before the diagnostics of the edit');
    assert.ok(hover && (hover.contents as MarkupContent).value.includes('load balancer'), JSON.stringify(hover));
    assert.equal(hover!.range!.start.line, pos.line, 'the hover range is on the current text');
    assert.ok(items.some((i) => i.label === 'database'), 'kind values offered');
    const d = await pending;
    assert.equal(d.version, version);
  });

  it('drops analyses that a newer edit superseded', async function () {
    const uri = freshUri('supersede');
    // An anchor on the edited value: each edit is analysed whole, long enough for the next to supersede it.
    const anchored = text.replace('qps: ', 'qps: &q ');
    await client.openAndWait(uri, anchored, BIG);
    const start = client.published.length;
    const at = positionOf(anchored, 'qps: &q ', 8);
    let version = 1;
    for (let i = 0; i < 6; i++) {
      version = client.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: String(i + 1) }]);
      await new Promise((r) => setTimeout(r, 300)); // past the typing pause, within one analysis
    }
    const d = await client.current(uri, BIG);
    assert.equal(d.version, version);
    const versions = client.published.slice(start).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual([...versions].sort((x, y) => x! - y!), versions, 'never an older version after a newer one');
    assert.ok(versions.length < 6, `superseded versions were not all analysed to the end: published ${versions.join(', ')}`);
  });

  it('runs a simulation in slices: requests answered in between, cancellation stops it', async function () {
    const uri = freshUri('simulate');
    await client.openAndWait(uri, text, BIG);
    const params = { uri, seed: 1, qps: 1e9, readShare: 0.9, failed: [], ticks: 600, tickMs: 100 };
    // a whole run: bounded by design size (fewer ticks for 10,000 components)
    let finished = false;
    const run = client.connection.sendRequest<SimulateAnswer>(SIMULATE_METHOD, params).then((a) => { finished = true; return a; });
    const hover = await client.hover(uri, positionOf(text, 'lb-0-a:'), BIG);
    assert.ok(hover, 'hover answered');
    assert.equal(finished, false, 'the hover did not wait for the simulation');
    const answer = await withBound(run);
    assert.ok('value' in answer, JSON.stringify(answer).slice(0, 200));
    const cells = answer.value.ticks.length * Object.keys(answer.value.ticks[0]!.nodes).length;
    assert.ok(answer.value.ticks.length < 600 && cells <= 500_000, `${answer.value.ticks.length} ticks, ${cells} cells`);
    assert.ok(answer.value.summary.read.sent > 0);
    // a cancelled run answers as cancelled
    const cts = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest<SimulateAnswer>(SIMULATE_METHOD, params, cts.token);
    await client.hover(uri, positionOf(text, 'lb-0-a:'), BIG); // the run has started
    cts.cancel();
    await assert.rejects(withBound(cancelled), (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.equal(client.exitCode, undefined);
  });
});

describe('a cancelled request is answered as cancelled, never late', function () {
  this.timeout(10 * BIG);
  let client: LspClient;
  let text: string;
  let uri: string;
  let fixAll: CodeAction;
  before(async function () {
    text = await generatedDesign(3_000);
    client = await LspClient.start();
    uri = freshUri('cancel');
    await client.openAndWait(uri, text, BIG);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.infra-yaml'] },
    })) as CodeAction[];
    fixAll = actions[0]!;
  });
  after(async function () {
    if (client) await client.shutdown().catch(() => client.dispose());
  });

  const isCancelled = (e: unknown): boolean => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled;

  type Send = (token: CancellationToken) => Promise<unknown>;
  const requests: [string, () => Send][] = [
    ['completion', () => (t) => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, 'lb-0-a:') }, t)],
    ['hover', () => (t) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'lb-0-a:') }, t)],
    ['code actions', () => (t) => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: positionOf(text, 'lb-0-a:'), end: positionOf(text, 'lb-0-a:') }, context: { diagnostics: [] } }, t)],
    ['fix all', () => (t) => client.connection.sendRequest(CodeActionResolveRequest.type, fixAll, t)],
    ['simulate', () => (t) => client.connection.sendRequest(SIMULATE_METHOD, { uri, seed: 1, qps: 1e6, readShare: 0.9, failed: [], ticks: 60, tickMs: 100 }, t)],
  ];
  for (const [name, make] of requests) {
    it(`${name}, cancelled while it waits behind another request`, async function () {
      // The server is busy with the symbols of 3,000 components when both the request and its cancellation arrive.
      const busy = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      const cts = new CancellationTokenSource();
      const pending = make()(cts.token);
      cts.cancel();
      await assert.rejects(withBound(pending), isCancelled);
      assert.ok(await withBound(busy), 'the busy request answered');
    });
  }

  it('fix all, cancelled while it waits for the settings: no late edit', async function () {
    // Hold the answer to workspace/configuration; a settings change makes the server ask again.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => { release = r; });
    let asked!: () => void;
    const askedOnce = new Promise<void>((r) => { asked = r; });
    client.connection.onRequest('workspace/configuration', async (p: { items: unknown[] }) => { asked(); await held; return p.items.map(() => ({})); });
    client.configurationChanged();
    await withBound(askedOnce);
    const cts = new CancellationTokenSource();
    const pending = client.connection.sendRequest(CodeActionResolveRequest.type, fixAll, cts.token);
    pending.catch(() => undefined); // asserted below, after the hover
    cts.cancel();
    assert.ok(await client.hover(uri, positionOf(text, 'lb-0-a:'), BIG), 'the cancellation has arrived');
    release();
    await assert.rejects(withBound(pending), isCancelled);
  });
});

function withBound<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no answer')), 10 * BIG); });
  return Promise.race([p, bound]).finally(() => clearTimeout(timer));
}
