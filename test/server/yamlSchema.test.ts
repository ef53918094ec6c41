// The generated JSON Schema in the real yaml-language-server (what the Red Hat
// YAML extension runs), over stdio: the reference designs validate, typos are
// reported where they are, and the README's $schema modeline works.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT } from './lspClient';

const text_ = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const YLS = require.resolve('yaml-language-server/bin/yaml-language-server');
const SCHEMA = pathToFileURL(path.join(ROOT, 'schemas/infra-yaml.schema.json')).href;
const EXAMPLE = path.join(ROOT, 'docs/schema/example.infra.yaml');

function start(schemas: Record<string, string[]>): Promise<LspClient> {
  return LspClient.start({
    command: [process.execPath, YLS, '--stdio'],
    sections: { yaml: { validate: true, hover: true, completion: true, schemas, schemaStore: { enable: false } }, http: {}, '[yaml]': {}, editor: {}, files: {} },
  });
}

/** The yaml-language-server diagnostics of `text` opened at `uri` (it publishes without versions). */
async function diagnose(client: LspClient, uri: string, text: string): Promise<Diagnostic[]> {
  const p = client.nextDiagnostics(uri, () => true, 30_000);
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return (await p).diagnostics;
}

describe('JSON Schema in yaml-language-server', () => {
  let client: LspClient;
  before(async () => { client = await start({ [SCHEMA]: ['*.infra.yaml'] }); });
  after(async () => { await client.shutdown().catch(() => client.dispose()); });

  const designs = ['examples', 'test/fixtures/designs'].flatMap((dir) => fs.readdirSync(path.join(ROOT, dir)).filter((n) => n.endsWith('.infra.yaml')).map((n) => `${dir}/${n}`));
  for (const f of designs) {
    it(`validates ${f} without a finding`, async () => {
      const file = path.join(ROOT, f);
      assert.deepEqual(await diagnose(client, pathToFileURL(file).href, fs.readFileSync(file, 'utf8')), []);
    });
  }

  it('reports an unknown key, a bad kind and a bad algorithm where they are', async () => {
    const good = fs.readFileSync(path.join(ROOT, 'examples/1-distributed.infra.yaml'), 'utf8');
    const text = good.replace('algorithm: round-robin', 'algorithm: round-robbin').replace('kind: web-server', 'kind: web-sever').replace('software: nginx', 'sofware: nginx');
    assert.notEqual(text, good);
    const ds = await diagnose(client, 'file:///tmp/infra-yaml-schema-test/typos.infra.yaml', text);
    const at = (needle: string): Diagnostic | undefined => {
      const pos = positionOf(text, needle);
      return ds.find((d) => d.range.start.line === pos.line && d.range.start.character <= pos.character && d.range.end.character > pos.character);
    };
    assert.ok(at('round-robbin'), `algorithm flagged: ${JSON.stringify(ds)}`);
    assert.match(text_(at('round-robbin')!), /round-robin/);
    assert.ok(at('web-sever'), 'kind flagged');
    assert.match(text_(at('web-sever')!), /web-server/);
    assert.ok(at('sofware'), 'unknown key flagged');
    assert.match(text_(at('sofware')!), /not allowed/i);
    assert.equal(ds.length, 3, ds.map(text_).join('\n'));
  });

  it('the README modeline (# yaml-language-server: $schema=) works without any setting', async () => {
    const bare = await start({});
    try {
      const text = fs.readFileSync(EXAMPLE, 'utf8');
      assert.ok(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').includes(text.trimEnd()), 'README shows docs/schema/example.infra.yaml');
      assert.deepEqual(await diagnose(bare, pathToFileURL(EXAMPLE).href, text), []);
      const typo = text.replace('kind: web-server', 'kind: webserver');
      const ds = await diagnose(bare, pathToFileURL(EXAMPLE).href.replace('example', 'example-typo'), typo);
      assert.equal(ds.length, 1, JSON.stringify(ds));
      assert.equal(ds[0]!.range.start.line, positionOf(typo, 'webserver').line);
    } finally {
      await bare.shutdown().catch(() => bare.dispose());
    }
  });
});
