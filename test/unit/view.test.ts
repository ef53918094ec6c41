// The diagram model the server computes for the preview.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.resolve(ROOT, 'test/fixtures/designs');
const load = (f: string) => buildDiagram(analyzeText(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')));

describe('diagram model', () => {
  it('simple stack: users, DNS, three components on one server frame, SPOFs counted', () => {
    const d = load('0-simple-web-stack.infra.yaml');
    assert.deepEqual(d.nodes.map((n) => n.id), ['users', 'dns:www.foobar.com', 'c:nginx', 'c:app', 'c:mysql']);
    assert.deepEqual(d.groups.map((g) => g.id), ['server:server-1']);
    for (const id of ['c:nginx', 'c:app', 'c:mysql']) {
      const n = d.nodes.find((x) => x.id === id)!;
      assert.equal(n.parent, 'server:server-1');
      assert.ok(n.codes.includes('single-point-of-failure'), id);
      assert.ok(n.findings.warning >= 1);
    }
    const server = d.groups[0]!;
    assert.ok(server.codes.includes('single-point-of-failure') && server.codes.includes('missing-firewall'));
    assert.deepEqual(server.badges, { firewall: false, monitoring: false });
    assert.deepEqual(d.edges.map((e) => `${e.id}:${e.kind}:${e.security}`), [
      'users->dns:www.foobar.com:lookup:plain', 'dns:www.foobar.com->c:nginx:resolve:plain',
      'c:nginx->c:app:request:plain', 'c:app->c:mysql:request:plain',
    ]);
  });

  it('secured design: the hop behind TLS termination is marked, badges are read', () => {
    const d = load('2-secured-monitored.infra.yaml');
    const fromLb = d.edges.filter((e) => e.source === 'c:lb-1');
    assert.ok(fromLb.length === 2 && fromLb.every((e) => e.security === 'terminated-plain'));
    assert.equal(d.edges.find((e) => e.target === 'c:lb-1')!.security, 'encrypted');
    assert.deepEqual(d.nodes.find((n) => n.id === 'c:lb-1')!.badges, { firewall: true, monitoring: 'sumologic' });
    assert.deepEqual(d.groups.find((g) => g.id === 'server:server-1')!.badges, { firewall: true, monitoring: 'sumologic' });
  });

  it('scaled-up design: a framed load-balancer cluster, re-encrypted hops, replication, no findings', () => {
    const d = load('3-scaled-up.infra.yaml');
    const cluster = d.groups.find((g) => g.kind === 'cluster')!;
    assert.equal(cluster.mode, 'active-active');
    assert.deepEqual(d.nodes.filter((n) => n.parent === cluster.id).map((n) => n.id), ['c:lb-1', 'c:lb-2']);
    assert.ok(d.edges.filter((e) => e.source === 'c:lb-1').every((e) => e.security === 'encrypted'));
    assert.ok(d.edges.some((e) => e.id === 'c:db-1->c:db-2' && e.kind === 'replication'));
    assert.ok(d.nodes.every((n) => n.codes.length === 0), 'no findings');
    assert.deepEqual(d.traffic, { qps: 400, readShare: 0.9 });
  });

  it('ranges point at the YAML name of each component', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, '1-distributed.infra.yaml'), 'utf8');
    const d = buildDiagram(analyzeText(text));
    const lines = text.split('\n');
    for (const n of d.nodes.filter((x) => x.id.startsWith('c:'))) {
      const r = n.nameRange!;
      assert.equal(lines[r.start.line]!.slice(r.start.character, r.end.character), n.label);
    }
  });

  it('replicas, zones and hostile names are carried as data', () => {
    const d = buildDiagram(analyzeText(`infra: 1
domain: foobar.com
dns:
  www: { A: web }
components:
  web:
    kind: web-server
    software: "<img src=x onerror=alert(1)>"
    replicas: 3
    zone: eu-1a
`));
    const web = d.nodes.find((n) => n.id === 'c:web')!;
    assert.equal(web.instances, 3);
    assert.equal(web.parent, 'zone:eu-1a');
    assert.equal(web.software, '<img src=x onerror=alert(1)>');
    assert.ok(d.groups.some((g) => g.id === 'zone:eu-1a' && g.unit === 'zone:eu-1a'));
  });
});
