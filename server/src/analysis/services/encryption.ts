/**
 * Encryption hop by hop: for each hop a request takes (users to an entry
 * point, a component to each target), whether it carries HTTPS or plain HTTP
 * and why. Hover and code lens show it; the rules that report plain hops
 * (no-https, tls-terminated-at-load-balancer/-cdn) say the same in findings.
 */
import type { Service, Topology } from '../model/topology';
import { servesHttp } from '../model/topology';
import type { Component } from '../model/types';
import { TLS_MODE_KINDS } from '../vocabulary';

export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly encrypted: boolean;
  readonly why: string;
}

/** The hop from users to an entry point. */
export function entryHop(t: Topology, c: Component): Hop {
  const tls = t.servesTls(c);
  return { from: 'users', to: c.name, encrypted: tls, why: tls ? `${c.name} serves HTTPS` : `${c.name} serves no TLS` };
}

/** The hops from a component to each of its HTTP targets. */
export function hopsFrom(t: Topology, c: Component): Hop[] {
  const out: Hop[] = [];
  const seen = new Set<Component>();
  for (const { component: target } of t.targets(c)) {
    if (seen.has(target) || !servesHttp(t.kindOf(target))) continue;
    seen.add(target);
    out.push(hop(t, c, target));
  }
  return out;
}

function hop(t: Topology, c: Component, target: Component): Hop {
  const base = { from: c.name, to: target.name };
  const targetTls = t.servesTls(target);
  if (TLS_MODE_KINDS.has(t.kindOf(c)!)) {
    const mode = c.tls?.value;
    if (mode === 'terminate') return { ...base, encrypted: false, why: `${c.name} terminates TLS and forwards plain HTTP` };
    if (mode === 'reencrypt') return { ...base, encrypted: targetTls, why: targetTls ? `${c.name} re-encrypts to ${target.name}` : `${c.name} re-encrypts, but ${target.name} serves no TLS` };
    if (mode === 'passthrough') return { ...base, encrypted: targetTls, why: targetTls ? `${c.name} passes the encrypted stream through` : `${c.name} passes TLS through, but ${target.name} cannot decrypt it` };
    return { ...base, encrypted: false, why: `${c.name} serves no TLS` };
  }
  return { ...base, encrypted: targetTls, why: targetTls ? `${target.name} serves HTTPS` : `${target.name} serves no TLS` };
}

/** One path of a service from users inwards over HTTP hops (first target each time), at most `limit` hops. */
export function tracePath(t: Topology, s: Service, limit = 6): Hop[] {
  const first = s.entries.find((e) => e.direct)?.component ?? s.entries[0]?.component;
  if (!first || !servesHttp(t.kindOf(first))) return [];
  const out: Hop[] = [entryHop(t, first)];
  const visited = new Set<Component>([first]);
  let at = first;
  while (out.length < limit) {
    const next = hopsFrom(t, at)[0];
    const target = next ? t.components.get(next.to) : undefined;
    if (!next || !target || visited.has(target)) break;
    out.push(next);
    visited.add(target);
    at = target;
  }
  return out;
}

/** "users ⇒ lb-1 🔒 ⇒ web-1 plain HTTP (lb-1 terminates TLS and forwards plain HTTP)". */
export function traceTitle(hops: readonly Hop[]): string {
  const plain = hops.filter((h) => !h.encrypted);
  const path = hops.map((h, i) => `${i === 0 ? h.from : ''} → ${h.to} ${h.encrypted ? 'HTTPS' : 'plain HTTP'}`).join('');
  return plain.length ? `${path} — plain: ${plain.map((h) => h.why).join('; ')}` : `${path} — encrypted all the way`;
}
