// The language server over the wire: `node dist/server.js --stdio` driven by
// a protocol client like an editor. Needs `npm run build` first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity, MarkupContent } from 'vscode-languageserver-protocol/node';

const text_ = (m: string | MarkupContent): string => (typeof m === 'string' ? m : m.value);
import * as YAML from 'yaml';
import { freshUri, LspClient, offsetAt, positionAt, positionOf, ROOT, SERVER } from './lspClient';

const EXAMPLES = path.resolve(ROOT, 'test/fixtures/designs');
const designs = fs.existsSync(EXAMPLES) ? fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort() : [];
const read = (f: string): string => fs.readFileSync(path.join(EXAMPLES, f), 'utf8');

const KINDS = ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage'];

interface Expectation { kind: 'expect' | 'allow'; code: string; where: string; met: boolean }

/** `# expect: CODE @ key/path` and `# allow: …` lines, as in ../shared/tools/lspcheck.js. */
function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*#\s*(expect|allow):\s*(\S+)\s*@\s*(.+?)\s*$/.exec(line);
    if (m) out.push({ kind: m[1] as 'expect' | 'allow', code: m[2]!, where: m[3]!, met: false });
  }
  return out;
}

/** [start, end] offsets of the key/value pair at a /-separated key path. */
function pairSpan(doc: YAML.Document.Parsed, where: string): [number, number] | undefined {
  let node: unknown = doc.contents;
  let span: [number, number] | undefined;
  for (const part of where.split('/')) {
    if (!YAML.isMap(node)) return undefined;
    const pair = node.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === part);
    if (!pair || !YAML.isScalar(pair.key)) return undefined;
    const value = pair.value as YAML.Node | null;
    span = [pair.key.range![0], value?.range ? value.range[1] : pair.key.range![1]];
    node = YAML.isAlias(value) ? value.resolve(doc) : value;
  }
  return span;
}

