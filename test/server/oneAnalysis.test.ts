// One analysis in one place: the Node server's analysis worker keeps the only analysis of a
// document and answers every request that reads it; the request thread keeps the text. The
// server's test hook (features/testThreads.ts) says how many analyses the request thread built.
// Without a worker (none can start), the request thread answers everything itself.
import * as assert from 'node:assert/strict';
import { CodeLensRequest, DocumentSymbolRequest, MarkupContent, SemanticTokensRequest } from 'vscode-languageserver-protocol/node';
import { DIAGRAM_METHOD, DiagramAnswer } from '../../common/lspProtocol';
import { TEST_THREADS_REQUEST, TEST_THREADS_VARIABLE, ThreadsReport } from '../../server/src/features/testThreads';
import { freshUri, generatedDesign, LspClient, positionAt, positionOf } from './lspClient';

const BIG = 120_000;

/** Changes one component's kind and waits for that version's diagnostics; the new text. */
async function changeKind(client: LspClient, uri: string, name: string, from: string, to: string): Promise<string> {
  const current = client.texts.get(uri)!;
  const at = current.indexOf(`\n  ${name}:\n    kind: ${from}`) + `\n  ${name}:\n    kind: `.length;
  const version = client.change(uri, [{ range: { start: positionAt(current, at), end: positionAt(current, at + from.length) }, text: to }]);
  const d = await client.current(uri, BIG);
  assert.equal(d.version, version);
  return client.texts.get(uri)!;
}

async function hoverText(client: LspClient, uri: string, text: string, name: string): Promise<string> {
  const h = await client.hover(uri, positionOf(text, `\n  ${name}:`, 3), BIG);
  return h ? (h.contents as MarkupContent).value : '';
}

/** Every kind of request that reads the model, once; each must answer something. */
async function askEverything(client: LspClient, uri: string, text: string): Promise<void> {
  const textDocument = { uri };
  assert.ok((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }))?.length, 'symbols');
  assert.ok((await client.connection.sendRequest(CodeLensRequest.type, { textDocument }))?.length, 'code lenses');
  assert.ok((await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }))?.data.length, 'semantic tokens');
  const diagram = await client.connection.sendRequest<DiagramAnswer>(DIAGRAM_METHOD, { uri });
  assert.ok('value' in diagram && diagram.value.nodes.length > 0, 'diagram');
  assert.ok((await client.completion(uri, positionOf(text, 'kind: cache', 6), BIG)).some((i) => i.label === 'database'), 'completion');
}

describe('one analysis, in the analysis worker', function () {
  this.timeout(10 * BIG);
  let client: LspClient;
  let text: string;
  let name: string;
  before(async function () {
    text = await generatedDesign(2000);
    name = /\n {2}(cache-[\w-]+):\n {4}kind: cache\n/.exec(text.slice(text.length >> 1))![1]!;
    client = await LspClient.start({ env: { ...process.env, [TEST_THREADS_VARIABLE]: '1' } });
  });
  after(async function () {
    if (client) await client.shutdown().catch(() => client.dispose());
  });
  const threads = (): Promise<ThreadsReport> => client.connection.sendRequest(TEST_THREADS_REQUEST);

  it('answers every request from the worker, the request thread building no analysis', async function () {
    const uri = freshUri('one-analysis');
    await client.openAndWait(uri, text, BIG);
    await askEverything(client, uri, text);
    assert.match(await hoverText(client, uri, text, name), /cache/i);
    // right after each edit's diagnostics, with no pause: the answers are that version's
    let current = text;
    for (const [from, to] of [['cache', 'database'], ['database', 'queue']] as const) {
      current = await changeKind(client, uri, name, from, to);
      assert.ok((await hoverText(client, uri, current, name)).toLowerCase().includes(to), `hover after kind: ${to}`);
    }
    await askEverything(client, uri, current);
    assert.deepEqual(await threads(), { requestThreadAnalyses: 0, worker: true });
  });

  it('keeps answering after the document is closed and opened again, from its new text', async function () {
    const uri = freshUri('reopen');
    await client.openAndWait(uri, text, BIG);
    client.close(uri);
    const reopened = text.replace(`\n  ${name}:\n    kind: cache`, `\n  ${name}:\n    kind: storage`);
    await client.openAndWait(uri, reopened, BIG);
    assert.ok((await hoverText(client, uri, reopened, name)).toLowerCase().includes('storage'));
    assert.equal((await threads()).requestThreadAnalyses, 0);
  });
});

describe('without an analysis worker', function () {
  this.timeout(10 * BIG);
  let client: LspClient;
  before(async function () {
    client = await LspClient.start({ env: { ...process.env, [TEST_THREADS_VARIABLE]: 'no-worker' } });
  });
  after(async function () {
    if (client) await client.shutdown().catch(() => client.dispose());
  });

  it('answers everything on the request thread, after each edit from that edit', async function () {
    const text = await generatedDesign(300);
    const name = /\n {2}(cache-[\w-]+):\n {4}kind: cache\n/.exec(text)![1]!;
    const uri = freshUri('no-worker');
    await client.openAndWait(uri, text, BIG);
    await askEverything(client, uri, text);
    const current = await changeKind(client, uri, name, 'cache', 'database');
    assert.ok((await hoverText(client, uri, current, name)).toLowerCase().includes('database'));
    const report = await client.connection.sendRequest<ThreadsReport>(TEST_THREADS_REQUEST);
    assert.equal(report.worker, false);
    assert.ok(report.requestThreadAnalyses > 0, 'the request thread analysed');
  });
});
