/**
 * What a lesson's checklist counts in a design: machines, firewalls,
 * monitoring clients, tiers and how they are wired. Read from the topology
 * only, so the checklist ticks as soon as the text says so.
 */
import type { Host, Topology } from '../model/topology';
import type { Component } from '../model/types';
import { certificateCovers } from '../model/values';
import type { Kind } from '../vocabulary';

/** How many machines a host stands for: an implicit server with `replicas: N` is N machines. */
export function machinesOf(h: Host): number {
  return h.implicit ? Math.max(1, h.components[0]?.replicas?.value ?? 1) : 1;
}

/** Machines whose properties pass `test`, counted per instance. */
export function countMachines(t: Topology, test: (h: Host) => boolean): number {
  let n = 0;
  for (const h of t.hosts.values()) if (test(h)) n += machinesOf(h);
  return n;
}

export function hasFirewall(h: Host): boolean {
  const f = h.props.firewall?.value;
  return f !== undefined && f !== false;
}

export function hasMonitoring(h: Host): boolean {
  const m = h.props.monitoring?.value;
  return m !== undefined && m !== false && m !== '';
}

export function ofKind(t: Topology, kind: Kind): Component[] {
  return [...t.components.values()].filter((c) => t.kindOf(c) === kind);
}

/** Instances of a component (its `replicas`, 1 by default). */
export function instances(c: Component): number {
  return Math.max(1, c.replicas?.value ?? 1);
}

/** The `www` service of the design, if its DNS reaches a component. */
export function wwwService(t: Topology) {
  return t.services.find((s) => s.dns.name.toLowerCase() === 'www' && s.entries.length > 0);
}

/** Whether some component sends to a component of kind `to` from one of kind `from`. */
export function wired(t: Topology, from: Kind, to: Kind): boolean {
  return ofKind(t, from).some((c) => t.reachable.has(c) && t.targets(c).some((x) => t.kindOf(x.component) === to));
}

/** Whether every component of `kind` runs on machines that run nothing of another kind (and there is one). */
export function onOwnServers(t: Topology, kind: Kind): boolean {
  const cs = ofKind(t, kind);
  return cs.length > 0 && cs.every((c) => t.hostOf(c).components.every((o) => t.kindOf(o) === kind));
}

/** Whether a component's certificate covers `host`. */
export function certifies(c: Component, host: string): boolean {
  return (c.certificate?.value ?? []).some((s) => certificateCovers(s, host));
}
