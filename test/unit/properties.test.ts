// Property tests on generated designs (fast-check): redundancy removes
// single points of failure, and a fully redundant design has none.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analyze';
import { REQUEST_CLASSES } from '../../server/src/analysis/engine/failures';
import { findingsOf } from './helpers';

type Kind = 'load-balancer' | 'web-server' | 'app-server' | 'database';

interface GenComponent {
  name: string;
  kind: Kind;
  to: string[];
  replicas: number;
  ip?: string;
  role?: 'primary' | 'replica';
  replicates?: string;
  failover?: 'automatic';
}

interface GenDesign {
  dns: string[];
  components: GenComponent[];
}

/** Renders a generated design as Infra YAML. Every component has a firewall and monitoring. */
function render(d: GenDesign): string {
  const lines = ['infra: 1', 'domain: foobar.com', 'dns:', '  www:', `    A: [${d.dns.join(', ')}]`, 'components:'];
  for (const c of d.components) {
    lines.push(`  ${c.name}:`, `    kind: ${c.kind}`);
    if (c.ip) lines.push(`    ip: ${c.ip}`);
    if (c.replicas > 1) lines.push(`    replicas: ${c.replicas}`);
    if (c.role) lines.push(`    role: ${c.role}`);
    if (c.replicates) lines.push(`    replicates: ${c.replicates}`);
    if (c.failover) lines.push(`    failover: ${c.failover}`);
    lines.push('    firewall: true', '    monitoring: true');
    if (c.to.length) lines.push(`    to: [${c.to.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

/** A non-empty subset of `names`, from a bit mask. */
function pick(names: readonly string[], mask: number): string[] {
  const out = names.filter((_, i) => (mask >> i) & 1);
  return out.length ? out : [names[mask % names.length]!];
}

interface Options {
  /** replicas on every LB, web and app component; otherwise random 1 or 2. */
  readonly replicas?: number;
  /** At least this many database replicas. */
  readonly minDbReplicas?: number;
  /** Force failover: automatic on the primary. */
  readonly failover?: boolean;
}

/**
 * Valid designs: N web servers, M app servers, a primary database with
 * optional replicas, an optional load balancer, DNS www → the entry. Each
 * to: list is a non-empty random subset of the next tier.
 */
function designs(o: Options = {}): fc.Arbitrary<GenDesign> {
  return fc.record({
    webs: fc.integer({ min: 1, max: 3 }),
    apps: fc.integer({ min: 1, max: 3 }),
    dbReplicas: fc.integer({ min: o.minDbReplicas ?? 0, max: 2 }),
    lb: fc.boolean(),
    failover: o.failover === undefined ? fc.boolean() : fc.constant(o.failover),
    masks: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 8, maxLength: 8 }),
    replicas: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 7, maxLength: 7 }),
  }).map((g) => {
    const rep = (i: number): number => o.replicas ?? g.replicas[i]!;
    const webs = Array.from({ length: g.webs }, (_, i) => `web-${i + 1}`);
    const apps = Array.from({ length: g.apps }, (_, i) => `app-${i + 1}`);
    const dbs = ['db-1', ...Array.from({ length: g.dbReplicas }, (_, i) => `db-${i + 2}`)];
    const components: GenComponent[] = [];
    let ip = 1;
    if (g.lb) components.push({ name: 'lb-1', kind: 'load-balancer', ip: `203.0.113.${ip++}`, replicas: rep(0), to: pick(webs, g.masks[0]!) });
    webs.forEach((w, i) => components.push({ name: w, kind: 'web-server', ip: `203.0.113.${ip++}`, replicas: rep(1 + i), to: pick(apps, g.masks[1 + i]!) }));
    apps.forEach((a, i) => components.push({ name: a, kind: 'app-server', replicas: rep(4 + i), to: ['db-1', ...pick(dbs, g.masks[4 + i]!).filter((d) => d !== 'db-1')] }));
    components.push({ name: 'db-1', kind: 'database', role: 'primary', replicas: 1, to: [], ...(g.failover ? { failover: 'automatic' as const } : {}) });
    for (const d of dbs.slice(1)) components.push({ name: d, kind: 'database', role: 'replica', replicates: 'db-1', replicas: 1, to: [] });
    return { dns: g.lb ? ['lb-1'] : pick(webs, g.masks[7]!), components };
  });
}

/** Adds a second instance of `name`: same kind and to:, named wherever the original is. */
function withTwin(d: GenDesign, name: string): GenDesign {
  const original = d.components.find((c) => c.name === name)!;
  const twin = `${name}-twin`;
  const components = d.components.map((c) => ({ ...c, to: c.to.includes(name) ? [...c.to, twin] : c.to }));
  components.push({ ...original, name: twin, to: [...original.to], ...(original.ip ? { ip: '198.51.100.1' } : {}) });
  return { dns: d.dns.includes(name) ? [...d.dns, twin] : d.dns, components };
}

const spofs = (yaml: string): string[] => findingsOf(yaml, 'single-point-of-failure').map((f) => f.text);

describe('properties of generated designs', () => {
  it('generated designs are valid: no schema, reference or DNS findings', () => {
    fc.assert(fc.property(designs(), (d) => {
      const bad = findingsOf(render(d)).filter((f) => ['yaml-syntax', 'unknown-key', 'invalid-value', 'missing-key', 'unknown-reference', 'duplicate-name', 'dns-invalid-record', 'write-to-replica'].includes(f.code));
      assert.deepEqual(bad.map((f) => `${f.code} ${f.text}`), []);
    }), { numRuns: 100 });
  });

  it('adding a second instance wired like a flagged web/app/lb component removes its SPOF', () => {
    let flagged = 0;
    fc.assert(fc.property(designs(), (d) => {
      const yaml = render(d);
      const tiers = new Set(d.components.filter((c) => c.kind !== 'database').map((c) => c.name));
      for (const name of spofs(yaml).filter((n) => tiers.has(n))) {
        flagged++;
        const after = spofs(render(withTwin(d, name)));
        assert.ok(!after.includes(name), `${name} is still a SPOF after adding ${name}-twin:\n${render(withTwin(d, name))}`);
      }
    }), { numRuns: 100 });
    assert.ok(flagged > 0, 'the generator produced designs with SPOFs');
  });

  it('a single instance of each tier is always a SPOF when it is the only one', () => {
    fc.assert(fc.property(designs({ replicas: 1 }), (d) => {
      const names = new Set(spofs(render(d)));
      for (const kind of ['web-server', 'app-server'] as const) {
        const reached = d.components.filter((c) => c.kind === kind);
        if (reached.length === 1) assert.ok(names.has(reached[0]!.name), `${reached[0]!.name} is the only ${kind}`);
      }
      if (d.dns.includes('lb-1')) assert.ok(names.has('lb-1'), 'the only load balancer');
    }), { numRuns: 100 });
  });

  it('replicas: 2 on every LB/web/app and a primary with a replica and automatic failover: no SPOF at all', () => {
    fc.assert(fc.property(designs({ replicas: 2, minDbReplicas: 1, failover: true }), (d) => {
      const yaml = render(d);
      assert.deepEqual(spofs(yaml), [], yaml);
    }), { numRuns: 100 });
  });

  it('the failure engine\'s single points of failure (one post-order pass) are exactly the units whose failure alone stops a class (failing each one)', () => {
    fc.assert(fc.property(designs(), (d) => {
      const f = analyzeText(render(d)).failures();
      const fromPass = f.critical().map((c) => `${c.service.host} ${c.cls}: ${[...c.units].join(',')}`).sort();
      const healthy = f.evaluate(new Set());
      const byFailing: string[] = [];
      healthy.forEach((h, i) => {
        for (const cls of REQUEST_CLASSES) {
          if (!h[cls]) continue;
          const stops = f.units.filter((u) => !f.evaluate(new Set([u.id]))[i]![cls]).map((u) => u.id);
          byFailing.push(`${h.service.host} ${cls}: ${stops.join(',')}`);
        }
      });
      assert.deepEqual(fromPass, byFailing.sort());
    }), { numRuns: 200 });
  });

  it('analysis is deterministic: the same text gives the same findings', () => {
    fc.assert(fc.property(designs(), (d) => {
      const yaml = render(d);
      assert.deepEqual(findingsOf(yaml), findingsOf(yaml));
    }), { numRuns: 30 });
  });
});
