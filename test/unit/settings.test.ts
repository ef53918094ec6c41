// Rule settings (severity overrides, off) and in-file suppression comments.
import * as assert from 'node:assert/strict';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';
import { RULE_CODES } from '../../server/src/analysis/findings';
import { RULES } from '../../server/src/analysis/rules';
import { findingsOf, y } from './helpers';

const SIMPLE = y`
  infra: 1
  domain: foobar.com
  dns:
    www: { A: 8.8.8.8 }
  servers:
    server-1: { ip: 8.8.8.8 }
  components:
    nginx: { kind: web-server, on: server-1, to: app }
    app: { kind: app-server, on: server-1, to: mysql }
    mysql: { kind: database, software: mysql, on: server-1 }
`;

describe('settings and suppression', () => {
  it('every rule code has exactly one registered rule, with the default severity of the spec', () => {
    const expected: Record<string, string> = {
      'yaml-syntax': 'error', 'unknown-key': 'error', 'invalid-value': 'error', 'missing-key': 'error',
      'unknown-reference': 'error', 'duplicate-name': 'error', 'single-point-of-failure': 'warning',
      'tls-terminated-at-load-balancer': 'warning', 'no-https': 'warning', 'tls-passthrough-to-plain-backend': 'error',
      'certificate-mismatch': 'warning', 'missing-firewall': 'warning', 'database-exposed': 'error',
      'missing-monitoring': 'warning', 'shared-server': 'information', 'write-to-replica': 'error',
      'replica-without-primary': 'error', 'cluster-single-node': 'warning', 'capacity-exceeded': 'warning', 'capacity-during-maintenance': 'warning',
      'dns-invalid-record': 'error', 'dns-cname-conflict': 'error', 'dns-round-robin': 'information', 'dns-dangling': 'warning',
      // Our extensions of the spec's 23 rules (docs/rules/tls-terminated-at-cdn.md, capacity-during-maintenance.md).
      'tls-terminated-at-cdn': 'warning',
    };
    assert.equal(RULE_CODES.length, 25);
    assert.deepEqual([...RULES.map((r) => r.code)].sort(), [...RULE_CODES].sort());
    for (const r of RULES) assert.equal(r.severity, expected[r.code], r.code);
  });

  it('reports findings with their default severities when there are no settings', () => {
    const fs = findingsOf(SIMPLE);
    assert.ok(fs.some((f) => f.code === 'missing-monitoring' && f.severity === 'warning'));
    assert.ok(fs.some((f) => f.code === 'shared-server' && f.severity === 'information'));
    assert.ok(fs.some((f) => f.code === 'database-exposed' && f.severity === 'error'));
  });

  it("'off' drops a rule's findings and keeps the others", () => {
    const a = analyzeText(SIMPLE);
    const all = reportedFindings(a);
    const without = reportedFindings(a, { 'missing-monitoring': 'off' });
    assert.ok(all.some((f) => f.code === 'missing-monitoring'));
    assert.ok(!without.some((f) => f.code === 'missing-monitoring'));
    assert.equal(without.length, all.filter((f) => f.code !== 'missing-monitoring').length);
  });

  it('a severity override changes that rule only', () => {
    const fs = reportedFindings(analyzeText(SIMPLE), { 'single-point-of-failure': 'error', 'shared-server': 'hint' });
    const spof = fs.filter((f) => f.code === 'single-point-of-failure');
    assert.ok(spof.length > 0);
    assert.ok(spof.every((f) => f.severity === 'error'));
    assert.ok(fs.filter((f) => f.code === 'shared-server').every((f) => f.severity === 'hint'));
    assert.ok(fs.filter((f) => f.code === 'missing-monitoring').every((f) => f.severity === 'warning'));
  });

  it('findings() itself is unaffected by settings (they apply only when reporting)', () => {
    const a = analyzeText(SIMPLE);
    const before = a.findings().length;
    reportedFindings(a, { 'missing-monitoring': 'off' });
    assert.equal(a.findings().length, before);
  });

  describe('# infra-yaml-disable-next-line', () => {
    const base = y`
      infra: 1
      servers:
        box-1: { ip: 10.0.0.1 }
      components:
        web-1: { kind: web-server, on: box-1 }
        app-1: { kind: app-server, on: box-1 }
    `;
    it('without the comment, the server has missing-monitoring and shared-server findings', () => {
      const codes = findingsOf(base).filter((f) => f.text === 'box-1').map((f) => f.code).sort();
      assert.deepEqual(codes, ['missing-monitoring', 'shared-server']);
    });
    it('silences exactly the named code on the next line, and not the others', () => {
      const text = base.replace('  box-1:', '  # infra-yaml-disable-next-line missing-monitoring\n  box-1:');
      const codes = findingsOf(text).filter((f) => f.text === 'box-1').map((f) => f.code);
      assert.deepEqual(codes, ['shared-server']);
    });
    it('silences several codes listed in one comment', () => {
      const text = base.replace('  box-1:', '  # infra-yaml-disable-next-line missing-monitoring shared-server\n  box-1:');
      assert.deepEqual(findingsOf(text).filter((f) => f.text === 'box-1'), []);
    });
    it('does not reach past the next line', () => {
      const text = base.replace('  box-1:', '  # infra-yaml-disable-next-line missing-monitoring\n\n  box-1:');
      assert.ok(findingsOf(text).some((f) => f.text === 'box-1' && f.code === 'missing-monitoring'));
    });
    it('does not silence the same code on other lines', () => {
      const text = y`
        infra: 1
        components:
          # infra-yaml-disable-next-line missing-monitoring
          web-1: { kind: web-server }
          web-2: { kind: web-server }
      `;
      assert.deepEqual(findingsOf(text, 'missing-monitoring').map((f) => f.text), ['web-2']);
    });
  });
});
