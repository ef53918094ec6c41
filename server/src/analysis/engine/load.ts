/**
 * Offered load: how many requests per second each component would receive at
 * `traffic.qps` if everything upstream had room, following the spec's split
 * (services → entry points → alternatives; reads over every database a
 * component may read from, writes to the primary; passive members idle).
 */
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { DEFAULT_CAPACITY } from '../vocabulary';
import { targetGroups } from './failures';

export interface Load {
  reads: number;
  writes: number;
}

/** The members that take load when a request is sent to `c` (passive members take none). */
export function activeMembers(t: Topology, c: Component): readonly Component[] {
  return t.isActivePassive(c) ? [c] : t.clusterOf(c);
}

/** Per-instance capacity times instances. */
export function capacityOf(t: Topology, c: Component): number {
  const kind = t.kindOf(c);
  const one = c.capacity?.value ?? (kind ? DEFAULT_CAPACITY[kind] : Infinity);
  return one * (c.replicas?.value ?? 1);
}

/**
 * The last result per topology: capacity-exceeded, capacity-during-maintenance, the deploy hover
 * and the inlay hints all ask for the same load of one analysis. Callers must not mutate it.
 */
const memo = new WeakMap<Topology, { qps: number; readShare: number; load: ReadonlyMap<Component, Load> }>();

/** Forgets a topology's load: an edit changed what it is computed from but kept the topology (analyze.ts). */
export function forgetOfferedLoad(t: Topology): void {
  memo.delete(t);
}

export function offeredLoad(t: Topology, qps: number, readShare: number): ReadonlyMap<Component, Load> {
  const hit = memo.get(t);
  if (hit && hit.qps === qps && hit.readShare === readShare) return hit.load;
  const load = computeLoad(t, qps, readShare);
  memo.set(t, { qps, readShare, load });
  return load;
}

function computeLoad(t: Topology, qps: number, readShare: number): Map<Component, Load> {
  const load = new Map<Component, Load>();
  const add = (c: Component, reads: number, writes: number): void => {
    const l = load.get(c);
    if (l) { l.reads += reads; l.writes += writes; } else load.set(c, { reads, writes });
  };
  const services = t.services;
  for (const s of services) {
    const entries = [...new Set(s.entries.filter((e) => e.direct || !t.isActivePassive(e.component)).map((e) => e.component))];
    const share = qps / services.length / Math.max(1, entries.length);
    for (const e of entries) add(e, share * readShare, share * (1 - readShare));
  }
  for (const c of topologicalOrder(t)) {
    const l = load.get(c);
    if (!l || l.reads + l.writes === 0) continue;
    forward(t, c, l, add);
  }
  return load;
}

function forward(t: Topology, c: Component, l: Load, add: (c: Component, r: number, w: number) => void): void {
  const isLb = t.kindOf(c) === 'load-balancer';
  for (const g of targetGroups(t, c, { caches: true, expand: (x) => activeMembers(t, x) })) {
    if (!isLb && t.kindOf(g[0]!) === 'database') {
      for (const d of g) add(d, l.reads / g.length, 0);
      const writers = g.filter((d) => t.isPrimary(d));
      const targets = writers.length ? writers : [...new Set(g.map((d) => t.primaryOf(d)).filter((p): p is Component => !!p && t.autoFailover(p)))];
      for (const w of targets) add(w, 0, l.writes / targets.length);
      continue;
    }
    const weights = isLb && c.algorithm?.value === 'weighted-round-robin' ? g.map((m) => c.weights.find((w) => w.ref.name === m.name)?.weight.value ?? 1) : g.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    g.forEach((m, i) => add(m, (l.reads * weights[i]!) / total, (l.writes * weights[i]!) / total));
  }
}

/** Kahn's order over `to:` edges; members of cycles come last, once each. */
function topologicalOrder(t: Topology): Component[] {
  const comps = [...t.components.values()];
  const indegree = new Map<Component, number>();
  for (const c of comps) indegree.set(c, 0);
  const next = (c: Component): Component[] => t.targets(c).flatMap((x) => activeMembers(t, x.component));
  for (const c of comps) for (const n of next(c)) indegree.set(n, indegree.get(n)! + 1);
  const order: Component[] = comps.filter((c) => indegree.get(c) === 0);
  const placed = new Set(order);
  for (let i = 0; i < order.length; i++) {
    for (const n of next(order[i]!)) {
      const d = indegree.get(n)! - 1;
      indegree.set(n, d);
      if (d === 0 && !placed.has(n)) { placed.add(n); order.push(n); }
    }
  }
  for (const c of comps) if (!placed.has(c)) order.push(c);
  return order;
}
