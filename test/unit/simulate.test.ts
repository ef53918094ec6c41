// The request-flow simulation: load-balancing algorithms, failover, and
// agreement with the static analysis (single-point-of-failure) on the
// reference designs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimulationParams, SimulationResult } from '../../common/webviewProtocol';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';
import { simulate } from '../../server/src/analysis/simulate/simulate';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.resolve(ROOT, 'test/fixtures/designs');
const BASE: SimulationParams = { seed: 7, qps: 200, readShare: 0.9, failed: [], ticks: 50, tickMs: 100 };

/** Requests each component received over the whole run (cumulative served + dropped at the last tick). */
function received(r: SimulationResult, name: string): number {
  const last = r.ticks[r.ticks.length - 1]!.nodes[`c:${name}`]!;
  return last.served + last.dropped;
}

function lbDesign(algorithm: string, extra = ''): string {
  return `infra: 1
domain: foobar.com
dns:
  www:
    A: lb
components:
  lb:
    kind: load-balancer
    algorithm: ${algorithm}
${extra}    to: [web-1, web-2]
  web-1: { kind: web-server }
  web-2: { kind: web-server }
`;
}

/** Runs exactly `n` requests: qps × duration = n, with arrivals spread over the run. */
function runRequests(text: string, n: number, extra: Partial<SimulationParams> = {}): SimulationResult {
  return simulate(analyzeText(text), { ...BASE, qps: n, ticks: 10, tickMs: 100, ...extra });
}

describe('simulation: DNS aliases', () => {
  it('a CNAME to an active-passive pair carries its requests to the active member (issue 11)', () => {
    const text = `infra: 1
domain: foobar.com
dns:
  www: { A: lb-a }
  shop: { CNAME: www.foobar.com. }
components:
  lb-a: { kind: load-balancer, cluster: { peers: [lb-b], mode: active-passive }, to: [app] }
  lb-b: { kind: load-balancer, cluster: { peers: [lb-a], mode: active-passive }, to: [app] }
  app: { kind: app-server }
`;
    const r = runRequests(text, 1000, { requests: 1000 });
    assert.equal(received(r, 'lb-a'), 1000);
    assert.equal(received(r, 'lb-b'), 0);
    assert.equal(received(r, 'app'), 1000);
  });
});

describe('simulation: load balancers', () => {
  it('round-robin splits 1,000 requests over two backends 500/500', () => {
    const r = runRequests(lbDesign('round-robin'), 1000, { requests: 1000 });
    assert.equal(received(r, 'lb'), 1000);
    assert.equal(received(r, 'web-1'), 500);
    assert.equal(received(r, 'web-2'), 500);
  });

  it('round-robin alternates under Poisson arrivals too', () => {
    const r = runRequests(lbDesign('round-robin'), 1000);
    assert.ok(Math.abs(received(r, 'web-1') - received(r, 'web-2')) <= 1);
  });

  it('weighted round-robin honours the weights', () => {
    const r = runRequests(lbDesign('weighted-round-robin', '    weights: { web-1: 3, web-2: 1 }\n'), 1000, { requests: 1000 });
    assert.equal(received(r, 'web-1'), 750);
    assert.equal(received(r, 'web-2'), 250);
  });

  it('ip-hash keeps each client on one backend', () => {
    const r = runRequests(lbDesign('ip-hash'), 1000, { sampleRate: 1000 });
    const backends = new Map<string, Set<string>>();
    for (const q of r.ticks.flatMap((t) => t.requests)) {
      const web = q.path.find((p) => p.startsWith('c:web-'))!;
      backends.set(q.client, (backends.get(q.client) ?? new Set()).add(web));
    }
    assert.ok(backends.size > 20, `${backends.size} clients`);
    for (const [client, set] of backends) assert.equal(set.size, 1, `${client} moved between ${[...set].join(', ')}`);
    assert.ok(received(r, 'web-1') > 0 && received(r, 'web-2') > 0, 'both backends serve someone');
  });

  it('ip-hash sends the clients of a failed backend elsewhere', () => {
    const r = runRequests(lbDesign('ip-hash'), 1000, { sampleRate: 1000, failed: ['component:web-2'] });
    assert.equal(r.summary.read.successRate, 1);
    assert.equal(received(r, 'web-2'), 0);
  });

  it('least-connections and random spread the load over both backends', () => {
    for (const algorithm of ['least-connections', 'least-response-time', 'random']) {
      const r = runRequests(lbDesign(algorithm), 1000);
      const a = received(r, 'web-1');
      const b = received(r, 'web-2');
      assert.ok(a > 300 && b > 300, `${algorithm}: ${a}/${b}`);
    }
  });

  it('is deterministic for a seed', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, '3-scaled-up.infra.yaml'), 'utf8');
    assert.deepEqual(simulate(analyzeText(text), BASE), simulate(analyzeText(text), BASE));
  });
});

