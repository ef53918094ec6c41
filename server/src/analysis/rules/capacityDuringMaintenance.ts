/**
 * capacity-during-maintenance: at traffic.qps a tier carries its load while
 * every instance runs, but not while one is down for maintenance or a
 * rolling deploy. Same load model as capacity-exceeded (offeredLoad,
 * capacityOf); a tier is a component's `replicas`, or the components of one
 * kind a sender spreads its requests over. A tier that is already over
 * capacity is left to capacity-exceeded, one with a single instance to
 * single-point-of-failure.
 */
import { activeGroupsOf, capacityOf, Load, offeredLoad } from '../engine/load';
import type { Finding } from '../findings';
import { componentIds, type Topology } from '../model/topology';
import type { Component } from '../model/types';
import { listNames } from './text';
import { FAILURE_INPUTS, LOAD_INPUTS, type Rule } from './types';

const EPS = 1 + 1e-9;

export const capacityDuringMaintenance: Rule = {
  code: 'capacity-during-maintenance',
  severity: 'warning',
  title: 'A tier that is overloaded while one of its instances is down for maintenance or a deploy.',
  family: 'capacity',
  reads: [...LOAD_INPUTS, ...FAILURE_INPUTS],
  check(ctx) {
    const qps = ctx.design.traffic?.qps?.value;
    if (qps === undefined || qps <= 0) return [];
    const t = ctx.topology;
    const load = offeredLoad(t, qps, ctx.readShare);
    return [...replicated(t, load, qps), ...tiers(t, load, qps)];
  },
};

const offered = (l: Load | undefined): number => (l ? l.reads + l.writes : 0);

/** What one instance of a tier serves: the largest single instance is the worst one to lose. */
export const perInstance = (t: Topology, c: Component): number => capacityOf(t, c) / (c.replicas?.value ?? 1);

function replicated(t: Topology, load: ReadonlyMap<Component, Load>, qps: number): Finding[] {
  const out: Finding[] = [];
  for (const [c, l] of load) {
    const n = c.replicas?.value ?? 1;
    const cap = capacityOf(t, c);
    const want = offered(l);
    if (n < 2 || want > cap * EPS || want <= (cap - perInstance(t, c)) * EPS) continue;
    const needed = Math.ceil(want / perInstance(t, c) - 1e-9) + 1;
    out.push({
      code: 'capacity-during-maintenance', span: c.replicas?.span ?? c.nameSpan,
      message: `At ${qps} qps, ${c.name} is offered ${round(want)} requests per second: its ${n} instances serve ${round(cap)}, but while one is down for maintenance or a rolling deploy the other ${n - 1} serve ${round(cap - perInstance(t, c))}, so every deploy overloads it. Run ${needed} instances (replicas: ${needed}).`,
      data: { repair: 'set', subject: c.name, key: 'replicas', value: String(needed) },
    });
  }
  return out;
}

function tiers(t: Topology, load: ReadonlyMap<Component, Load>, qps: number): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const { index } = componentIds(t);
  for (const sender of t.components.values()) {
    // A group lists each member once; it is told by its members' ids, which no name can make collide.
    for (const members of activeGroupsOf(t, sender, false)) {
      if (members.length < 2) continue;
      const key = members.map((m) => index.get(m)!).sort((a, b) => a - b).join(',');
      if (seen.has(key) || t.kindOf(members[0]!) === 'database') continue;
      seen.add(key);
      const want = members.reduce((s, m) => s + offered(load.get(m)), 0);
      const cap = members.reduce((s, m) => s + capacityOf(t, m), 0);
      const biggest = members.reduce((a, b) => (perInstance(t, b) > perInstance(t, a) ? b : a));
      const left = cap - perInstance(t, biggest);
      if (want > cap * EPS || want <= left * EPS) continue;
      out.push({
        code: 'capacity-during-maintenance', span: biggest.nameSpan,
        message: `At ${qps} qps, ${listNames(members.map((m) => m.name), 8)} are offered ${round(want)} requests per second together: they serve ${round(cap)}, but while ${biggest.name} is down for maintenance or a rolling deploy the others serve ${round(left)}, so every deploy overloads them. Add an instance.`,
        data: { repair: 'target', subject: biggest.name, kind: 'component', classes: [] },
      });
    }
  }
  return out;
}

export function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
