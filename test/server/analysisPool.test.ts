// The analysis worker keeps its parse across superseded jobs: a newer version cancels the running
// job cooperatively (no worker restart), the burst ends with the last version's diagnostics, and
// that last job re-parses only what its edit touched. Runs the built worker (dist/analysisWorker.js).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AnalysisPool } from '../../server/src/features/analysisPool';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { createLanguageService } from '../../server/src/analysis/languageService';
import { AnalysisDone, runJob } from '../../server/src/features/analysisJob';
import { localRequester } from '../../server/src/features/modelRequests';
import { generatedDesign, positionAt, positionOf, ROOT } from './lspClient';

const BIG = 120_000;

describe('the analysis pool on a burst of edits', function () {
  this.timeout(10 * BIG);
  let pool: AnalysisPool;
  after(() => pool?.dispose());

  it('cancels superseded jobs without restarting the worker, and ends incremental on the last version', async function () {
    const text = await generatedDesign(3000);
    const logs: string[] = [];
    pool = new AnalysisPool(path.join(ROOT, 'dist/analysisWorker.js'), (m) => logs.push(m));
    const uri = 'file:///pool/burst.infra.yaml';
    const first = await pool.run({ uri, version: 1, text, rules: {} });
    assert.ok(first && !first.parse.incremental, 'the first job parses the whole text');
    assert.equal(pool.workersStarted, 1);
    // a burst of edits (an unknown key added to one entry) in the middle of the file, each sent while the previous runs
    const at = text.indexOf('    software: redis', text.length >> 1) + '    software: '.length;
    const versions: string[] = [];
    const runs: Promise<AnalysisDone | undefined>[] = [];
    for (let v = 2; v <= 8; v++) {
      const edited = text.slice(0, at) + `redis\n    bogus${v}: 1` + text.slice(at + 'redis'.length);
      versions.push(edited);
      runs.push(pool.run({ uri, version: v, text: edited, rules: {} }));
      await new Promise((r) => setTimeout(r, 5));
    }
    const results = await Promise.all(runs);
    const last = results[results.length - 1];
    assert.ok(last, 'the last version is analysed');
    assert.ok(results.slice(0, -1).some((r) => r === undefined), 'superseded jobs were dropped');
    assert.equal(pool.workersStarted, 1, 'the worker was not restarted');
    assert.deepEqual(logs, []);
    assert.equal(last.parse.incremental, true, 'the last job re-parsed only the edited entry');
    const expected = runJob({ id: 0, uri: 'file:///pool/fresh.infra.yaml', version: 8, text: versions[versions.length - 1]!, rules: {} });
    assert.deepEqual(JSON.parse(last.diagnostics), JSON.parse(expected.diagnostics), 'the diagnostics are those of the last version');
    assert.ok(last.diagnostics.includes('bogus8'), 'the last edit is diagnosed');
  });

  it('reports the worker\'s heap for the memory benchmark once a worker runs', async function () {
    const own = new AnalysisPool(path.join(ROOT, 'dist/analysisWorker.js'), () => undefined);
    try {
      assert.equal(await own.heap(false), undefined, 'no worker before the first job');
      const text = await generatedDesign(100);
      assert.ok(await own.run({ uri: 'file:///pool/heap.infra.yaml', version: 1, text, rules: {} }));
      const h = await own.heap(false);
      assert.ok(h, 'the worker answers');
      assert.ok(h.used > 0 && h.committed >= h.used, `used ${h.used}, committed ${h.committed}`);
      assert.ok((h.spaces.old ?? 0) > 0, 'per space');
      assert.equal(h.collected, false);
    } finally {
      own.dispose();
    }
  });

  it('answers a request sent while a job analyses an edit from that edit\'s model, before the job ends', async function () {
    const text = await generatedDesign(3000);
    const name = /\n {2}(cache-[\w-]+):\n {4}kind: cache\n/.exec(text.slice(text.length >> 1))![1]!;
    const own = new AnalysisPool(path.join(ROOT, 'dist/analysisWorker.js'), () => undefined);
    const uri = 'file:///pool/during.infra.yaml';
    const docs = new Map<string, TextDocument>();
    const local = localRequester({ service: createLanguageService(), doc: (u) => docs.get(u), all: () => docs.values(), ruleDocs: () => undefined });
    own.attach({ documents: () => docs.values(), local });
    try {
      own.open(uri, 'infra-yaml', 1, text);
      assert.ok(await own.run({ uri, version: 1, text, rules: {} }));
      // An anchor ties the edited entry to the rest of the file: the edit is parsed whole, a long first phase.
      const edited = text.replace(`\n  ${name}:\n    kind: cache`, `\n  ${name}:\n    kind: &k database`);
      own.change(uri, 2, [{ text: edited }]);
      const order: string[] = [];
      const job = own.run({ uri, version: 2, text: edited, rules: {} }).then((d) => { order.push('diagnostics'); return d; });
      const hover = own.call('hover', { textDocument: { uri }, position: positionOf(edited, `\n  ${name}:`, 3) }).then((h) => { order.push('hover'); return h as Hover | null; });
      const [h, d] = await Promise.all([hover, job]);
      assert.ok(d && !d.parse.incremental, 'the edit was parsed whole');
      assert.deepEqual(order, ['hover', 'diagnostics'], 'the hover did not wait for the rules');
      assert.match((h?.contents as MarkupContent | undefined)?.value ?? '', /database/i, 'the hover reads the new model');
    } finally {
      own.dispose();
    }
  });

  it('posts a job without its text when the worker has that version of the document, with the same diagnostics', async function () {
    const text = await generatedDesign(300);
    const own = new AnalysisPool(path.join(ROOT, 'dist/analysisWorker.js'), () => undefined);
    const uri = 'file:///pool/mirrored.infra.yaml';
    try {
      own.open(uri, 'infra-yaml', 1, text);
      assert.ok(await own.run({ uri, version: 1, text, rules: {} }));
      // An unknown key typed into one entry, sent as an incremental change: the worker applies it to its copy.
      const at = text.indexOf('    software: redis', text.length >> 1) + '    software: redis'.length;
      const edited = text.slice(0, at) + '\n    bogus: 1' + text.slice(at);
      const p = positionAt(text, at);
      own.change(uri, 2, [{ range: { start: p, end: p }, text: '\n    bogus: 1' }]);
      const d = await own.run({ uri, version: 2, text: edited, rules: {} });
      assert.equal(own.jobTextsPosted, 0, 'both jobs were read from the worker\'s copy');
      assert.ok(d?.parse.incremental, 'the edit was parsed incrementally');
      const other = 'file:///pool/mirrored-fresh.infra.yaml';
      const fresh = runJob({ id: 0, uri: other, version: 2, text: edited, rules: {} });
      assert.equal(d.diagnostics, fresh.diagnostics.replaceAll(other, uri));
      assert.match(d.diagnostics, /bogus/, 'the edit\'s finding is there');
      // A version the worker was never sent (no change posted for it) goes with its text.
      const third = edited.replace('bogus: 1', 'bogus: 2');
      const d3 = await own.run({ uri, version: 3, text: third, rules: {} });
      assert.equal(own.jobTextsPosted, 1);
      assert.equal(d3?.diagnostics, runJob({ id: 0, uri: other, version: 3, text: third, rules: {} }).diagnostics.replaceAll(other, uri));
    } finally {
      own.dispose();
    }
  });

  it('answers requests on the request thread when no worker can start', async function () {
    const own = new AnalysisPool(undefined, () => undefined);
    const text = await generatedDesign(50);
    const uri = 'file:///pool/local.infra.yaml';
    const docs = new Map([[uri, TextDocument.create(uri, 'infra-yaml', 1, text)]]);
    own.attach({ documents: () => docs.values(), local: localRequester({ service: createLanguageService(), doc: (u) => docs.get(u), all: () => docs.values(), ruleDocs: () => undefined }) });
    try {
      own.open(uri, 'infra-yaml', 1, text);
      const d = await own.run({ uri, version: 1, text, rules: {} });
      assert.ok(d?.findings !== undefined, 'an in-thread job gives its findings to the request thread');
      const h = (await own.call('hover', { textDocument: { uri }, position: positionOf(text, 'lb-0-a:') })) as Hover | null;
      assert.ok(h, 'hover answered');
      assert.equal(own.hasWorker, false);
    } finally {
      own.dispose();
    }
  });
});
