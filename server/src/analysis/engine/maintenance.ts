/**
 * What a deploy (or maintenance) of one tier costs: with one instance down,
 * what the rest serve against what the tier is offered at traffic.qps.
 * The same figures as capacity-during-maintenance, in words for the hover.
 */
import { activeGroupsOf, capacityOf, offeredLoad } from './load';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The tier `c` belongs to: its siblings of one kind behind a sender, or itself. */
export function tierOf(t: Topology, c: Component): readonly Component[] {
  for (const sender of t.senders(c)) {
    for (const members of activeGroupsOf(t, sender, false)) {
      if (members.length > 1 && members.includes(c) && t.kindOf(c) !== 'database') return members;
    }
  }
  return [c];
}

export function deployCost(t: Topology, c: Component, qps: number | undefined, readShare: number): string {
  const tier = tierOf(t, c);
  const instances = tier.reduce((n, m) => n + (m.replicas?.value ?? 1), 0);
  const label = tier.length > 1 ? tier.map((m) => m.name).join('/') : c.name;
  if (instances < 2) return `a deploy of ${label} is downtime for it: no other instance takes its requests meanwhile`;
  const cap = tier.reduce((s, m) => s + capacityOf(t, m), 0);
  // reduce, not Math.max(...xs): a tier can be longer than a call's arguments may be.
  const one = tier.reduce((best, m) => Math.max(best, capacityOf(t, m) / (m.replicas?.value ?? 1)), -Infinity);
  const head = `a rolling deploy of ${label} leaves ${instances - 1} of ${instances} instances`;
  if (qps === undefined || qps <= 0 || !Number.isFinite(cap)) return `${head}: ${Number.isFinite(cap) ? `${fmt(cap - one)} of its ${fmt(cap)} requests/s` : 'running'}`;
  const load = offeredLoad(t, qps, readShare);
  const offered = tier.reduce((s, m) => s + (load.get(m)?.reads ?? 0) + (load.get(m)?.writes ?? 0), 0);
  const verdict = offered > (cap - one) * (1 + 1e-9) ? 'overloaded' : 'enough';
  return `${head}: ${fmt(offered)} of its ${fmt(cap - one)} requests/s at ${fmt(qps)} qps (${verdict})`;
}
