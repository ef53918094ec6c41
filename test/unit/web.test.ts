// What lets Infra YAML run on vscode.dev and github.dev: the analysis core
// imports no Node built-in, and neither web bundle (the worker server, the
// browser client) contains or asks for one, according to esbuild's metafile.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { buildWebBundle, isNodeBuiltin, Metafile, nodeBuiltinImports, WEB_CLIENT, WEB_SERVER } from '../webview/webBuild';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** `file: specifier` for each Node built-in a source imports, requires or re-exports. */
function builtinImportsUnder(dir: string): string[] {
  return sources(path.join(ROOT, dir)).flatMap((file) =>
    ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles
      .filter((f) => isNodeBuiltin(f.fileName))
      .map((f) => `${path.relative(ROOT, file)}: ${f.fileName}`));
}

describe('web: no Node built-ins where the browser runs', function () {
  this.timeout(60000);

  it('the scan finds a Node import when there is one', () => {
    const found = ts.preProcessFile("import { isIP } from 'node:net';\nconst fs = require('fs');\nexport * from 'path';", true, true).importedFiles.map((f) => f.fileName);
    assert.deepEqual(found.filter(isNodeBuiltin), ['node:net', 'fs', 'path']);
    assert.ok(!isNodeBuiltin('yaml') && !isNodeBuiltin('ipaddr.js') && !isNodeBuiltin('./net'));
  });

  for (const dir of ['server/src/analysis', 'common']) {
    it(`${dir}/ imports no Node built-in`, () => {
      assert.ok(sources(path.join(ROOT, dir)).length > 0, `no sources under ${dir}`);
      assert.deepEqual(builtinImportsUnder(dir), []);
    });
  }

  it('the metafile check finds a built-in left external', () => {
    const meta: Metafile = { inputs: { 'a.ts': { imports: [{ path: 'node:net', kind: 'import-statement', external: true }, { path: 'yaml', kind: 'import-statement' }] } } };
    assert.deepEqual(nodeBuiltinImports(meta), ['a.ts -> node:net']);
  });

  for (const [what, outfile] of [['worker server', WEB_SERVER], ['browser client', WEB_CLIENT]] as const) {
    it(`the ${what} bundle (${outfile}) pulls in no Node built-in`, async () => {
      const { metafile, code } = await buildWebBundle(outfile);
      const inputs = Object.keys(metafile.inputs);
      // It really is the bundle of the shared core, not an empty shell.
      const own = outfile === WEB_SERVER ? 'server/src/analysis/' : 'client/src/preview/';
      assert.ok(inputs.some((i) => i.startsWith(own)), `${outfile} does not bundle ${own}`);
      assert.ok(inputs.some((i) => i.includes(outfile === WEB_SERVER ? 'vscode-languageserver/lib/browser' : 'vscode-languageclient/lib/browser')), `${outfile} is not built on the browser transport`);
      assert.deepEqual(nodeBuiltinImports(metafile), []);
      assert.ok(code.length > 10000);
    });
  }
});