describe('simulation: failures', () => {
  const scaled = fs.readFileSync(path.join(EXAMPLES, '3-scaled-up.infra.yaml'), 'utf8');

  it('failing the primary with automatic failover keeps writes succeeding', () => {
    const r = simulate(analyzeText(scaled), { ...BASE, failed: ['component:db-1'] });
    assert.equal(r.summary.write.successRate, 1);
    assert.equal(r.summary.read.successRate, 1);
    assert.ok(r.summary.promoted.some((p) => p.includes('db-2')), r.summary.promoted.join('; '));
  });

  it('a failed request carries its reason', () => {
    const simple = fs.readFileSync(path.join(EXAMPLES, '0-simple-web-stack.infra.yaml'), 'utf8');
    const r = simulate(analyzeText(simple), { ...BASE, failed: ['component:mysql'] });
    const failedReq = r.ticks.flatMap((t) => t.requests).find((q) => !q.ok);
    assert.ok(failedReq?.reason?.includes('mysql'), failedReq?.reason);
  });

  for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml'))) {
    it(`${file}: each single point of failure drops its class to 0%, any other failure leaves both above 0%`, () => {
      const a = analyzeText(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
      const spofs = new Map<string, string[]>();
      for (const f of reportedFindings(a)) {
        if (f.code === 'single-point-of-failure' && f.data?.repair === 'target') spofs.set(`${f.data.kind}:${f.data.subject}`, [...f.data.classes]);
      }
      const baseline = simulate(a, BASE).summary;
      for (const u of a.failures().units) {
        const id = `${u.kind}:${u.name}`;
        const s = simulate(a, { ...BASE, failed: [id] }).summary;
        const classes = spofs.get(id);
        if (classes) {
          for (const cls of classes) assert.equal(s[cls as 'read' | 'write'].successRate, 0, `${id} is a SPOF for ${cls}s`);
        } else {
          for (const cls of ['read', 'write'] as const) {
            if (baseline[cls].successRate > 0) assert.ok(s[cls].successRate > 0, `${id} is no SPOF, yet ${cls}s fail`);
          }
        }
        // The static engine's verdict travels with the result and agrees.
        for (const e of s.expected) {
          if (classes?.includes('read')) assert.equal(e.read, false);
          if (classes?.includes('write')) assert.equal(e.write, false);
        }
      }
    });
  }
});

describe('simulation: capacity', () => {
  it('queues and drops when load exceeds capacity, and reports latency percentiles', () => {
    const text = lbDesign('round-robin').replace('web-1: { kind: web-server }', 'web-1: { kind: web-server, capacity: 50, latency: 10ms }').replace('web-2: { kind: web-server }', 'web-2: { kind: web-server, capacity: 50, latency: 10ms }');
    const light = simulate(analyzeText(text), { ...BASE, qps: 20 }).summary;
    const heavy = simulate(analyzeText(text), { ...BASE, qps: 400 }).summary;
    assert.equal(light.read.successRate, 1);
    assert.ok(heavy.read.successRate < 0.5, `overloaded success ${heavy.read.successRate}`);
    assert.ok(heavy.p95 > light.p95, `p95 ${heavy.p95} vs ${light.p95}`);
    assert.ok(heavy.reasons[0]?.reason.includes('overloaded'));
  });
});
