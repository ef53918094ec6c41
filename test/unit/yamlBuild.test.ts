// The Node bundles (server, analysis worker, CLI) are built with the `yaml` package's browser build
// (esbuild.mjs): the same code as its Node build except that the Node build reads process.env for
// every token it parses, which makes a whole-file parse about a third slower. These tests check that
// the bundles really use it, and that the two builds give the same tree for every input we have.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as YAMLNode from 'yaml';
import { PARSE_OPTIONS } from '../../server/src/analysis/parse/yamlDocument';
import { buildWebBundle } from '../webview/webBuild';

const ROOT = path.resolve(__dirname, '../../..');
const SUITE = path.resolve(ROOT, '../shared/data/yaml-test-suite');
const YAML_DIR = path.dirname(require.resolve('yaml/package.json'));

/** A `!!binary` value is a Buffer in the Node build and a Uint8Array in the browser build: compare the bytes. */
const bytesOrText = (v: unknown): string => (v instanceof Uint8Array ? `bytes ${Array.from(v).join(',')}` : String(v));

/** Everything a parse says, in order: each node's type, range, value, comments and blank-line flag; the errors and warnings. */
function dump(Y: typeof YAMLNode, text: string): string {
  const doc = Y.parseDocument(text, { ...PARSE_OPTIONS, lineCounter: new Y.LineCounter() });
  const out: unknown[] = [];
  Y.visit(doc, (key, node) => {
    if (node === null || typeof node !== 'object') { out.push([key, node]); return; }
    const n = node as { range?: unknown; commentBefore?: unknown; comment?: unknown; spaceBefore?: unknown; value?: unknown; source?: unknown };
    const type = Y.isScalar(node) ? 'scalar' : Y.isMap(node) ? 'map' : Y.isSeq(node) ? 'seq' : Y.isPair(node) ? 'pair' : Y.isAlias(node) ? 'alias' : 'other';
    out.push([key, type, n.range, Y.isScalar(node) ? [typeof n.value, bytesOrText(n.value), n.source] : Y.isAlias(node) ? n.source : null, n.commentBefore, n.comment, n.spaceBefore]);
  });
  out.push(doc.errors.map((e) => [e.code, e.pos, e.message]), doc.warnings.map((e) => [e.code, e.pos]));
  return JSON.stringify(out);
}

describe('yaml: the browser build in the Node bundles', function () {
  this.timeout(120000);

  for (const outfile of ['dist/server.js', 'dist/analysisWorker.js', 'dist/cli.js']) {
    it(`${outfile} bundles yaml's browser build, which reads no environment variable per token`, async () => {
      const { metafile, code } = await buildWebBundle(outfile);
      const inputs = Object.keys(metafile.inputs).map((i) => i.split(path.sep).join('/'));
      assert.ok(inputs.some((i) => i.includes('node_modules/yaml/browser/dist/parse/parser.js')), 'the browser build is not in the bundle');
      assert.deepEqual(inputs.filter((i) => i.includes('node_modules/yaml/dist/')), [], 'the Node build is in the bundle');
      assert.ok(!code.includes('LOG_TOKENS'), 'the bundle reads LOG_TOKENS');
      assert.ok(code.includes('analyzeText') || code.includes('parseDocument'), 'not the bundle of the core');
    });
  }

  it('both builds give the same tree, errors and warnings for every input of the YAML test suite, the reference designs and the examples', async () => {
    const browser = (await import(pathToFileURL(path.join(YAML_DIR, 'browser', 'index.js')).href)) as typeof YAMLNode;
    assert.notEqual(browser.parseDocument, YAMLNode.parseDocument, 'the same module was loaded twice');
    const files = [
      ...fs.readdirSync(SUITE).filter((f) => f.endsWith('.yaml')).map((f) => path.join(SUITE, f)),
      ...fs.readdirSync(path.join(ROOT, '../shared/examples')).filter((f) => f.endsWith('.yaml')).map((f) => path.join(ROOT, '../shared/examples', f)),
      ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => path.join(ROOT, 'examples', f)),
    ];
    assert.ok(files.length > 400, `only ${files.length} inputs`);
    let differ = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const a = dump(YAMLNode, text);
      const b = dump(browser, text);
      if (a !== b) { differ++; assert.equal(b, a, path.basename(f)); }
    }
    assert.equal(differ, 0);
    // The comparison sees a difference when there is one.
    assert.notEqual(dump(YAMLNode, 'a: 1\n'), dump(browser, 'a: 2\n'));
  });
});
