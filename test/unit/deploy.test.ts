// The deploy in the simulation against the static rules: a tier flagged by
// single-point-of-failure or capacity-during-maintenance shows downtime or
// overload in a rolling deploy, an unflagged one shows neither; on the four
// reference designs and on generated ones. Blue-green keeps every tier up.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeployMode, DeployTimeline } from '../../common/webviewProtocol';
import { analyzeText, Analysis } from '../../server/src/analysis/analyze';
import { simulate } from '../../server/src/analysis/simulate/simulate';
import { seededRandom } from '../../server/src/analysis/simulate/random';

const SHARED = path.resolve(__dirname, '../../..', '../shared/examples');
const FLAGS = new Set(['single-point-of-failure', 'capacity-during-maintenance']);

function deploy(a: Analysis, mode: DeployMode): DeployTimeline {
  const r = simulate(a, { seed: 7, qps: a.design.traffic?.qps?.value ?? 100, readShare: a.design.traffic?.reads?.value ?? 0.9, failed: [], ticks: 50, tickMs: 100, deploy: mode });
  assert.ok(r.deploy, 'a deploy timeline');
  return r.deploy;
}

/** Each deployed tier: flagged by the rules (a finding inside one of its members), and what the rolling deploy showed. */
function agreement(a: Analysis): { tier: string; flagged: boolean; shown: boolean; marks: string }[] {
  const timeline = deploy(a, 'rolling');
  const flaggedNames = new Set<string>();
  for (const f of a.findings()) {
    if (!FLAGS.has(f.code)) continue;
    for (const c of a.topology.components.values()) if (f.span.start >= c.span.start && f.span.start < c.span.end) flaggedNames.add(c.name);
  }
  return timeline.tiers.map((t) => ({
    tier: t.name,
    flagged: t.members.some((m) => flaggedNames.has(m)),
    shown: t.mark === 'downtime' || t.mark === 'overload',
    marks: timeline.steps.filter((s) => s.tier === t.name).map((s) => `${s.label}: ${s.mark} ${s.why}`).join('; '),
  }));
}

function assertAgree(a: Analysis, what: string): void {
  const rows = agreement(a);
  assert.ok(rows.length > 0, `${what}: tiers deployed`);
  for (const r of rows) assert.equal(r.shown, r.flagged, `${what}: tier ${r.tier} is ${r.flagged ? '' : 'not '}flagged, but the rolling deploy shows ${r.marks}\n${a.parsed.text}`);
}

