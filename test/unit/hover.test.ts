// Hover at cursor positions marked `|` in the test text.
import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/analysis/languageService';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docAt, marked } from './helpers';

const DESIGN = `infra: 1
domain: foobar.com
dns:
  www:
    A: lb-1
servers:
  box-1: { ip: 10.0.0.1, zone: eu-1a }
components:
  lb-1:
    kind: load-balancer
    ip: 203.0.113.1
    algorithm: round-robin
    tls: terminate
    to: [web-1, web-2]
  web-1:
    kind: web-server
    on: box-1
    to: app-1
  web-2:
    kind: web-server
    to: app-1
  app-1:
    kind: app-server
    to: db-1
  db-1:
    kind: database
    role: primary
`;

/** Hover with the cursor placed by replacing `find` (which contains `|`) in DESIGN. */
function hoverAt(find: string, text = DESIGN): { hover: Hover | null; value: string; text: string } {
  const plain = find.replace('|', '');
  assert.ok(text.includes(plain), `the design contains ${plain}`);
  const { doc, position, text: t } = docAt(text.replace(plain, find));
  const hover = createLanguageService().hover(doc, position);
  const value = hover ? (hover.contents as MarkupContent).value : '';
  return { hover, value, text: t };
}

/** The hovered range's text. */
function rangeText(h: { hover: Hover | null; text: string }): string {
  const { doc } = docAt(`${h.text}|`);
  const r = h.hover!.range!;
  return h.text.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

describe('hover', () => {
  it('on kind: load-balancer, the value explains load balancing', () => {
    const h = hoverAt('kind: load-bal|ancer');
    assert.ok(h.hover);
    assert.equal((h.hover!.contents as MarkupContent).kind, 'markdown');
    assert.match(h.value, /load.balanc/i);
    assert.match(h.value, /spread|backends|targets/i);
    assert.equal(rangeText(h), 'load-balancer');
  });

  it('on the A key under a DNS name, explains the A record', () => {
    const h = hoverAt('    |A: lb-1');
    assert.match(h.value, /A record/);
    assert.match(h.value, /IPv4/);
    assert.equal(rangeText(h), 'A');
  });

  it('on a component name, summarises it: kind, what it sends to, what it receives from', () => {
    const h = hoverAt('  web|-1:\n    kind: web-server');
    assert.match(h.value, /\*\*web-1\*\*/);
    assert.match(h.value, /web-server/);
    assert.match(h.value, /sends to: app-1/);
    assert.match(h.value, /receives from: lb-1/);
    assert.match(h.value, /box-1/);
    assert.equal(rangeText(h), 'web-1');
  });

  it('on an entry point name, says which service it serves and that users send to it', () => {
    const h = hoverAt('  lb|-1:\n    kind');
    assert.match(h.value, /load-balancer/);
    assert.match(h.value, /www\.foobar\.com/);
    assert.match(h.value, /sends to: web-1, web-2/);
    assert.match(h.value, /receives from: users/);
  });

  it('on a component name, lists the findings reported there', () => {
    const h = hoverAt('  lb|-1:\n    kind');
    assert.match(h.value, /single-point-of-failure/);
  });

  it('on a name in a to: list, summarises the target', () => {
    const h = hoverAt('to: [web-1, we|b-2]');
    assert.match(h.value, /\*\*web-2\*\*/);
    assert.equal(rangeText(h), 'web-2');
  });

  it('on a server name, summarises the server', () => {
    const h = hoverAt('  box|-1: {');
    assert.match(h.value, /\*\*box-1\*\*/);
    assert.match(h.value, /10\.0\.0\.1/);
    assert.match(h.value, /web-1/);
  });

  it('on algorithm: round-robin, explains the algorithm', () => {
    const h = hoverAt('algorithm: round-|robin');
    assert.match(h.value, /round-robin/);
    assert.match(h.value, /in turn|cycles/i);
    assert.equal(rangeText(h), 'round-robin');
  });

  it('on tls: terminate, explains termination and its risk', () => {
    const h = hoverAt('tls: ter|minate');
    assert.match(h.value, /terminate/);
    assert.match(h.value, /plain HTTP/);
  });

  it('on a key, explains the key', () => {
    const h = hoverAt('    algo|rithm: round-robin');
    assert.match(h.value, /algorithm/);
    assert.equal(rangeText(h), 'algorithm');
  });

  it('on a suppression comment, explains suppression', () => {
    const text = DESIGN.replace('  box-1:', '  # infra-yaml-disable-next-line missing-monitoring\n  box-1:');
    const h = hoverAt('# infra-yaml-dis|able-next-line', text);
    assert.ok(h.hover);
    assert.match(h.value, /infra-yaml-disable-next-line/);
    assert.match(h.value, /silenc|hide/i);
  });

  it('returns null on empty space', () => {
    const m = marked('infra: 1\n\n|\ncomponents: {}\n');
    const { doc, position } = docAt(`${m.text.slice(0, m.cursor)}|${m.text.slice(m.cursor)}`);
    assert.equal(createLanguageService().hover(doc, position), null);
  });
});

describe('encryption traced hop by hop (issue 11)', () => {
  it('the hover of a load balancer names each hop, which are plain, and why', () => {
    const { value } = hoverAt('  l|b-1:\n');
    assert.match(value, /users → lb-1: HTTPS \(lb-1 serves HTTPS\)/);
    assert.match(value, /lb-1 → web-1: \*\*plain HTTP\*\* \(lb-1 terminates TLS and forwards plain HTTP\)/);
    assert.match(value, /lb-1 → web-2: \*\*plain HTTP\*\*/);
  });
  it('a code lens over each DNS name traces its path and says which hops are plain', () => {
    const doc = TextDocument.create('file:///t.infra.yaml', 'infra-yaml', 1, DESIGN);
    const lenses = createLanguageService().codeLenses(doc);
    const www = lenses.find((l) => l.range.start.line === 3);
    assert.ok(www, lenses.map((l) => l.command?.title).join('\n'));
    assert.equal(www.command!.title, 'www.foobar.com: users → lb-1 HTTPS → web-1 plain HTTP → app-1 plain HTTP — plain: lb-1 terminates TLS and forwards plain HTTP; app-1 serves no TLS');
  });
});

describe('hover on values falls back to the key they belong to', () => {
  const service = createLanguageService();
  const text = 'infra: 1\nname: Shop\ndomain: foobar.com\ntraffic: { qps: 100, reads: 0.8 }\ncomponents:\n  lb-1: { kind: load-balancer, cluster: { peers: [lb-2], mode: active-passive }, weights: { web: 2 } }\n';
  const doc = TextDocument.create('file:///v.infra.yaml', 'infra-yaml', 1, text);
  const at = (needle: string): string => {
    const h = service.hover(doc, doc.positionAt(text.indexOf(needle) + 1));
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  };
  it('domain, name and traffic values', () => {
    assert.match(at('foobar.com'), /^\*\*domain\*\*/);
    assert.match(at('Shop'), /^\*\*name\*\*/);
    assert.match(at('0.8'), /^\*\*traffic\.reads\*\*/);
  });
  it('cluster mode and weights values', () => {
    assert.match(at('active-passive'), /active-passive/i);
    assert.match(at('2 }'), /^\*\*weights\*\*/);
  });
});

describe('hover: what a deploy of a tier costs', () => {
  const TIER = `infra: 1
domain: foobar.com
traffic: { qps: 3000 }
dns:
  www:
    A: lb-1
servers:
  box-1: { ip: 10.0.0.1 }
components:
  lb-1: { kind: load-balancer, ip: 203.0.113.1, to: [web-1, web-2] }
  web-1: { kind: web-server, on: box-1 }
  web-2: { kind: web-server }
  api: { kind: app-server, ip: 203.0.113.2, replicas: 3, capacity: 1000 }
`;
  it('on a member of a tier: the rest serve 2,000 of the 3,000 offered (overloaded)', () => {
    const h = hoverAt('web-|2: { kind', TIER);
    assert.match(h.value, /a rolling deploy of web-1\/web-2 leaves 1 of 2 instances: 3,000 of its 2,000 requests\/s at 3,000 qps \(overloaded\)/);
  });
  it('on replicas: what is left while one instance is redeployed', () => {
    const h = hoverAt('replicas: |3', TIER);
    assert.match(h.value, /Deploy: a rolling deploy of api leaves 2 of 3 instances: 0 of its 2,000 requests\/s at 3,000 qps \(enough\)/);
  });
  it('on a server: a reboot stops what it runs; a lone instance is downtime', () => {
    const h = hoverAt('box-|1: { ip', TIER);
    assert.match(h.value, /a reboot of box-1 stops web-1 at once/);
    assert.match(hoverAt('lb-|1: { kind', TIER).value, /a deploy of lb-1 is downtime for it/);
  });
});
