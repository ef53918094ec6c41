// Quick fixes: each fix's edit applied to the text, and the edit guarantees
// (lines outside the edit untouched, the file still parses, the targeted
// finding gone, no new error) checked for every fix of every finding of the
// reference designs and of generated designs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, ReportedFinding, reportedFindings } from "../../server/src/analysis/analyze";
import type { Finding } from '../../server/src/analysis/findings';
import { applyEdits, TextEditData } from '../../server/src/analysis/services/edits';
import { fixAll } from '../../server/src/analysis/services/fixAll';
import { quickFixes } from '../../server/src/analysis/services/fixes';
import * as fc from 'fast-check';
import { findingsOf, y } from './helpers';

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

const serious = (a: ReturnType<typeof analyzeText>): Finding[] => reportedFindings(a).filter((x) => x.severity === 'error' || x.severity === 'warning');

/**
 * Issue 11's property of a preferred fix, judged on the whole file: strictly
 * fewer warnings and errors, and no finding of another rule that was not there.
 */
function assertBetter(a: ReturnType<typeof analyzeText>, text: string, b: ReturnType<typeof analyzeText>, after: string, f: ReportedFinding, where: string): void {
  const before = serious(a);
  const now = serious(b);
  const show = (fs: Finding[], t: string): string => fs.map((x) => `  ${subject(t, x)}: ${x.message}`).join('\n');
  // An information finding (shared-server) is not counted: its fix must not add any.
  const counted = f.severity === 'error' || f.severity === 'warning';
  assert.ok(counted ? now.length < before.length : now.length <= before.length, `${where} leaves ${now.length} warnings+errors (was ${before.length}):\n${show(now, after)}\n${after}`);
  const count = (fs: Finding[], code: string): number => fs.filter((x) => x.code === code).length;
  const added = [...new Set(now.map((x) => x.code))].filter((code) => code !== f.code && count(now, code) > count(before, code));
  assert.deepEqual(added.map((code) => `${code}: ${count(before, code)} -> ${count(now, code)}`), [], `${where} adds findings of other rules:\n${show(now, after)}\n${after}`);
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
      if (q.preferred) assertBetter(a, text, b, after, f, where);
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
    fc.assert(fc.property(design, (text) => { checkGuarantees(text, 'generated'); }), { numRuns: 120, seed: 7 });
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
    // The original's key order; the monitoring client its machine lacks comes last (issue 11).
    assert.match(fix!.after, /\n  web-2:\n    kind: web-server\n    software: nginx\n    firewall: true\n    to: app-1\n    monitoring: true\n/);
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

  it('capacity during maintenance: adds an instance, and the finding goes (whole file: fewer findings)', () => {
    const count = (t: string) => analyzeText(t).findings().filter((f) => f.code === 'capacity-during-maintenance').length;
    const replicated = y`
      infra: 1
      domain: foobar.com
      traffic: { qps: 3000 }
      dns: { www: { A: lb } }
      components:
        lb: { kind: load-balancer, ip: 203.0.113.5, to: web }
        web: { kind: web-server, replicas: 2 }
    `;
    const [byCount] = fixesOf(replicated, 'capacity-during-maintenance');
    assert.match(byCount!.after, /replicas: 3/);
    assert.equal(count(byCount!.after), 0);
    const separate = y`
      infra: 1
      domain: foobar.com
      traffic: { qps: 3000 }
      dns: { www: { A: lb } }
      components:
        lb: { kind: load-balancer, ip: 203.0.113.5, to: [web-1, web-2] }
        web-1: { kind: web-server, firewall: true, monitoring: datadog }
        web-2: { kind: web-server, firewall: true, monitoring: datadog }
    `;
    const [byCopy] = fixesOf(separate, 'capacity-during-maintenance');
    assert.equal(count(byCopy!.after), 0, byCopy!.after);
    const serious = (t: string) => reportedFindings(analyzeText(t)).filter((f) => f.severity === 'error' || f.severity === 'warning').length;
    assert.ok(serious(byCopy!.after) < serious(separate), byCopy!.after);
    assert.ok(serious(byCount!.after) < serious(replicated));
  });

  describe('issue 11: fixes leave the design better', () => {
    it('"Serve HTTPS" on a clustered load balancer re-encrypts on every member and its backends', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { www: { A: lb-1 } }
        components:
          lb-1: { kind: load-balancer, ip: 203.0.113.1, cluster: { peers: [lb-2], mode: active-active }, to: [web-1] }
          lb-2: { kind: load-balancer, ip: 203.0.113.2, cluster: { peers: [lb-1], mode: active-active }, to: [web-1] }
          web-1: { kind: web-server }
      `;
      const [fix] = fixesOf(text, 'no-https');
      assert.equal(fix!.title, 'Serve HTTPS');
      const codes = reportedFindings(analyzeText(fix!.after)).map((f) => f.code);
      assert.ok(!codes.includes('no-https') && !codes.includes('tls-terminated-at-load-balancer'), codes.join(', '));
      assert.equal(fix!.after.match(/tls: reencrypt/g)?.length, 2);
      assert.match(fix!.after, /web-1: \{ kind: web-server, tls: true/);
    });
    it('a one-server stack gets a load-balancer pair in front of two servers, not DNS round robin', () => {
      const text = read('0-simple-web-stack.infra.yaml');
      const [fix] = fixesOf(text, 'single-point-of-failure', 'server-1');
      assert.match(fix!.title, /^Put a load balancer in front of server-1/);
      const codes = reportedFindings(analyzeText(fix!.after)).map((f) => f.code);
      assert.ok(!codes.includes('dns-round-robin'), codes.join(', '));
      assert.match(fix!.after, /A: lb-1\n/);
      assert.match(fix!.after, /\n  lb-1:\n    kind: load-balancer\n/);
    });
    it('copies write a block-list firewall, a block scalar and merged values as valid one-line values', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { www: { A: web-1 } }
        components:
          base: &base
            kind: app-server
            software: >-
              gunicorn
          app-1:
            <<: *base
            firewall:
              - allow 8000/tcp from web-1
              - deny 22/tcp
            monitoring: true
          web-1: { kind: web-server, to: app-1, firewall: true, monitoring: true }
      `;
      const fix = fixesOf(text, 'single-point-of-failure', 'app-1').find((q) => q.title === 'Add a replica of app-1');
      assert.ok(fix, 'a replica fix');
      assert.deepEqual(analyzeText(fix.after).parsed.errors, []);
      assert.match(fix.after, /\n  app-2:\n(    .*\n)*    software: gunicorn\n/);
      assert.match(fix.after, /firewall: \[allow 8000\/tcp from web-1, deny 22\/tcp\]/);
      assert.doesNotMatch(fix.after, /: <</);
    });
    it('a copy of a flow-mapping component is a flow mapping in the same key order', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { www: { A: web-1 } }
        components:
          web-1: { kind: web-server, to: [app-1], firewall: true, monitoring: true }
          app-1: { kind: app-server, firewall: true, monitoring: true }
      `;
      const fix = fixesOf(text, 'single-point-of-failure', 'app-1')[0]!;
      assert.match(fix.after, /\n  app-2: \{ kind: app-server, firewall: true, monitoring: true \}\n/);
    });
    for (const f of EXAMPLES) {
      it(`fix-all of each rule never leaves ${f} with more findings`, () => {
        const text = read(f);
        const before = reportedFindings(analyzeText(text));
        for (const code of new Set(before.map((x) => x.code))) {
          const after = reportedFindings(analyzeText(fixAll(text, new Set([code])).text));
          assert.ok(after.length <= before.length, `fix all ${code}: ${before.length} -> ${after.length}`);
        }
      });
    }
  });

  describe('issue 12: fixes never break the YAML or lose text', () => {
    const parses = (t: string): void => assert.deepEqual(analyzeText(t).parsed.errors.map((e) => e.message), [], t);
    const web = '  web-1: { kind: web-server, firewall: true, monitoring: true, to: [app-1,] }\n  app-1: { kind: app-server, firewall: true, monitoring: true }\n';
    it('appends to a flow sequence with a trailing comma', () => {
      const text = `infra: 1\ndomain: foobar.com\ndns: { www: { A: web-1 } }\ncomponents:\n${web}`;
      const fix = fixesOf(text, 'single-point-of-failure', 'app-1')[0]!;
      parses(fix.after);
      assert.match(fix.after, /to: \[app-1, app-2\]/);
    });
    it('with components as a flow mapping, a replica fix adds no reference to a copy it cannot write', () => {
      const text = 'infra: 1\ndomain: foobar.com\ndns: { www: { A: web-1 } }\ncomponents: { web-1: { kind: web-server, to: [app-1] }, app-1: { kind: app-server } }\n';
      for (const q of fixesOf(text, 'single-point-of-failure', 'app-1')) {
        parses(q.after);
        assert.deepEqual(reportedFindings(analyzeText(q.after)).filter((f) => f.code === 'unknown-reference').map((f) => f.message), [], q.title);
      }
    });
    it("adds 'infra: 1' inside a flow root and at the column of indented top-level keys", () => {
      for (const text of ['{ components: { web-1: { kind: web-server } } }\n', '  components:\n    web-1:\n      kind: web-server\n']) {
        const fix = fixesOf(text, 'missing-key').find((q) => q.title === "Add 'infra: 1'");
        assert.ok(fix, text);
        parses(fix.after);
        assert.equal(analyzeText(fix.after).design.infra?.value, 1, fix.after);
      }
    });
    it('keeps CRLF line endings in every inserted line', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns:
          www:
            A: web-1
        components:
          web-1:
            kind: web-server
            to: app-1
          app-1:
            kind: app-server
      `.replace(/\n/g, '\r\n');
      for (const q of fixesOf(text, 'single-point-of-failure', 'app-1')) {
        parses(q.after);
        assert.doesNotMatch(q.after, /[^\r]\n/, `${q.title} mixes line endings`);
      }
    });
    it('a replica with no primary anywhere becomes the primary, not a replica of a made-up name', () => {
      const text = y`
        infra: 1
        components:
          db-1: { kind: database, role: replica }
      `;
      const [fix] = fixesOf(text, 'replica-without-primary');
      assert.equal(fix!.title, 'Make db-1 the primary');
      assert.deepEqual(reportedFindings(analyzeText(fix!.after)).filter((f) => f.severity === 'error').map((f) => f.code), []);
    });
    it('the invalid-name fix renames the definition and every reference', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { www: { A: Web_1 } }
        components:
          Web_1: { kind: web-server, to: app }
          app: { kind: app-server }
          lb: { kind: load-balancer, to: [Web_1] }
      `;
      const [fix] = fixesOf(text, 'invalid-value', 'Web_1');
      assert.equal(fix!.title, "Rename 'Web_1' to 'web-1' everywhere");
      assert.doesNotMatch(fix!.after, /Web_1/);
      assert.equal(fix!.after.match(/web-1/g)?.length, 3);
    });
    it('"Add a replica database" never copies a firewall that lets anyone reach the port', () => {
      const text = y`
        infra: 1
        domain: foobar.com
        dns: { www: { A: web } }
        components:
          web: { kind: web-server, ip: 203.0.113.9, firewall: true, monitoring: true, to: app }
          app: { kind: app-server, firewall: true, monitoring: true, to: db }
          db:
            kind: database
            software: mysql
            role: primary
            firewall: [allow 3306/tcp from any]
            monitoring: true
      `;
      const fix = fixesOf(text, 'single-point-of-failure', 'db').find((q) => q.title.startsWith('Add a replica database'))!;
      assert.ok(fix);
      const exposed = reportedFindings(analyzeText(fix.after)).filter((f) => f.code === 'database-exposed');
      assert.equal(exposed.length, 1, 'only the original stays exposed');
      assert.match(fix.after, /db-2:\n(    .*\n)*    firewall: true\n/);
    });
    it('the edit guarantees hold in a file with a BOM, with comments on edited lines, and in several documents', () => {
      const design = y`
        infra: 1   # version
        domain: foobar.com
        dns:
          www:
            A: web-1   # entry
        components:
          web-1:
            kind: web-server   # the web tier
            to: [app-1]   # calls
          app-1:
            kind: app-server
      `;
      assert.ok(checkGuarantees('\uFEFF' + design, 'BOM') > 0);
      assert.ok(checkGuarantees(design, 'comments') > 0);
      const two = `${design}---\n${design}`;
      const a = analyzeText(two);
      for (const f of reportedFindings(a)) for (const q of quickFixes(a, f)) assertUntouchedLines(two, applyEdits(two, q.edits), q.edits);
    });
    it('giving components their own servers keeps the comments on their on: lines', () => {
      const text = y`
        infra: 1
        servers:
          box: { ip: 10.0.0.1, firewall: true, monitoring: true }
        components:
          web: { kind: web-server, on: box, to: app }
          app:
            kind: app-server
            on: box   # moves later
      `;
      const [fix] = fixesOf(text, 'shared-server');
      parses(fix!.after);
      assert.match(fix!.after, /# moves later/);
    });
  });

  describe('edit guarantees on every fix, in every shape issue 12 lists', () => {
    // One design per shape, with findings whose fixes copy, append, insert and rename.
    const base = y`
      infra: 1
      domain: foobar.com
      dns:
        www:
          A: web-1
      components:
        web-1:
          kind: web-server
          to: [app-1]
        app-1:
          kind: app-server
          to: db
        db:
          kind: database
          software: mysql
          role: primary
    `;
    const shapes: [string, string][] = [
      ['block lists', base.replace('    to: [app-1]\n', '    to:\n      - app-1\n    firewall:\n      - allow 443/tcp from any\n      - deny 22/tcp\n')],
      ['block scalars', base.replace('    software: mysql\n', '    software: >-\n      mysql\n').replace('    kind: app-server\n', '    kind: app-server\n    software: |\n      gunicorn\n')],
      ['trailing commas', base.replace('to: [app-1]', 'to: [app-1,]').replace('    to: db\n', '    to: [db,]\n')],
      ['a flow root', '{ infra: 1, domain: foobar.com, dns: { www: { A: web-1 } }, components: { web-1: { kind: web-server, to: [app-1] }, app-1: { kind: app-server, to: db }, db: { kind: database, software: mysql, role: primary } } }\n'],
      ['flow components', 'infra: 1\ndomain: foobar.com\ndns: { www: { A: web-1 } }\ncomponents: { web-1: { kind: web-server, to: [app-1] }, app-1: { kind: app-server, to: db }, db: { kind: database, software: mysql, role: primary } }\n'],
      ['an indented root', base.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')],
      ['merge keys', base.replace('components:\n', 'components:\n  base: &base\n    kind: app-server\n    monitoring: true\n').replace('  app-1:\n    kind: app-server\n', '  app-1:\n    <<: *base\n')],
      ['comments on edited lines', base.replace(/^( +\w[\w-]*:.*)$/gm, '$1   # note').replace('infra: 1', 'infra: 1 # v')],
      ['CRLF', base.replace(/\n/g, '\r\n')],
      ['a BOM', `\uFEFF${base}`],
      ['a BOM and CRLF', `\uFEFF${base.replace(/\n/g, '\r\n')}`],
      ['flow components behind a load balancer', 'infra: 1\ndomain: foobar.com\ndns: { www: { A: lb-1 } }\ncomponents: { lb-1: { kind: load-balancer, ip: 203.0.113.1, to: [web-1] }, web-1: { kind: web-server, to: [app-1] }, app-1: { kind: app-server } }\n'],
      ['flow servers', 'infra: 1\ndomain: foobar.com\ndns: { www: { A: box } }\nservers: { box: { ip: 203.0.113.5 } }\ncomponents:\n  web-1:\n    kind: web-server\n    on: box\n    to: [app-1]\n  app-1:\n    kind: app-server\n    on: box\n'],
    ];
    for (const [name, text] of shapes) {
      it(name, () => {
        assert.deepEqual(analyzeText(text).parsed.errors, [], `${name} parses`);
        assert.ok(checkGuarantees(text, name) > 3, `${name}: fixes checked`);
        if (text.includes('\r\n')) {
          const a = analyzeText(text);
          for (const f of reportedFindings(a)) for (const q of quickFixes(a, f)) assert.doesNotMatch(applyEdits(text, q.edits), /[^\r]\n/, `${name}: '${q.title}' mixes line endings`);
        }
      });
    }
    it('several documents (a yaml-syntax error of its own): every fix keeps the other lines and adds no error', () => {
      const two = `${base}---\n${base}`;
      const a = analyzeText(two);
      const errors = a.parsed.errors.map((e) => e.message);
      let checked = 0;
      for (const f of reportedFindings(a)) {
        for (const q of quickFixes(a, f)) {
          const after = applyEdits(two, q.edits);
          assertUntouchedLines(two, after, q.edits);
          assert.deepEqual(analyzeText(after).parsed.errors.map((e) => e.message), errors, `'${q.title}':\n${after}`);
          checked++;
        }
      }
      assert.ok(checked > 0, 'fixes checked');
    });
  });

  describe('synonyms a student types (issue 11)', () => {
    it("role: master / slave → did you mean primary / replica, fixed in one step", () => {
      const text = y`
        infra: 1
        components:
          db-1: { kind: database, role: master }
          db-2: { kind: database, role: slave, replicates: db-1 }
      `;
      const found = findingsOf(text, 'invalid-value');
      assert.deepEqual(found.map((f) => f.text), ['master', 'slave']);
      assert.match(found[0]!.message, /did you mean 'primary'/i);
      assert.match(found[1]!.message, /did you mean 'replica'/i);
      assert.match(fixesOf(text, 'invalid-value', 'master')[0]!.after, /role: primary/);
    });
    it('kind: haproxy / nginx / mysql → the kind, with the word moved to software', () => {
      const text = y`
        infra: 1
        components:
          lb: { kind: haproxy }
          web:
            kind: nginx
          db: { kind: mysql, software: mariadb }
      `;
      const found = findingsOf(text, 'invalid-value');
      assert.deepEqual(found.map((f) => f.text), ['haproxy', 'nginx', 'mysql']);
      assert.match(found[0]!.message, /kind: load-balancer/);
      const lb = fixesOf(text, 'invalid-value', 'haproxy')[0]!;
      assert.equal(lb.title, "Change to 'load-balancer' with 'software: haproxy'");
      assert.match(lb.after, /lb: \{ kind: load-balancer, software: haproxy \}/);
      assert.match(fixesOf(text, 'invalid-value', 'nginx')[0]!.after, /web:\n    kind: web-server\n    software: nginx\n/);
      const db = fixesOf(text, 'invalid-value', 'mysql')[0]!;
      assert.equal(db.title, "Change to 'database'");
      assert.match(db.after, /db: \{ kind: database, software: mariadb \}/);
    });
  });

  describe('fix all: one pass per rule, no cap (issue 12)', () => {
    const many = (n: number): string => ['infra: 1', 'servers:', ...Array.from({ length: n }, (_, i) => `  box-${i}: { ip: 10.0.${i >> 8}.${i & 255}, firewall: true }`), 'components:', ...Array.from({ length: n }, (_, i) => `  web-${i}: { kind: web-server, on: box-${i} }`)].join('\n') + '\n';
    it('"Fix all missing-monitoring" fixes all 200, and says nothing is left', () => {
      const text = many(200);
      assert.equal(findingsOf(text, 'missing-monitoring').length, 200);
      const r = fixAll(text, new Set(['missing-monitoring'] as const));
      assert.equal(findingsOf(r.text, 'missing-monitoring').length, 0);
      assert.equal(r.applied.length, 200);
      assert.equal(r.remaining, 0);
    });
    it('says how many findings it could not fix', () => {
      const text = y`
        infra: 1
        components:
          web-1: { kind: web-server, to: [nothing-like-this-at-all] }
      `;
      const r = fixAll(text, new Set(['unknown-reference'] as const));
      assert.equal(r.remaining, 1);
    });
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
