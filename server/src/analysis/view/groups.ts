/**
 * The frames of the diagram: zones hold servers, declared servers hold their
 * components, and a cluster whose members each have a server of their own
 * (in the same zone) is framed too. Frames must nest (the layout is a tree),
 * so a cluster that spans zones or declared servers is left unframed; its
 * members still show their cluster in their edges and details.
 */
import type { Badges, DiagramGroup } from '../../../../common/webviewProtocol';
import type { Host, Topology } from '../model/topology';
import type { Component, ServerProps } from '../model/types';
import { countsOf, Tally } from './findings';
import type { ToRange } from './ranges';

export interface Frames {
  readonly groups: DiagramGroup[];
  /** The frame holding each component, if any. */
  readonly parentOf: Map<Component, string>;
}

export function badgesOf(props: ServerProps): Badges {
  const fw = props.firewall?.value;
  return { firewall: fw !== undefined && fw !== false, monitoring: props.monitoring?.value ?? false };
}

export function buildFrames(t: Topology, tallies: Map<string, Tally>, toRange: ToRange): Frames {
  const groups: DiagramGroup[] = [];
  const parentOf = new Map<Component, string>();
  const zones = new Set<string>();
  const zoneOf = (h: Host): string | undefined => h.props.zone?.value;
  for (const h of t.hosts.values()) { const z = zoneOf(h); if (z !== undefined) zones.add(z); }
  for (const z of zones) {
    groups.push({ id: `zone:${z}`, kind: 'zone', label: z, unit: `zone:${z}`, ...countsOf(tallies.get(`zone:${z}`)) });
  }
  for (const h of t.hosts.values()) {
    if (h.implicit || !h.server) continue;
    const z = zoneOf(h);
    const id = `server:${h.name}`;
    groups.push({
      id, kind: 'server', label: h.name, unit: id, badges: badgesOf(h.props),
      ...(z !== undefined ? { parent: `zone:${z}` } : {}),
      ...countsOf(tallies.get(id)),
      ...optionalRanges(toRange, h.server.nameSpan, h.server.span),
    });
    for (const c of h.components) parentOf.set(c, id);
  }
  for (const c of t.components.values()) {
    const z = zoneOf(t.hostOf(c));
    if (!parentOf.has(c) && z !== undefined) parentOf.set(c, `zone:${z}`);
  }
  frameClusters(t, groups, parentOf);
  return { groups, parentOf };
}

function frameClusters(t: Topology, groups: DiagramGroup[], parentOf: Map<Component, string>): void {
  const done = new Set<Component>();
  for (const c of t.components.values()) {
    const members = t.clusterOf(c);
    if (members.length < 2 || done.has(c)) continue;
    for (const m of members) done.add(m);
    const parents = new Set(members.map((m) => parentOf.get(m)));
    const onOwnServers = members.every((m) => t.hostOf(m).implicit);
    if (parents.size !== 1 || !onOwnServers) continue;
    const parent = [...parents][0];
    const id = `cluster:${members.map((m) => m.name).sort()[0]}`;
    const mode = members.find((m) => m.cluster?.mode)?.cluster?.mode?.value ?? 'active-active';
    groups.push({ id, kind: 'cluster', label: `cluster (${mode})`, mode, findings: { error: 0, warning: 0, information: 0, hint: 0 }, codes: [], ...(parent ? { parent } : {}) });
    for (const m of members) parentOf.set(m, id);
  }
}

export function optionalRanges(toRange: ToRange, name: { start: number; end: number }, whole: { start: number; end: number }) {
  return { nameRange: toRange(name)!, range: toRange(whole)! };
}
