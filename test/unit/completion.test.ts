// Completion at cursor positions marked `|` in the test text.
import * as assert from 'node:assert/strict';
import { CompletionItem, CompletionItemKind } from 'vscode-languageserver-types';
import * as YAML from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/analysis/analyze';
import { createLanguageService, STALE_COMPLETION_CHARS } from '../../server/src/analysis/languageService';
import { RULES_BY_CODE } from '../../server/src/analysis/rules';
import { SKELETONS } from '../../server/src/analysis/services/skeletons';
import { docAt, y } from './helpers';

/** A snippet's text with its defaults: first choices, placeholders' text, mirrors of them. */
function expandSkeleton(body: string): string {
  const values = new Map<string, string>();
  return body
    .replace(/\$\{(\d+)\|([^|},]*)(?:,[^|}]*)*\|\}/g, (_, n: string, first: string) => { values.set(n, first); return first; })
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, text: string) => { values.set(n, text); return text; })
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => values.get((a ?? b)!) ?? '');
}

/** Codes of the validation findings (the schema and reference rules) of a design. */
function validationCodes(text: string): string[] {
  return analyzeText(text).findings().map((f) => f.code).filter((c) => RULES_BY_CODE.get(c)?.family === 'validation');
}

const KINDS = ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage'];

function complete(markedText: string): CompletionItem[] {
  const { doc, position } = docAt(markedText);
  return createLanguageService().complete(doc, position).items;
}

const labels = (items: readonly CompletionItem[]): string[] => items.map((i) => String(i.label));

/** The text an item inserts (its textEdit's newText, else insertText, else label). */
function inserted(i: CompletionItem): string {
  const te = i.textEdit as { newText?: string } | undefined;
  return te?.newText ?? i.insertText ?? String(i.label);
}

function assertDocumented(items: readonly CompletionItem[]): void {
  for (const i of items) assert.ok(i.detail || i.documentation, `item ${String(i.label)} has a detail or documentation`);
}

const DESIGN = (cursorLine: string): string => y`
  infra: 1
  domain: foobar.com
  servers:
    box-1: { ip: 10.0.0.1 }
    box-2: { ip: 10.0.0.2 }
  components:
    lb-1:
      kind: load-balancer
      to: [web-1]
    web-1:
      kind: web-server
      on: box-1
    web-2:
      kind: web-server
      on: box-2
    db-1:
      kind: database
      ${cursorLine}
`;