function describe_(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.code}@L${d.range.start.line + 1}`).join(', ');
}

function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => String(d.code)).sort();
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: LspClient;

  before(async function () {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
    client = await LspClient.start();
  });

  after(async function () {
    if (client && client.exitCode === undefined) await client.shutdown().catch(() => client.dispose());
  });

  it('initializes with incremental sync, completion and hover', function () {
    const caps = client.initializeResult!.capabilities;
    const sync = caps.textDocumentSync;
    assert.equal(typeof sync === 'number' ? sync : sync?.change, 2, 'incremental text sync');
    assert.ok(caps.completionProvider, 'completion provider');
    // No list opens by itself on `:` or a space, where Enter at a finished line would accept it.
    assert.deepEqual(caps.completionProvider.triggerCharacters ?? [], [], 'no trigger characters');
    assert.ok(caps.hoverProvider, 'hover provider');
  });

  describe('diagnostics of the reference designs', function () {
    it('finds the reference designs', function () {
      assert.ok(designs.length >= 4, `expected the four reference designs in ${EXAMPLES}`);
    });

    for (const file of designs) {
      it(`${file}: the expected codes at the expected lines, nothing else`, async function () {
        const text = read(file);
        const uri = freshUri(file.replace(/\.infra\.yaml$/, ''));
        const got = await client.openAndWait(uri, text);
        assert.equal(got.version, 1);
        const doc = YAML.parseDocument(text);
        const exps = expectations(text);
        const unexpected: string[] = [];
        for (const d of got.diagnostics) {
          let ok = false;
          const off = offsetAt(text, d.range.start);
          for (const e of exps) {
            const span = pairSpan(doc, e.where);
            if (!span || e.code !== d.code || off < span[0] || off > span[1]) continue;
            ok = true;
            if (e.kind === 'expect') e.met = true;
          }
          if (!ok) unexpected.push(`${d.code} @ line ${d.range.start.line + 1}: ${text_(d.message)}`);
        }
        const missing = exps.filter((e) => e.kind === 'expect' && !e.met).map((e) => `${e.code} @ ${e.where}`);
        assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] }, `got: ${describe_(got.diagnostics)}`);
        if (/Expected diagnostics: none/.test(text)) assert.equal(got.diagnostics.length, 0);
        client.close(uri);
      });

      it(`${file}: every diagnostic has source, code, a docs link, a message, a range and repair data`, async function () {
        const text = read(file);
        const uri = freshUri('fields');
        const got = await client.openAndWait(uri, text);
        const lines = text.split('\n');
        for (const d of got.diagnostics) {
          const what = `${d.code} @ L${d.range.start.line + 1}`;
          assert.equal(d.source, 'infra-yaml', what);
          assert.equal(typeof d.code, 'string', what);
          assert.ok(d.codeDescription?.href.endsWith(`/${d.code}.md`), `${what}: href ${d.codeDescription?.href}`);
          assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${d.code}.md`)), `${what}: docs/rules/${d.code}.md exists`);
          assert.ok(text_(d.message).length > 20, what);
          assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, what);
          assert.ok(d.data !== undefined && d.data !== null, `${what}: data present`);
          // the range lies inside the document and is not inverted
          assert.ok(d.range.start.line < lines.length && d.range.end.line < lines.length, what);
          assert.ok(offsetAt(text, d.range.start) <= offsetAt(text, d.range.end), what);
          for (const r of d.relatedInformation ?? []) {
            assert.equal(r.location.uri, uri, `${what}: related location in the same document`);
            assert.ok(r.location.range.start.line < lines.length, what);
            assert.ok(r.message.length > 0, what);
          }
        }
        client.close(uri);
      });
    }

    it('default severities: errors, warnings and information as the spec says', async function () {
      const uri = freshUri('severity');
      const got = await client.openAndWait(uri, read('0-simple-web-stack.infra.yaml'));
      const sev = (code: string) => got.diagnostics.find((d) => d.code === code)?.severity;
      assert.equal(sev('database-exposed'), DiagnosticSeverity.Error);
      assert.equal(sev('single-point-of-failure'), DiagnosticSeverity.Warning);
      assert.equal(sev('missing-monitoring'), DiagnosticSeverity.Warning);
      assert.equal(sev('shared-server'), DiagnosticSeverity.Information);
      client.close(uri);
    });

    it('related information on single-point-of-failure (servers, inner components) and TLS findings', async function () {
      let spofWithRelated = 0;
      let tls = 0;
      for (const file of designs) {
        const text = read(file);
        const uri = freshUri('related');
        const got = await client.openAndWait(uri, text);
        for (const d of got.diagnostics) {
          const subject = d.data as { subject?: string; kind?: string } | undefined;
          // a component SPOF relates the components on its path from the entry
          // point ("lb → web → app is the only way"); an entry point has none
          if (d.code === 'single-point-of-failure' && (subject?.kind !== 'component' || text_(d.message).includes(' → '))) {
            assert.ok(d.relatedInformation?.length, `${file}: ${d.message}`);
            spofWithRelated++;
          }
          if (String(d.code).startsWith('tls-')) {
            assert.ok(d.relatedInformation?.length, `${file}: ${d.message}`);
            tls++;
          }
        }
        client.close(uri);
      }
      assert.ok(spofWithRelated >= 5, `SPOF findings with related information: ${spofWithRelated}`);
      assert.ok(tls >= 1, 'a TLS finding in the reference designs');
    });

    it('closing a document clears its diagnostics', async function () {
      const uri = freshUri('close');
      const got = await client.openAndWait(uri, read('0-simple-web-stack.infra.yaml'));
      assert.ok(got.diagnostics.length > 0);
      const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
      client.close(uri);
      await cleared;
    });
  });

  describe('editing', function () {
    const BROKEN = [
      'infra: 1',
      'components:',
      '  web:',
      '    kind: web-servr',
      '    sofware: nginx',
      '    firewall: true',
      '    monitoring: true',
      '',
    ].join('\n');

    it('incremental didChange: fixing typos makes their errors disappear', async function () {
      const uri = freshUri('edit');
      const first = await client.openAndWait(uri, BROKEN);
      assert.deepEqual(codes(first.diagnostics), ['invalid-value', 'unknown-key']);
      const invalid = first.diagnostics.find((d) => d.code === 'invalid-value')!;
      assert.equal(invalid.range.start.line, 3);
      assert.match(text_(invalid.message), /web-server/, 'the message suggests the right kind');
      const unknown = first.diagnostics.find((d) => d.code === 'unknown-key')!;
      assert.equal(unknown.range.start.line, 4);
      assert.match(text_(unknown.message), /software/);

      // insert the missing 'e' of web-servr: "    kind: web-serv|r"
      const at = positionOf(BROKEN, 'web-servr', 'web-serv'.length);
      let v = client.change(uri, [{ range: { start: at, end: at }, text: 'e' }]);
      let got = await client.current(uri);
      assert.equal(got.version, v);
      assert.deepEqual(codes(got.diagnostics), ['unknown-key'], describe_(got.diagnostics));

      // replace 'sofware' with 'software'
      const text = client.texts.get(uri)!;
      const start = positionOf(text, 'sofware');
      v = client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 'sofware'.length } }, text: 'software' }]);
      got = await client.current(uri);
      assert.equal(got.version, v);
      assert.deepEqual(got.diagnostics, [], describe_(got.diagnostics));
      assert.match(client.texts.get(uri)!, /kind: web-server\n {4}software: nginx/);

      // break it again with two edits in one notification (a delete and an insert)
      const t2 = client.texts.get(uri)!;
      const k = positionOf(t2, 'kind: web-server', 'kind: '.length);
      const s = positionOf(t2, 'software');
      client.change(uri, [
        { range: { start: s, end: { line: s.line, character: s.character + 2 } }, text: '' }, // 'ftware'
        { range: { start: k, end: { line: k.line, character: k.character + 3 } }, text: 'db-' }, // 'db-server'
      ]);
      got = await client.current(uri);
      assert.deepEqual(codes(got.diagnostics), ['invalid-value', 'unknown-key'], describe_(got.diagnostics));
      client.close(uri);
    });

    it('a burst of changes ends with the diagnostics of the last version', async function () {
      const uri = freshUri('burst');
      await client.openAndWait(uri, BROKEN);
      let text = BROKEN;
      for (let i = 0; i < 20; i++) {
        text = i % 2 ? BROKEN : BROKEN.replace('web-servr', 'web-server');
        client.replace(uri, text);
      }
      const got = await client.current(uri);
      assert.equal(got.version, 21);
      assert.deepEqual(codes(got.diagnostics), ['invalid-value', 'unknown-key']);
      client.close(uri);
    });

    it('a syntax error is reported as yaml-syntax and goes away when fixed', async function () {
      const uri = freshUri('syntax');
      const good = read('3-scaled-up.infra.yaml');
      await client.openAndWait(uri, good);
      client.replace(uri, good.replace('cluster: { peers: [lb-2], mode: active-active }', 'cluster: { peers: [lb-2, mode: active-active }'));
      let got = await client.current(uri);
      assert.ok(got.diagnostics.some((d) => d.code === 'yaml-syntax'), describe_(got.diagnostics));
      assert.ok(got.diagnostics.every((d) => d.source === 'infra-yaml'));
      client.replace(uri, good);
      got = await client.current(uri);
      assert.deepEqual(got.diagnostics, []);
      client.close(uri);
    });
  });

  describe('completion and hover', function () {
    it('completion after `kind: ` offers every kind', async function () {
      const text = 'infra: 1\ncomponents:\n  web:\n    kind: \n';
      const uri = freshUri('complete');
      await client.openAndWait(uri, text);
      const items = await client.completion(uri, { line: 3, character: '    kind: '.length });
      const labels = items.map((i) => i.label);
      for (const k of KINDS) assert.ok(labels.includes(k), `${k} in ${labels.join(', ')}`);
      const lb = items.find((i) => i.label === 'load-balancer')!;
      assert.ok(lb.documentation || lb.detail, 'items carry documentation');
      client.close(uri);
    });

    it('completion of component keys inside a component', async function () {
      const text = 'infra: 1\ncomponents:\n  lb:\n    kind: load-balancer\n    \n';
      const uri = freshUri('complete-keys');
      await client.openAndWait(uri, text);
      const labels = (await client.completion(uri, { line: 4, character: 4 })).map((i) => i.label);
      for (const k of ['software', 'to', 'algorithm', 'tls']) assert.ok(labels.includes(k), `${k} in ${labels.join(', ')}`);
      assert.ok(!labels.includes('kind'), 'a key already present is not offered again');
      client.close(uri);
    });

    it('an empty design: no diagnostic, and completion offers the skeletons first, then only top-level keys', async function () {
      const uri = freshUri('empty');
      await client.openAndWait(uri, '');
      assert.deepEqual((await client.current(uri)).diagnostics, []);
      const items = await client.completion(uri, { line: 0, character: 0 });
      const sorted = [...items].sort((a, b) => (a.sortText ?? String(a.label)).localeCompare(b.sortText ?? String(b.label)));
      assert.match(String(sorted[0]!.label), /^Design: /);
      assert.match(String(sorted[1]!.label), /^Design: /);
      assert.deepEqual(sorted.slice(2).map((i) => i.label).sort(), ['components', 'dns', 'domain', 'infra', 'lesson', 'name', 'servers', 'traffic']);
      client.close(uri);
    });

    it('a finished value at the end of its line gets an empty list, so Enter is a new line', async function () {
      const text = 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n';
      const uri = freshUri('finished');
      await client.openAndWait(uri, text);
      assert.deepEqual(await client.completion(uri, { line: 3, character: '    kind: web-server'.length }), []);
      const partial = (await client.completion(uri, { line: 3, character: '    kind: web'.length })).map((i) => i.label);
      assert.ok(partial.includes('web-server'), `mid-word the kinds are offered: ${partial.join(', ')}`);
      client.close(uri);
    });

    it('completion of `to:` targets names the components', async function () {
      const text = read('3-scaled-up.infra.yaml');
      const uri = freshUri('complete-to');
      await client.openAndWait(uri, text);
      const pos = positionOf(text, 'to: [app-1, app-2]', 'to: ['.length);
      const labels = (await client.completion(uri, pos)).map((i) => i.label);
      assert.ok(labels.includes('app-1') && labels.includes('app-2'), labels.join(', '));
      client.close(uri);
    });

    it('hover on a key returns markdown about it', async function () {
      const text = read('3-scaled-up.infra.yaml');
      const uri = freshUri('hover');
      await client.openAndWait(uri, text);
      const pos = positionOf(text, 'algorithm: least-connections', 3);
      const h = await client.hover(uri, pos);
      assert.ok(h, 'a hover');
      const contents = h.contents as MarkupContent;
      assert.equal(contents.kind, 'markdown');
      assert.match(contents.value, /algorithm/i);
      assert.ok(contents.value.length > 40);
      if (h.range) {
        assert.equal(h.range.start.line, pos.line);
        assert.ok(h.range.start.character <= pos.character && pos.character <= h.range.end.character, 'the range covers the cursor');
      }
      client.close(uri);
    });

    it('hover on a component name describes the component', async function () {
      const text = read('3-scaled-up.infra.yaml');
      const uri = freshUri('hover-name');
      await client.openAndWait(uri, text);
      const h = await client.hover(uri, positionOf(text, '  db-2:', 3));
      assert.ok(h);
      assert.match((h.contents as MarkupContent).value, /db-2|database/);
      client.close(uri);
    });

    it('hover and completion on an unknown document answer null or empty, not an error', async function () {
      const uri = freshUri('never-opened');
      assert.equal(await client.hover(uri, { line: 0, character: 0 }), null);
      assert.deepEqual(await client.completion(uri, { line: 0, character: 0 }), []);
    });
  });

  describe('suppression comments', function () {
    it('`# infra-yaml-disable-next-line CODE` silences that code on the next line only', async function () {
      const text = read('0-simple-web-stack.infra.yaml').replace('servers:\n  server-1:', 'servers:\n  # infra-yaml-disable-next-line missing-monitoring\n  server-1:');
      const uri = freshUri('suppress');
      const got = await client.openAndWait(uri, text);
      const line = positionOf(text, '  server-1:').line;
      const on = got.diagnostics.filter((d) => d.range.start.line === line).map((d) => d.code);
      assert.ok(!on.includes('missing-monitoring'), on.join(', '));
      assert.ok(on.includes('missing-firewall'), 'other codes on the line stay');
      assert.ok(got.diagnostics.some((d) => d.code === 'single-point-of-failure' && d.range.start.line !== line), 'other lines keep their findings');
      client.close(uri);
    });

    it('several codes in one comment, and the code list is not case-folded into other rules', async function () {
      const text = read('0-simple-web-stack.infra.yaml').replace('servers:\n  server-1:', 'servers:\n  # infra-yaml-disable-next-line missing-monitoring missing-firewall shared-server\n  server-1:');
      const uri = freshUri('suppress-many');
      const got = await client.openAndWait(uri, text);
      const line = positionOf(text, '  server-1:').line;
      assert.deepEqual(got.diagnostics.filter((d) => d.range.start.line === line).map((d) => d.code), ['single-point-of-failure']);
      client.close(uri);
    });
  });
});

