// Quick fixes: each fix's edit applied to the text, and the edit guarantees
// (lines outside the edit untouched, the file still parses, the targeted
// finding gone, no new error) checked for every fix of every finding of the
// reference designs and of generated designs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/findings';
import { applyEdits, TextEditData } from '../../server/src/analysis/services/edits';
import { fixAll } from '../../server/src/analysis/services/fixAll';
import { quickFixes } from '../../server/src/analysis/services/fixes';
import * as fc from 'fast-check';
import { y } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'test/fixtures/designs')).filter((f) => f.endsWith('.infra.yaml')).sort();
const read = (f: string): string => fs.readFileSync(path.join(ROOT, 'test/fixtures/designs', f), 'utf8');

/** The text under a finding's span: the name, key or value it is about. */
const subject = (text: string, f: Finding): string => `${f.code}:${text.slice(f.span.start, f.span.end)}`;

function fixesOf(text: string, code: string, at?: string): { title: string; after: string; edits: readonly TextEditData[] }[] {
  const a = analyzeText(text);
  const f = a.findings().find((x) => x.code === code && (at === undefined || text.slice(x.span.start, x.span.end) === at));
  assert.ok(f, `no ${code}${at ? ` on ${at}` : ''} in:\n${text}`);
  return quickFixes(a, f).map((q) => ({ title: q.title, after: applyEdits(text, q.edits), edits: q.edits }));
}

/** Every original line that no edit touches is still there, in the same order. */
function assertUntouchedLines(before: string, after: string, edits: readonly TextEditData[]): void {
  let offset = 0;
  const kept: string[] = [];
  for (const line of before.split('\n')) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    if (!edits.some((e) => e.span.start <= end && e.span.end >= start)) kept.push(line);
  }
  const lines = after.split('\n');
  let i = 0;
  for (const line of kept) {
    while (i < lines.length && lines[i] !== line) i++;
    assert.ok(i < lines.length, `line lost or reordered: ${JSON.stringify(line)}`);
    i++;
  }
}

function checkGuarantees(text: string, label: string): number {
  const a = analyzeText(text);
  const errorsBefore = new Set(reportedFindings(a).filter((f) => f.severity === 'error').map((f) => subject(text, f)));
  let checked = 0;
  for (const f of reportedFindings(a)) {
    for (const q of quickFixes(a, f)) {
      const after = applyEdits(text, q.edits);
      const where = `${label}: '${q.title}' for ${f.code}`;
      assertUntouchedLines(text, after, q.edits);
      const b = analyzeText(after);
      assert.deepEqual(b.parsed.errors, [], `${where} breaks the YAML:\n${after}`);
      const findingsAfter = reportedFindings(b);
      if (q.preferred) {
        const target = subject(text, f);
        const before = reportedFindings(a).filter((x) => subject(text, x) === target).length;
        const remaining = findingsAfter.filter((x) => subject(after, x) === target).length;
        assert.ok(remaining < before, `${where} leaves the finding:\n${after}`);
      }
      const newErrors = findingsAfter.filter((x) => x.severity === 'error' && !errorsBefore.has(subject(after, x)));
      assert.deepEqual(newErrors.map((x) => `${x.code}: ${x.message}`), [], `${where} adds errors:\n${after}`);
      checked++;
    }
  }
  return checked;
}