describe('completion', () => {
  it('an empty file offers the two skeletons first, then only the top-level keys', () => {
    const items = complete('|');
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(sorted.slice(0, 2).map((i) => i.kind), [CompletionItemKind.Snippet, CompletionItemKind.Snippet]);
    assert.deepEqual(labels(sorted.slice(2)).sort(), ['components', 'dns', 'domain', 'infra', 'lesson', 'name', 'servers', 'traffic']);
    assertDocumented(items);
  });

  it('the one-server skeleton teaches the first task: web, app and database on one server, a www A record', () => {
    const design = expandSkeleton(SKELETONS[0]!.body);
    assert.deepEqual(validationCodes(design), [], design);
    const parsed = YAML.parse(design) as { dns: { www: { A: string } }; servers: Record<string, unknown>; components: Record<string, { kind: string; on: string }> };
    assert.deepEqual(Object.values(parsed.components).map((c) => c.kind), ['web-server', 'app-server', 'database']);
    assert.deepEqual(Object.keys(parsed.servers), ['server-1']);
    assert.ok(Object.values(parsed.components).every((c) => c.on === 'server-1'), 'all on one server');
    assert.ok(parsed.dns.www.A, 'a www A record');
  });

  it('the load-balanced skeleton puts a pair behind a load balancer, with a primary database and its replica', () => {
    const design = expandSkeleton(SKELETONS[1]!.body);
    assert.deepEqual(validationCodes(design), [], design);
    const parsed = YAML.parse(design) as { components: Record<string, { kind: string; to?: string[]; role?: string; replicates?: string }> };
    const lb = Object.values(parsed.components).find((c) => c.kind === 'load-balancer')!;
    assert.equal(lb.to!.length, 2, 'a pair behind the load balancer');
    const dbs = Object.values(parsed.components).filter((c) => c.kind === 'database');
    assert.deepEqual(dbs.map((d) => d.role), ['primary', 'replica']);
    assert.ok(dbs[1]!.replicates);
  });

  it('a finished value at the end of its line gets an empty, incomplete list (Enter stays a new line)', () => {
    const service = createLanguageService();
    const at = (marked: string): { isIncomplete: boolean; labels: string[] } => {
      const { doc, position } = docAt(marked);
      const list = service.complete(doc, position);
      return { isIncomplete: list.isIncomplete, labels: labels(list.items) };
    };
    const base = 'infra: 1\ncomponents:\n  app:\n    kind: app-server\n  web:\n    kind: web-server\n';
    assert.deepEqual(at(base + '    to: app|\n'), { isIncomplete: true, labels: [] });
    assert.deepEqual(at(base.replace('kind: web-server', 'kind: web-server|')).labels, []);
    assert.deepEqual(at(base + '    software: nginx|').labels, []);
    const typing = at(base + '    to: ap|\n');
    assert.ok(typing.isIncomplete && typing.labels.includes('app'), 'while the word is being typed, the list is there and asked again');
    assert.ok(at(base + '    to: app|  # later\n').labels.includes('app'), 'not at the end of the line: the list stays');
  });

  it('right after a finished name (`  server-1:|`, `  www:|`) no new names or bodies are offered', () => {
    assert.deepEqual(labels(complete('infra: 1\nservers:\n  server-1:|\ncomponents: {}\n')), []);
    assert.deepEqual(labels(complete('infra: 1\ndomain: foobar.com\ndns:\n  www:|\ncomponents: {}\n')), []);
    assert.deepEqual(labels(complete('infra: 1\ncomponents:\n  app:|\n')), []);
  });

  it('right after `kind:` the values come with the space they need', () => {
    const items = complete('infra: 1\ncomponents:\n  web:\n    kind:|\n');
    assert.ok(items.length >= KINDS.length);
    for (const i of items) assert.match(inserted(i), /^ \S/);
  });

  it('kind: | offers the kinds only, no snippets pasting a component body into the value', () => {
    const items = complete('infra: 1\ncomponents:\n  x-1:\n    kind: |\n');
    assert.deepEqual(labels(items).sort(), [...KINDS].sort());
    assert.ok(items.every((i) => !inserted(i).includes('\n')), 'nothing multi-line in a value');
  });

  it('record types under a DNS name come without component items', () => {
    const items = complete('infra: 1\ndomain: foobar.com\ndns:\n  www:\n    |\ncomponents:\n  web:\n    kind: web-server\n');
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.kind === CompletionItemKind.EnumMember), labels(items).join(', '));
    for (const k of KINDS) assert.ok(!labels(items).some((l) => l.includes(k)), `no ${k}`);
  });

  it("a load balancer's `to: [` offers the next tier first and no database", () => {
    const text = 'infra: 1\ncomponents:\n  lb:\n    kind: load-balancer\n    to: [|]\n  web-1:\n    kind: web-server\n  app-1:\n    kind: app-server\n  db-1:\n    kind: database\n';
    const items = complete(text);
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(labels(sorted), ['web-1', 'app-1']);
  });

  it('an app server offers its database first', () => {
    const text = 'infra: 1\ncomponents:\n  app:\n    kind: app-server\n    to: |\n  web-1:\n    kind: web-server\n  cache-1:\n    kind: cache\n  db-1:\n    kind: database\n';
    const sorted = [...complete(text)].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(labels(sorted), ['db-1', 'cache-1']);
  });

  it('offers the top-level keys at column 0, without those already present', () => {
    const items = complete('infra: 1\n|\n');
    const got = labels(items);
    for (const k of ['name', 'domain', 'traffic', 'dns', 'servers', 'components']) assert.ok(got.includes(k), `offers ${k}`);
    assert.ok(!got.includes('infra'), 'infra is already there');
    assert.ok(!got.includes('kind'), 'no component keys at the top');
    assertDocumented(items);
  });

  it('a map key inserts itself with an indented block', () => {
    const items = complete('infra: 1\n|\n');
    assert.match(inserted(items.find((i) => i.label === 'components')!), /^components:\n {2}/);
  });

  it('kind: | offers all 8 kinds', () => {
    const items = complete(y`
      infra: 1
      components:
        x-1:
          kind: |
    `);
    const got = new Set(labels(items));
    for (const k of KINDS) assert.ok(got.has(k), `offers ${k}`);
    assertDocumented(items);
  });

  it('component keys are filtered by kind: algorithm for a load balancer, not for a database', () => {
    const lb = labels(complete(y`
      infra: 1
      components:
        lb-1:
          kind: load-balancer
          |
    `));
    for (const k of ['algorithm', 'weights', 'cluster', 'tls', 'to', 'software', 'replicas']) assert.ok(lb.includes(k), `load balancer: ${k}`);
    assert.ok(!lb.includes('role'), 'no role on a load balancer');
    assert.ok(!lb.includes('kind'), 'kind is already there');

    const items = complete(DESIGN('|'));
    const db = labels(items);
    for (const k of ['role', 'replicates', 'failover', 'cluster', 'software']) assert.ok(db.includes(k), `database: ${k}`);
    for (const k of ['algorithm', 'weights', 'tls', 'certificate']) assert.ok(!db.includes(k), `database: no ${k}`);
    assertDocumented(items);
  });

  it('a half-typed key (    kin|) offers kind, replacing the typed prefix', () => {
    const text = y`
      infra: 1
      components:
        web-1:
          kin|
    `;
    const items = complete(text);
    const kind = items.find((i) => i.label === 'kind');
    assert.ok(kind, `offers kind among ${labels(items).join(', ')}`);
    const edit = kind!.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    assert.deepEqual(edit.range.start, { line: 3, character: 4 });
    assert.deepEqual(edit.range.end, { line: 3, character: 7 });
  });

  it('offers record types under a DNS name, and SOA only at @', () => {
    const www = complete('infra: 1\ndomain: foobar.com\ndns:\n  www:\n    |\ncomponents: {}\n');
    const got = labels(www);
    for (const t of ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA']) assert.ok(got.includes(t), `offers ${t}`);
    assert.ok(!got.includes('SOA'), 'no SOA below the apex');
    assertDocumented(www);
    const apex = labels(complete('infra: 1\ndomain: foobar.com\ndns:\n  "@":\n    |\ncomponents: {}\n'));
    assert.ok(apex.includes('SOA'));
    assert.ok(!apex.includes('CNAME'), 'no CNAME at the apex');
  });

  it('to: [web-1, |] offers the other web servers, not web-1, the component itself, a database or a server', () => {
    const items = complete(DESIGN('').replace('to: [web-1]', 'to: [web-1, |]'));
    const got = labels(items);
    assert.ok(got.includes('web-2'));
    assert.ok(!got.includes('db-1'), 'a database does not stand behind a load balancer');
    assert.ok(!got.includes('web-1'), 'web-1 is already listed');
    assert.ok(!got.includes('lb-1'), 'not itself');
    assert.ok(!got.includes('box-1'), 'not a server');
    assertDocumented(items);
  });

  it('to: | ranks the next tier first (web servers for a load balancer)', () => {
    const items = complete(DESIGN('').replace('to: [web-1]', 'to: |'));
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(sorted[0]!.label, 'web-1');
  });

  it('on: | offers the servers', () => {
    const items = complete(DESIGN('on: |'));
    assert.deepEqual(labels(items).sort(), ['box-1', 'box-2']);
    assertDocumented(items);
  });

  it('offers the allowed values of algorithm, role and tls', () => {
    const algo = labels(complete('infra: 1\ncomponents:\n  lb-1:\n    kind: load-balancer\n    algorithm: |\n'));
    assert.deepEqual(algo.sort(), ['ip-hash', 'least-connections', 'least-response-time', 'random', 'round-robin', 'weighted-round-robin']);
    assert.deepEqual(labels(complete(DESIGN('role: |'))).sort(), ['primary', 'replica']);
    assert.deepEqual(labels(complete('infra: 1\ncomponents:\n  lb-1:\n    kind: load-balancer\n    tls: |\n')).sort(), ['passthrough', 'reencrypt', 'terminate']);
    assert.deepEqual(labels(complete('infra: 1\ncomponents:\n  web-1:\n    kind: web-server\n    tls: |\n')), ['true']);
  });

  it('offers cluster keys inside cluster:', () => {
    const got = labels(complete('infra: 1\ncomponents:\n  lb-1:\n    kind: load-balancer\n    cluster:\n      |\n'));
    for (const k of ['peers', 'mode', 'vip']) assert.ok(got.includes(k), k);
  });

  it('offers new components of every kind under components:', () => {
    const items = complete('infra: 1\ncomponents:\n  |\n');
    for (const k of KINDS) assert.ok(items.some((i) => String(i.label).includes(`(${k})`)), k);
    assertDocumented(items);
  });
});