describe('language server settings (infraYaml.rules)', function () {
  this.timeout(30_000);
  let client: LspClient;
  const text = fs.existsSync(EXAMPLES) ? read('0-simple-web-stack.infra.yaml') : '';

  before(async function () {
    client = await LspClient.start({ settings: { rules: { 'missing-monitoring': 'error', 'shared-server': 'off' } } });
  });
  after(async function () {
    if (client && client.exitCode === undefined) await client.shutdown().catch(() => client.dispose());
  });

  it('pulls the settings with workspace/configuration and applies them on open', async function () {
    const uri = freshUri('settings');
    const got = await client.openAndWait(uri, text);
    assert.ok(client.configurationRequests > 0, 'the server asked for its configuration');
    assert.equal(got.diagnostics.find((d) => d.code === 'missing-monitoring')?.severity, DiagnosticSeverity.Error);
    assert.ok(!got.diagnostics.some((d) => d.code === 'shared-server'), 'off removes the rule');
    assert.equal(got.diagnostics.find((d) => d.code === 'single-point-of-failure')?.severity, DiagnosticSeverity.Warning, 'others keep their default');
    client.close(uri);
  });

  it('didChangeConfiguration re-publishes open documents with the new severities', async function () {
    const uri = freshUri('settings-change');
    await client.openAndWait(uri, text);
    const asked = client.configurationRequests;
    client.settings = { rules: { 'single-point-of-failure': 'off', 'database-exposed': 'hint', 'missing-monitoring': 'info', 'no-https': 'information' } };
    const next = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'single-point-of-failure'));
    client.configurationChanged();
    const got = await next;
    assert.ok(client.configurationRequests > asked, 'the server pulled the settings again');
    const sev = (code: string) => got.diagnostics.find((d) => d.code === code)?.severity;
    assert.equal(sev('database-exposed'), DiagnosticSeverity.Hint);
    assert.equal(sev('missing-monitoring'), DiagnosticSeverity.Information, '`info` means information');
    assert.equal(sev('no-https'), DiagnosticSeverity.Information);
    assert.equal(sev('shared-server'), DiagnosticSeverity.Information, 'back to its default');
    assert.equal(sev('missing-firewall'), DiagnosticSeverity.Warning);

    // back to the defaults
    client.settings = {};
    const back = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'single-point-of-failure'));
    client.configurationChanged();
    const d = await back;
    assert.equal(d.diagnostics.find((x) => x.code === 'database-exposed')?.severity, DiagnosticSeverity.Error);
    client.close(uri);
  });

  it('unknown codes and levels in the settings are ignored', async function () {
    client.settings = { rules: { 'no-such-rule': 'off', 'missing-firewall': 'loud', 'missing-monitoring': 42 } };
    const uri = freshUri('settings-bad');
    client.configurationChanged();
    const got = await client.openAndWait(uri, text);
    assert.equal(got.diagnostics.find((d) => d.code === 'missing-firewall')?.severity, DiagnosticSeverity.Warning);
    assert.equal(got.diagnostics.find((d) => d.code === 'missing-monitoring')?.severity, DiagnosticSeverity.Warning);
    client.close(uri);
  });
});

describe('language server lifecycle', function () {
  this.timeout(30_000);

  it('shutdown then exit ends the process with code 0', async function () {
    const client = await LspClient.start({ configuration: false });
    try {
      const uri = freshUri('lifecycle');
      const got = await client.openAndWait(uri, fs.existsSync(EXAMPLES) ? read('1-distributed.infra.yaml') : 'infra: 1\n');
      assert.ok(got.diagnostics.length > 0, 'without the configuration capability the defaults apply');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });

  it('exit without shutdown ends the process with code 1', async function () {
    const client = await LspClient.start();
    try {
      client.connection.sendNotification('exit');
      const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
      assert.equal(code, 1);
    } finally {
      client.dispose();
    }
  });

  it('the server ends when its client process is gone (stdin closed)', async function () {
    const client = await LspClient.start();
    try {
      client.child.stdin!.end();
      const code = await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
      assert.notEqual(code, 'still running');
    } finally {
      client.dispose();
    }
  });
});

// Keep the helper's position functions honest.
describe('lspClient helpers', function () {
  it('offsetAt and positionAt are inverse', function () {
    const t = 'ab\ncde\n\nf';
    for (let i = 0; i <= t.length; i++) assert.equal(offsetAt(t, positionAt(t, i)), i);
  });
});
