// Untrusted strings: a design's names, keys and values reach Markdown
// hovers, labels and tables indexed by user strings. None may inject
// Markdown (links, images, headings, fake findings) or read Object.prototype.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/analysis/analyze';
import { createLanguageService } from '../../server/src/analysis/languageService';
import { mdCode, mdText, plainText } from '../../server/src/analysis/services/markdown';
import { y } from './helpers';

const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** One design with `w` as every name, key and value a user writes. */
function protoDesign(w: string): string {
  return y`
    infra: 1
    name: ${w}
    domain: foobar.com
    ${w}: ${w}
    traffic: { qps: 100, ${w}: 1 }
    dns:
      www:
        A: ${w}
      ${w}:
        ${w}: ${w}
        CNAME: ${w}.foobar.com
    servers:
      ${w}:
        ip: 10.0.0.1
        zone: ${w}
        monitoring: ${w}
        firewall: [allow 22/tcp from any]
        ${w}: ${w}
    components:
      ${w}:
        kind: database
        software: ${w}
        on: ${w}
        replicates: ${w}
        to: [${w}]
        weights: { ${w}: 1 }
        cluster: { peers: [${w}], mode: ${w}, ${w}: 1 }
        ${w}: ${w}
      web:
        kind: ${w}
        software: ${w}
        to: ${w}
  `;
}

function everyPosition(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((l, line) => { for (let character = 0; character <= l.length; character++) out.push({ line, character }); });
  return out;
}

describe('untrusted strings', function () {
  this.timeout(60_000);

  describe('prototype keys as names, keys and values', () => {
    for (const w of PROTO) {
      it(`'${w}' everywhere: no crash, nothing read from Object.prototype`, () => {
        const text = protoDesign(w);
        const a = analyzeText(text);
        const findings = a.findings();
        for (const f of findings) assert.doesNotMatch(f.message, /native code|\[object|function |undefined|NaN/, `${f.code}: ${f.message}`);
        const service = createLanguageService();
        const doc = TextDocument.create('file:///proto.infra.yaml', 'infra-yaml', 1, text);
        const diags = service.diagnostics(doc);
        for (const p of everyPosition(text)) {
          const h = service.hover(doc, p);
          const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
          assert.doesNotMatch(md, /native code|\[object Object\]|function Object/, `hover at ${p.line}:${p.character}`);
          for (const item of service.complete(doc, p).items) assert.doesNotMatch(JSON.stringify(item), /native code|function Object/);
        }
        service.codeLenses(doc);
        service.codeActions(doc, diags);
        service.symbols(doc);
        service.foldingRanges(doc);
        service.semanticTokens(doc);
        service.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } });
      });
    }

    it("a database with 'software: constructor' behind a firewall that opens only port 22 is not exposed", () => {
      for (const sw of PROTO) {
        const text = y`
          infra: 1
          domain: foobar.com
          dns:
            www:
              A: web
          components:
            web: { kind: web-server, tls: true, to: app }
            app: { kind: app-server, to: db }
            db:
              kind: database
              software: ${sw}
              firewall: [allow 22/tcp from any]
        `;
        const exposed = analyzeText(text).findings().filter((f) => f.code === 'database-exposed');
        assert.deepEqual(exposed.map((f) => f.message), [], sw);
      }
    });
  });

  describe('escaping', () => {
    it('mdText leaves no link, image, HTML, emphasis or autolink, and no line break', () => {
      const s = mdText('[x](https://evil.example/a.png) ![i](http://t.example/p.gif) <img src=x> *b* _i_ `c` www.evil.example a@b.example\n# Heading\r⚠ fake');
      assert.doesNotMatch(s, /(^|[^\\])[[\]<>*_`@]/);
      assert.doesNotMatch(s, /[\n\r]/);
      assert.doesNotMatch(s, /https?:\/\//);
      assert.doesNotMatch(s, /www\.evil/);
    });

    it('mdCode cannot be closed by backticks inside, and plainText drops control characters', () => {
      assert.equal(mdCode('a`b``c'), '``` a`b``c ```');
      assert.equal(plainText('a\u001b[2Jb\u0007\r\nc\u202ed'), 'a\ufffd[2Jb\ufffd\ufffd\ufffdc\ufffdd');
      assert.equal(plainText('x'.repeat(500)).length, 201);
    });

    it('hovers show hostile design strings as text: no links, images, headings or fake findings', () => {
      const evil = (s: string): string => JSON.stringify(s);
      const link = '[click](https://evil.example)';
      const image = '![t](https://track.example/p.gif)';
      const text = y`
        infra: 1
        domain: foobar.com
        dns:
          www:
            A: web
        servers:
          box:
            zone: ${evil(`${link}\n\n# Zone`)}
            monitoring: ${evil(image)}
        components:
          web:
            kind: web-server
            software: ${evil(`nginx\n\n⚠ \`database-exposed\`: fake <b>x</b>`)}
            on: box
      `;
      const service = createLanguageService();
      const doc = TextDocument.create('file:///evil.infra.yaml', 'infra-yaml', 1, text);
      const hovers: string[] = [];
      for (const p of everyPosition(text)) {
        const h = service.hover(doc, p);
        if (h && typeof h.contents === 'object' && 'value' in h.contents) hovers.push(h.contents.value);
      }
      const mine = hovers.filter((m) => m.includes('click') || m.includes('track') || m.includes('fake'));
      assert.ok(mine.length >= 2, `hovers on the server and the component: ${mine.length}`);
      for (const m of mine) {
        assert.doesNotMatch(m, /(^|[^\\])\[click/, m);
        assert.doesNotMatch(m, /(^|[^\\])!\[t\]|(^|[^\\])\[t\]/, m);
        assert.doesNotMatch(m, /https:\/\//, m);
        assert.doesNotMatch(m, /^# Zone/m, m);
        assert.doesNotMatch(m, /^⚠ `database-exposed`: fake/m, m);
        assert.doesNotMatch(m, /<b>/, m);
      }
    });
  });
});

describe('YAML the test suite requires rejecting', () => {
  const SUITE = path.resolve(__dirname, '../../../../shared/data/yaml-test-suite');
  for (const id of ['9JBA', 'DK4H', 'SU5Z', 'X4QW', 'ZXT5']) {
    it(`${id} is reported as yaml-syntax`, () => {
      const text = fs.readFileSync(path.join(SUITE, `${id}.yaml`), 'utf8');
      assert.ok(fs.existsSync(path.join(SUITE, `${id}.error`)));
      assert.ok(analyzeText(text).findings().some((f) => f.code === 'yaml-syntax'), id);
    });
  }

  it('a value with a comment glued to it, in a design', () => {
    const findings = analyzeText('infra: 1\ncomponents:\n  web:\n    kind: "web-server"# the proxy\n').findings();
    assert.deepEqual(findings.filter((f) => f.code === 'yaml-syntax').map((f) => f.message), ['Comments must be separated from other tokens by white space characters']);
  });
});