describe('completion on large designs', () => {
  const design = (extra: string): string => {
    const lines = ['infra: 1', 'components:'];
    for (let i = 0; i < 6000; i++) lines.push(`  web-${i}:`, '    kind: web-server', `    to: [app-${i % 10}]`);
    for (let i = 0; i < 10; i++) lines.push(`  app-${i}:`, '    kind: app-server');
    return lines.join('\n') + '\n' + extra;
  };
  it('answers from the last analysis instead of re-parsing on every keystroke', () => {
    const service = createLanguageService();
    const v1 = design('');
    assert.ok(v1.length > STALE_COMPLETION_CHARS);
    const doc1 = TextDocument.create('file:///big.infra.yaml', 'infra-yaml', 1, v1);
    service.analyze(doc1);
    const v2 = design('  fresh-app:\n    kind: app-server\n  web-x:\n    kind: web-server\n    to: [');
    const doc2 = TextDocument.create('file:///big.infra.yaml', 'infra-yaml', 2, v2);
    const labels = service.complete(doc2, doc2.positionAt(v2.length)).items.map((i) => i.label);
    assert.ok(labels.includes('app-3'), 'names from the last analysis');
    assert.ok(!labels.includes('fresh-app'), 'the newest names wait for the next analysis');
    const small = createLanguageService();
    const s2 = 'infra: 1\ncomponents:\n  fresh-app:\n    kind: app-server\n  web-x:\n    kind: web-server\n    to: [';
    small.analyze(TextDocument.create('file:///s.infra.yaml', 'infra-yaml', 1, 'infra: 1\ncomponents:\n'));
    const d = TextDocument.create('file:///s.infra.yaml', 'infra-yaml', 2, s2);
    assert.ok(small.complete(d, d.positionAt(s2.length)).items.some((i) => i.label === 'fresh-app'), 'a small design is always current');
  });
});