describe('quick fixes', () => {
  describe('edit guarantees on every fix of every finding', () => {
    for (const f of EXAMPLES) {
      it(f, () => {
        assert.ok(checkGuarantees(read(f), f) > 0 || f.startsWith('3-'));
      });
    }
    it('in a file indented with 4 spaces and flow mappings', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns:
            www:
                A: lb-1   # the entry
        components:
            lb-1: { kind: load-balancer, ip: 203.0.113.10, tls: terminate, to: [web-1, web-2] }
            web-1:
                kind: web-server
                to:
                    - app-1
            web-2:
                kind: web-server
                to:
                    - app-1
            app-1: { kind: app-server, to: db }
            db: { kind: database, role: primary }
      `;
      assert.ok(checkGuarantees(text, '4-space') > 5);
    });
  });

  it('on generated designs', () => {
    const design = fc.record({
      lb: fc.boolean(), webs: fc.integer({ min: 1, max: 3 }), apps: fc.integer({ min: 1, max: 2 }), replica: fc.boolean(),
      auto: fc.boolean(), shared: fc.integer({ min: 0, max: 2 }), firewall: fc.boolean(), monitoring: fc.boolean(), tls: fc.constantFrom('none', 'terminate', 'reencrypt'),
    }).map((g) => {
      const lines = ['infra: 1', 'domain: foobar.com', 'dns:', '  www:', `    A: ${g.lb ? 'lb-1' : 'web-1'}`];
      const props = (indent: string): string[] => [...(g.firewall ? [`${indent}firewall: true`] : []), ...(g.monitoring ? [`${indent}monitoring: true`] : [])];
      if (g.shared) {
        lines.push('servers:');
        for (let i = 1; i <= g.shared; i++) lines.push(`  box-${i}:`, `    ip: 10.0.0.${i}`, ...props('    '));
      }
      lines.push('components:');
      const place = (i: number): string[] => (g.shared ? [`    on: box-${(i % g.shared) + 1}`] : props('    '));
      const webs = Array.from({ length: g.webs }, (_, i) => `web-${i + 1}`);
      const apps = Array.from({ length: g.apps }, (_, i) => `app-${i + 1}`);
      if (g.lb) lines.push('  lb-1:', '    kind: load-balancer', '    ip: 203.0.113.10', ...(g.tls !== 'none' ? [`    tls: ${g.tls}`] : []), `    to: [${webs.join(', ')}]`, ...props('    '));
      webs.forEach((w, i) => lines.push(`  ${w}:`, '    kind: web-server', ...(i === 0 && !g.lb ? ['    ip: 203.0.113.20'] : []), `    to: [${apps.join(', ')}]`, ...(i === 0 && !g.lb ? props('    ') : place(i))));
      apps.forEach((a, i) => lines.push(`  ${a}:`, '    kind: app-server', `    to: ${g.replica ? '[db-1, db-2]' : 'db-1'}`, ...place(i + 1)));
      lines.push('  db-1:', '    kind: database', '    software: postgresql', '    role: primary', ...(g.auto ? ['    failover: automatic'] : []), ...place(0));
      if (g.replica) lines.push('  db-2:', '    kind: database', '    software: postgresql', '    role: replica', '    replicates: db-1', ...place(1));
      return lines.join('\n') + '\n';
    });
    fc.assert(fc.property(design, (text) => { checkGuarantees(text, 'generated'); }), { numRuns: 60, seed: 7 });
  });

  it('add a replica: a fresh name with the same properties, wired wherever the original is a target', () => {
    const text = y`
      infra: 1
      domain: foobar.com
      dns:
        www:
          A: lb-1
      components:
        lb-1:
          kind: load-balancer
          ip: 203.0.113.10
          algorithm: weighted-round-robin
          weights: { web-1: 3 }
          to: [web-1]
        web-1:
          kind: web-server
          software: nginx   # keep this comment
          firewall: true
          to: app-1
        app-1:
          kind: app-server
    `;
    const [fix] = fixesOf(text, 'single-point-of-failure', 'web-1');
    assert.equal(fix!.title, 'Add a replica of web-1');
    assert.match(fix!.after, /to: \[web-1, web-2\]/);
    assert.match(fix!.after, /weights: \{ web-1: 3, web-2: 3 \}/);
    assert.match(fix!.after, /\n  web-2:\n    kind: web-server\n    software: nginx\n    to: app-1\n    firewall: true\n/);
    assert.match(fix!.after, /software: nginx {3}# keep this comment/);
    const spofs = analyzeText(fix!.after).findings().filter((f) => f.code === 'single-point-of-failure').map((f) => subject(fix!.after, f));
    assert.ok(!spofs.includes('single-point-of-failure:web-1'));
  });

  it('add a replica uses replicas: N where the design already uses counts', () => {
    const text = y`
      infra: 1
      domain: foobar.com
      dns: { www: { A: web } }
      components:
        web: { kind: web-server, ip: 203.0.113.5, to: api }
        api: { kind: app-server, replicas: 2 }
    `;
    const [fix] = fixesOf(text, 'single-point-of-failure', 'web');
    assert.equal(fix!.title, 'Add a replica (replicas: 2)');
    assert.match(fix!.after, /web: \{ kind: web-server, ip: 203\.0\.113\.5, to: api, replicas: 2 \}/);
  });

  it('add a replica database: role, replicates and automatic failover on the primary', () => {
    const text = y`
      infra: 1
      domain: foobar.com
      dns: { www: { A: web } }
      components:
        web: { kind: web-server, ip: 203.0.113.5, replicas: 2, to: db-primary }
        db-primary:
          kind: database
          software: postgresql
          role: primary
    `;
    const [fix] = fixesOf(text, 'single-point-of-failure', 'db-primary');
    assert.match(fix!.after, /role: primary\n    failover: automatic\n  db-replica:\n    kind: database\n    software: postgresql\n    role: replica\n    replicates: db-primary\n    failover: automatic\n/);
    assert.match(fix!.after, /to: \[db-primary, db-replica\]/);
    assert.equal(analyzeText(fix!.after).findings().filter((f) => f.code === 'single-point-of-failure').length, 0);
  });

  it('add a cluster peer for a load balancer', () => {
    const text = read('1-distributed.infra.yaml');
    const [fix] = fixesOf(text, 'single-point-of-failure', 'lb-1');
    assert.equal(fix!.title, 'Add a cluster peer for lb-1');
    assert.match(fix!.after, /cluster: \{ peers: \[lb-2\], mode: active-active \}/);
    assert.match(fix!.after, /\n  lb-2:\n    kind: load-balancer\n[\s\S]*ip: 203\.0\.113\.11\n[\s\S]*cluster: \{ peers: \[lb-1\], mode: active-active \}/);
  });

  it('re-encrypt to the backends, or pass TLS through', () => {
    const fixes = fixesOf(read('2-secured-monitored.infra.yaml'), 'tls-terminated-at-load-balancer');
    assert.deepEqual(fixes.map((f) => f.title), ['Re-encrypt to the backends', 'Pass TLS through to the backends']);
    assert.match(fixes[0]!.after, /tls: reencrypt/);
    assert.equal((fixes[0]!.after.match(/tls: true/g) ?? []).length, 2);
  });

  it('did-you-mean replacements for keys, values and references', () => {
    const text = y`
      infra: 1
      components:
        web: { kind: web-sever, to: ap }
        app: { kind: app-server, sofware: gunicorn }
    `;
    assert.match(fixesOf(text, 'invalid-value')[0]!.after, /kind: web-server/);
    assert.match(fixesOf(text, 'unknown-reference')[0]!.after, /to: app \}/);
    assert.match(fixesOf(text, 'unknown-key')[0]!.after, /software: gunicorn/);
  });

  it('missing-key inserts the key with a placeholder', () => {
    const text = y`
      infra: 1
      components:
        web:
          software: nginx
    `;
    const [fix] = fixesOf(text, 'missing-key');
    assert.match(fix!.after, /web:\n    software: nginx\n    kind: web-server\n/);
  });

  it('missing-key inserts a cluster mode into a flow mapping', () => {
    const text = y`
      infra: 1
      components:
        lb-1: { kind: load-balancer, cluster: { peers: [lb-2] } }
        lb-2: { kind: load-balancer, cluster: { peers: [lb-1], mode: active-active } }
    `;
    const [fix] = fixesOf(text, 'missing-key');
    assert.match(fix!.after, /lb-1: \{ kind: load-balancer, cluster: \{ peers: \[lb-2\], mode: active-active \} \}/);
  });

  it('changes A to AAAA for an IPv6 address', () => {
    const text = y`
      infra: 1
      domain: foobar.com
      dns:
        www:
          A: 2001:db8::1
      components: {}
    `;
    assert.match(fixesOf(text, 'dns-invalid-record')[0]!.after, /AAAA: 2001:db8::1/);
  });

  it('send writes to the primary', () => {
    const [fix] = fixesOf(read('1-distributed.infra.yaml'), 'write-to-replica');
    assert.match(fix!.after, /to: \[db-replica, db-primary\]/);
  });

  it('restricts an open database port to its callers', () => {
    const text = y`
      infra: 1
      components:
        app: { kind: app-server, firewall: true, to: db }
        db:
          kind: database
          software: mysql
          firewall: [allow 3306/tcp from any, allow 22/tcp from 10.0.0.0/8]
    `;
    const [fix] = fixesOf(text, 'database-exposed');
    assert.match(fix!.after, /firewall: \[allow 3306\/tcp from app, allow 22\/tcp from 10\.0\.0\.0\/8\]/);
  });

  it('capacity: adds the instances needed to carry the load', () => {
    const text = y`
      infra: 1
      domain: foobar.com
      traffic: { qps: 4500 }
      dns: { www: { A: web } }
      components:
        web: { kind: web-server, ip: 203.0.113.5 }
    `;
    assert.match(fixesOf(text, 'capacity-exceeded')[0]!.after, /replicas: 3/);
  });

  describe('fix all', () => {
    for (const f of EXAMPLES.filter((e) => !e.startsWith('3-'))) {
      it(`turns ${f} into a design with no warning or error`, () => {
        const result = fixAll(read(f));
        assert.ok(result.applied.length > 0);
        const left = reportedFindings(analyzeText(result.text)).filter((x) => x.severity === 'error' || x.severity === 'warning');
        assert.deepEqual(left.map((x) => `${x.code}: ${x.message}`), [], result.text);
        assert.ok(result.text.startsWith(read(f).split('\ninfra:')[0]!), 'the leading comments are kept');
      });
    }
  });
});
