/** cluster-single-node: a cluster with no live peer, or an active-passive pair whose passive node takes traffic. */
import type { Finding } from '../findings';
import type { Component, Span } from '../model/types';
import type { Rule } from './types';
import { addTo } from '../../../../common/addTo';

export const clusterSingleNode: Rule = {
  code: 'cluster-single-node',
  severity: 'warning',
  title: 'A cluster with no peer, or a passive member that takes traffic.',
  family: 'availability',
  reads: [],
  // Kinds of cluster members and peers only, which no in-place kind update changes.
  topology: ['edges', 'members'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const c of t.components.values()) {
      if (!c.cluster) continue;
      const peers = c.cluster.peers.map((p) => t.components.get(p.name)).filter((p): p is Component => !!p && p !== c && t.kindOf(p) === t.kindOf(c));
      if (peers.length === 0) {
        out.push({
          code: 'cluster-single-node', span: c.cluster.key,
          message: `${c.name}'s cluster has no other ${t.kindOf(c) ?? 'member'}: ${c.cluster.peers.length ? `${c.cluster.peers.map((p) => p.name).join(', ')} ${c.cluster.peers.length === 1 ? 'is' : 'are'} not a ${t.kindOf(c)} of this design` : 'peers is empty'}, so nothing takes over when it fails. Add a peer.`,
          data: { repair: 'target', subject: c.name, kind: 'component', classes: [] },
        });
      }
    }
    // In an active-passive cluster, the first member named by DNS or `to:` is active.
    const named = new Map<Component, { member: Component; span: Span }[]>();
    const note = (member: Component, span: Span): void => {
      const members = t.clusterOf(member);
      if (members.length < 2 || !t.isActivePassive(member)) return;
      const root = [...members].sort((a, b) => a.nameSpan.start - b.nameSpan.start)[0]!;
      addTo(named, root, { member, span });
    };
    for (const s of t.services) for (const e of s.entries) if (e.direct && !e.alias) note(e.component, e.via.span);
    for (const c of t.components.values()) for (const x of t.targets(c)) note(x.component, x.ref.span);
    for (const refs of named.values()) {
      refs.sort((a, b) => a.span.start - b.span.start);
      const active = refs[0]!.member;
      for (const r of refs) {
        if (r.member === active) continue;
        out.push({
          code: 'cluster-single-node', span: r.span,
          message: `${r.member.name} is the passive member of an active-passive cluster with ${active.name}, yet it is named here and takes traffic: then neither is a standby. Name only ${active.name} (the cluster's address reaches both), or make the cluster active-active.`,
          related: [{ span: active.nameSpan, message: `${active.name}, the active member` }],
          data: { repair: 'replace', candidates: [active.name] },
        });
      }
    }
    return out;
  },
};