describe('deploy', () => {
  describe('the reference designs', () => {
    for (const file of fs.readdirSync(SHARED).filter((f) => f.endsWith('.infra.yaml')).sort()) {
      const a = analyzeText(fs.readFileSync(path.join(SHARED, file), 'utf8'));
      it(`${file}: the rolling deploy shows downtime or overload exactly on the flagged tiers`, () => assertAgree(a, file));
      it(`${file}: blue-green keeps every tier up`, () => {
        const t = deploy(a, 'blue-green');
        assert.deepEqual(t.steps.filter((s) => s.mark === 'downtime' || s.mark === 'overload').map((s) => s.label), []);
      });
    }

    it('a rolling deploy takes each instance out once, between two steps with everything running', () => {
      const t = deploy(analyzeText(fs.readFileSync(path.join(SHARED, '3-scaled-up.infra.yaml'), 'utf8')), 'rolling');
      assert.deepEqual(t.steps.map((s) => s.label), ['every instance running', 'lb-1 out', 'lb-2 out', 'web-1 out', 'web-2 out', 'app-1 out', 'app-2 out', 'db-1 out', 'db-2 out', 'every instance back']);
      assert.ok(t.steps.every((s) => s.success === 1 && s.p95 > 0), 'every request served, with a latency');
    });

    it('the simple stack: each step is downtime, with the success rate at 0', () => {
      const t = deploy(analyzeText(fs.readFileSync(path.join(SHARED, '0-simple-web-stack.infra.yaml'), 'utf8')), 'rolling');
      const middle = t.steps.slice(1, -1);
      assert.deepEqual(middle.map((s) => [s.label, s.mark, s.success]), [['nginx out', 'downtime', 0], ['app out', 'downtime', 0], ['mysql out', 'downtime', 0]]);
      assert.match(middle[0]!.why, /www\.foobar\.com/);
    });
  });

  it('two web servers of 2,000 at 3,000 qps: fine while both run, overloaded while either is out (and blue-green is not)', () => {
    const a = analyzeText(generated({ lbs: 1, web: { members: 2, replicas: 1, capacity: 2000 }, app: { members: 2, replicas: 1, capacity: 5000 }, qps: 3000, replica: 'automatic' }));
    assert.ok(a.findings().some((f) => f.code === 'capacity-during-maintenance'));
    const t = deploy(a, 'rolling');
    const web = t.steps.filter((s) => s.tier === 'web-1/web-2');
    assert.deepEqual(web.map((s) => s.mark), ['overload', 'overload']);
    assert.match(web[0]!.why, /web-2 is sent 3,\d{3} requests\/s and serves 2,000/);
    const blueGreen = deploy(a, 'blue-green').tiers;
    assert.ok(blueGreen.length >= 4 && blueGreen.every((x) => x.mark === 'ok'), JSON.stringify(blueGreen));
  });

  describe('generated designs', () => {
    const random = seededRandom(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    let made = 0;
    for (let attempt = 0; made < 40 && attempt < 1000; attempt++) {
      const shape: Shape = {
        lbs: pick([1, 2]),
        web: { members: pick([1, 2, 3]), replicas: pick([1, 1, 2, 3]), capacity: pick([400, 800, 1500, 2000]) },
        app: { members: pick([1, 2, 3]), replicas: pick([1, 1, 2]), capacity: pick([300, 500, 1000]) },
        qps: pick([1000, 1500, 2000, 2500, 3000, 4000]),
        replica: pick(['none', 'manual', 'automatic'] as const),
      };
      if (!clearOfTheEdge(shape)) continue;
      const text = generated(shape);
      made++;
      it(`#${made}: ${shapeText(shape)}`, () => assertAgree(analyzeText(text), `design #${made}`));
    }
    it('made enough designs', () => assert.ok(made >= 30, `only ${made}`));
  });
});

interface TierShape { readonly members: number; readonly replicas: number; readonly capacity: number }
interface Shape { readonly lbs: number; readonly web: TierShape; readonly app: TierShape; readonly qps: number; readonly replica: 'none' | 'manual' | 'automatic' }

/**
 * Designs whose tiers are within capacity while everything runs and clearly above or below it
 * with one instance out: near the edge the simulation's random arrivals, not the design, decide.
 */
function clearOfTheEdge(s: Shape): boolean {
  const near = (ratio: number): boolean => ratio > 0.85 && ratio < 1.2;
  return [s.web, s.app].every((t) => {
    const n = t.members * t.replicas;
    if (s.qps > 0.85 * n * t.capacity) return false;
    const whole = n > 1 && near(s.qps / ((n - 1) * t.capacity));
    const own = t.replicas > 1 && near(s.qps / t.members / ((t.replicas - 1) * t.capacity));
    return !whole && !own;
  });
}

function shapeText(s: Shape): string {
  return `${s.lbs} lb, ${s.web.members}×${s.web.replicas} web of ${s.web.capacity}, ${s.app.members}×${s.app.replicas} app of ${s.app.capacity}, ${s.qps} qps, replica ${s.replica}`;
}

function generated(s: Shape): string {
  const names = (p: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${p}-${i + 1}`);
  const webs = names('web', s.web.members), apps = names('app', s.app.members);
  const dbs = s.replica === 'none' ? ['db-1'] : ['db-1', 'db-2'];
  const lines = ['infra: 1', 'domain: foobar.com', 'traffic:', `  qps: ${s.qps}`, '  reads: 0.9', 'dns:', '  www:', '    A: lb-1', 'components:'];
  for (const lb of names('lb', s.lbs)) {
    lines.push(`  ${lb}:`, '    kind: load-balancer', `    ip: 203.0.113.${lb.slice(3)}`, '    algorithm: round-robin', `    to: [${webs.join(', ')}]`);
    if (s.lbs === 2) lines.push(`    cluster: { peers: [${lb === 'lb-1' ? 'lb-2' : 'lb-1'}], mode: active-active }`);
  }
  const tier = (ns: string[], kind: string, t: TierShape, to: string[]): void => {
    for (const n of ns) lines.push(`  ${n}:`, `    kind: ${kind}`, `    capacity: ${t.capacity}`, ...(t.replicas > 1 ? [`    replicas: ${t.replicas}`] : []), `    to: [${to.join(', ')}]`);
  };
  tier(webs, 'web-server', s.web, apps);
  tier(apps, 'app-server', s.app, dbs);
  lines.push('  db-1:', '    kind: database', '    role: primary', '    capacity: 100000', ...(s.replica === 'automatic' ? ['    failover: automatic'] : []));
  if (s.replica !== 'none') lines.push('  db-2:', '    kind: database', '    role: replica', '    replicates: db-1', '    capacity: 100000');
  return lines.join('\n') + '\n';
}
