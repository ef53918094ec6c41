// Completion at cursor positions marked `|` in the test text.
import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, STALE_COMPLETION_CHARS } from '../../server/src/analysis/languageService';
import { docAt, y } from './helpers';

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
  it('an empty file offers a whole-design skeleton', () => {
    const items = complete('|');
    assert.equal(items.length, 1);
    const text = inserted(items[0]!);
    assert.match(text, /^infra: 1/);
    for (const k of ['components:', 'kind: load-balancer', 'kind: web-server', 'kind: database', 'dns:']) assert.ok(text.includes(k), `skeleton has ${k}`);
    assertDocumented(items);
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

  it('to: [web-1, |] offers the other components, not web-1 nor the component itself', () => {
    const items = complete(DESIGN('').replace('to: [web-1]', 'to: [web-1, |]'));
    const got = labels(items);
    assert.ok(got.includes('web-2'));
    assert.ok(got.includes('db-1'));
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