describe('completion on pathological lines', () => {
  // With the old backtracking patterns one request on such a line took seconds (40,000 characters:
  // 2.7 s per pattern, growing with the square of the length); now milliseconds. The bound only
  // catches a hang.
  const BOUND_MS = 30_000;
  const long = 100_000;
  const cases: [string, string][] = [
    ['a word then 100,000 spaces, no colon', 'infra: 1\ncomponents:\n  web' + ' '.repeat(long)],
    ['a key, a colon, then 100,000 spaces', 'infra: 1\ncomponents:\n  web:\n    to:' + ' '.repeat(long)],
    ['a dash then 100,000 spaces and a colon', 'infra: 1\nservers:\n  s:\n    firewall:\n      - ' + ' '.repeat(long) + ':'],
    ['a 100,000-character word with spaces inside', 'infra: 1\ncomponents:\n  ' + 'a '.repeat(long / 2)],
  ];
  for (const [name, text] of cases) {
    it(`answers at once on ${name}`, function () {
      this.timeout(BOUND_MS * 2);
      const service = createLanguageService();
      const doc = TextDocument.create('file:///long.infra.yaml', 'infra-yaml', 1, text);
      service.analyze(doc);
      const started = Date.now();
      // Ten requests, as while a person types ten characters on that line.
      for (let i = 0; i < 10; i++) service.complete(doc, doc.positionAt(text.length - i * (long / 10)));
      assert.ok(Date.now() - started < BOUND_MS, `took ${Date.now() - started} ms`);
    });
  }
});
