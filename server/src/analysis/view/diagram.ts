/**
 * The diagram model of a design: what the preview draws. Nodes are the
 * users, one DNS name per service and the components; edges are DNS
 * lookups and answers, `to:` hops (expanded to clusters, as the failure
 * engine does) and replication; frames are zones, servers and clusters.
 * Pure data, computed from the analysis the language service caches.
 */
import type { DiagramEdge, DiagramModel, DiagramNode, EdgeSecurity, NodeKind } from '../../../../common/webviewProtocol';
import { Analysis, reportedFindings, RuleSettings } from '../analyze';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { countsOf, Tally, tallyFindings } from './findings';
import { badgesOf, buildFrames, optionalRanges } from './groups';
import { rangeMaker, ToRange } from './ranges';
import { buildTiers, OVERVIEW_ABOVE } from './tiers';

export const USERS_ID = 'users';
export const componentId = (name: string): string => `c:${name}`;
export const dnsId = (host: string): string => `dns:${host}`;

export function buildDiagram(a: Analysis, settings: RuleSettings = {}): DiagramModel {
  const t = a.topology;
  const toRange = rangeMaker(a.parsed.lineCounter);
  const tallies = tallyFindings(t, reportedFindings(a, settings));
  const frames = buildFrames(t, tallies, toRange);
  const nodes: DiagramNode[] = [{ id: USERS_ID, kind: 'users', label: 'Users', instances: 1, findings: countsOf(undefined).findings, codes: [] }];
  for (const s of t.services) {
    const id = dnsId(s.host);
    nodes.push({ id, kind: 'dns', label: s.host, instances: 1, ...countsOf(tallies.get(id)), ...optionalRanges(toRange, s.dns.nameSpan, s.dns.span) });
  }
  for (const c of t.components.values()) nodes.push(componentNode(t, c, frames.parentOf.get(c), tallies.get(componentId(c.name)), toRange));
  const traffic = a.design.traffic;
  return {
    title: a.design.name?.value ?? 'Infra YAML design',
    nodes, edges: buildEdges(t), groups: frames.groups,
    traffic: { qps: traffic?.qps?.value ?? 100, readShare: traffic?.reads?.value ?? 0.9 },
    ...(t.components.size > OVERVIEW_ABOVE ? { tiers: buildTiers(nodes, frames.groups) } : {}),
  };
}

function componentNode(t: Topology, c: Component, parent: string | undefined, tally: Tally | undefined, toRange: ToRange): DiagramNode {
  const host = t.hostOf(c);
  const kind: NodeKind = t.kindOf(c) ?? 'unknown';
  const role = kind === 'database' ? (t.isPrimary(c) ? 'primary' : 'replica') : undefined;
  const tls = c.tls?.value;
  return {
    id: componentId(c.name), kind, label: c.name, instances: c.replicas?.value ?? 1,
    unit: `component:${c.name}`,
    ...(c.software ? { software: c.software.value } : {}),
    ...(parent ? { parent } : {}),
    ...(role ? { role } : {}),
    ...(c.algorithm ? { algorithm: c.algorithm.value } : {}),
    ...(tls !== undefined && tls !== false ? { tls: tls === true ? 'https' : tls } : {}),
    ...(c.certificate ? { certificate: c.certificate.value.join(', ') } : {}),
    ...(host.implicit ? { badges: badgesOf(host.props) } : {}),
    ...countsOf(tally),
    ...optionalRanges(toRange, c.nameSpan, c.span),
  };
}

function buildEdges(t: Topology): DiagramEdge[] {
  const edges = new Map<string, DiagramEdge>();
  const add = (source: string, target: string, kind: DiagramEdge['kind'], security: EdgeSecurity): void => {
    const id = `${source}->${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, kind, security });
  };
  for (const s of t.services) {
    add(USERS_ID, dnsId(s.host), 'lookup', 'plain');
    for (const e of s.entries) add(dnsId(s.host), componentId(e.component.name), 'resolve', t.servesTls(e.component) ? 'encrypted' : 'plain');
  }
  for (const c of t.components.values()) {
    for (const { component } of t.targets(c)) {
      for (const m of t.clusterOf(component)) add(componentId(c.name), componentId(m.name), 'request', hopSecurity(t, c, m));
    }
    const primary = t.primaryOf(c);
    if (primary && primary !== c) add(componentId(primary.name), componentId(c.name), 'replication', 'plain');
  }
  return [...edges.values()];
}

/** Whether a hop is encrypted; the plain hop behind a terminating load balancer or CDN is singled out. */
export function hopSecurity(t: Topology, from: Component, to: Component): EdgeSecurity {
  const mode = from.tls?.value;
  if (mode === 'terminate') return 'terminated-plain';
  if (mode === 'passthrough' || mode === 'reencrypt') return 'encrypted';
  return t.servesTls(to) ? 'encrypted' : 'plain';
}
