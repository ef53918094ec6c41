/**
 * Offered load: how many requests per second each component would receive at
 * `traffic.qps` if everything upstream had room, following the spec's split
 * (services → entry points → alternatives; reads over every database a
 * component may read from, writes to the primary; passive members idle).
 */
import { componentIds, derived, type Topology } from '../model/topology';
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

const ACTIVE = {};

/**
 * `targetGroups` over the members that take load (`activeMembers`), computed once per topology and
 * component with the cache groups, which `caches: false` leaves out (for a sender that is not a load
 * balancer, a group of caches is the one whose members are caches: a cluster is of one kind).
 * Callers must not mutate it.
 */
export function activeGroupsOf(t: Topology, c: Component, caches: boolean): readonly (readonly Component[])[] {
  const g = derived(t, ACTIVE, c, () => targetGroups(t, c, { caches: true, expand: (x) => activeMembers(t, x) }));
  if (caches || t.kindOf(c) === 'load-balancer') return g;
  const isCache = (x: readonly Component[]): boolean => t.kindOf(x[0]!) === 'cache';
  return g.some(isCache) ? g.filter((x) => !isCache(x)) : g;
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
  for (const g of activeGroupsOf(t, c, true)) {
    if (!isLb && t.kindOf(g[0]!) === 'database') {
      for (const d of g) add(d, l.reads / g.length, 0);
      const writers = g.filter((d) => t.isPrimary(d));
      const targets = writers.length ? writers : [...new Set(g.map((d) => t.primaryOf(d)).filter((p): p is Component => !!p && t.autoFailover(p)))];
      for (const w of targets) add(w, 0, l.writes / targets.length);
      continue;
    }
    if (!(isLb && c.algorithm?.value === 'weighted-round-robin')) {
      // Equal weights: each member's share is the same division (x * 1 / n is x / n), with no list of weights.
      for (const m of g) add(m, l.reads / g.length, l.writes / g.length);
      continue;
    }
    const weights = g.map((m) => c.weights.find((w) => w.ref.name === m.name)?.weight.value ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    g.forEach((m, i) => add(m, (l.reads * weights[i]!) / total, (l.writes * weights[i]!) / total));
  }
}

/**
 * Kahn's order over `to:` edges; members of cycles come last, once each. On component indices: the
 * edges (to the members that take load) listed once, in compressed rows, and counts in typed arrays.
 */
function topologicalOrder(t: Topology): Component[] {
  const { list: comps, index } = componentIds(t);
  const n = comps.length;
  const start = new Int32Array(n + 1);
  const next: number[] = [];
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = next.length;
    for (const x of t.targets(comps[i]!)) {
      for (const m of activeMembers(t, x.component)) {
        const j = index.get(m)!;
        next.push(j);
        indegree[j]!++;
      }
    }
  }
  start[n] = next.length;
  const order: number[] = [];
  const placed = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (indegree[i] === 0) { order.push(i); placed[i] = 1; }
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    for (let e = start[v]!; e < start[v + 1]!; e++) {
      const j = next[e]!;
      if (--indegree[j]! === 0 && !placed[j]) { placed[j] = 1; order.push(j); }
    }
  }
  for (let i = 0; i < n; i++) if (!placed[i]) order.push(i);
  return order.map((i) => comps[i]!);
}
