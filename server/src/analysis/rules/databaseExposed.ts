/** database-exposed: a database that users can reach. */
import type { Finding, Related } from '../findings';
import type { Host, Topology } from '../model/topology';
import type { Component, FirewallRule, Span } from '../model/types';
import { KIND_PORTS, SOFTWARE_PORTS } from '../vocabulary';
import { hasFirewall } from './missingFirewall';
import type { Rule } from './types';
import { own } from '../own';

export function portOf(c: Component, fallback: number): number {
  const sw = c.software?.value.toLowerCase();
  return own(SOFTWARE_PORTS, sw) ?? fallback;
}

/** The first rule that matches the port decides; the default is deny. */
function openFromAny(rules: readonly FirewallRule[], port: number): FirewallRule | undefined {
  for (const r of rules) {
    if (port < r.ports[0] || port > r.ports[1]) continue;
    return r.action === 'allow' && (r.from === 'any' || r.from === '0.0.0.0/0' || r.from === '::/0') ? r : undefined;
  }
  return undefined;
}

/**
 * For each host that a DNS address record points at (its name, its address, or a component on it),
 * the first such value in the file: one pass over the records, so that a design of thousands of
 * databases without a firewall does not search every record for each of them.
 */
function publicValues(t: Topology): Map<Host, Related> {
  const byIp = new Map<string, Host[]>();
  for (const h of t.hosts.values()) {
    const ip = h.props.ip?.value.toLowerCase();
    if (ip === undefined) continue;
    const list = byIp.get(ip);
    if (list) list.push(h);
    else byIp.set(ip, [h]);
  }
  const out = new Map<Host, Related>();
  for (const n of t.design.dns) {
    for (const r of n.records) {
      if (r.type !== 'A' && r.type !== 'AAAA') continue;
      for (const v of r.values) {
        const reached: Host[] = [...(byIp.get(v.text.toLowerCase()) ?? [])];
        const declared = t.hosts.get(v.text);
        if (declared && !declared.implicit) reached.push(declared);
        const named = t.components.get(v.text);
        if (named) reached.push(t.hostOf(named));
        for (const h of reached) if (!out.has(h)) out.set(h, { span: v.span, message: `${t.fqdn(n.name)} points at ${h.name}` });
      }
    }
  }
  return out;
}

/** Databases that an entry point lists in its own `to:` (through clusters), with the first such edge. */
function directTargets(t: Topology): Map<Component, { from: Component; span: Span }> {
  const out = new Map<Component, { from: Component; span: Span }>();
  for (const e of t.entryPoints) {
    for (const { ref, component } of t.targets(e)) {
      for (const m of t.clusterOf(component)) if (t.kindOf(m) === 'database' && !out.has(m)) out.set(m, { from: e, span: ref.span });
    }
  }
  return out;
}

function exposure(t: Topology, db: Component, direct: Map<Component, { from: Component; span: Span }>, published: () => Map<Host, Related>): { why: string; related?: Related } | undefined {
  if (t.entryPoints.has(db)) return { why: 'it is an entry point: DNS sends users straight to it' };
  const hit = direct.get(db);
  if (hit) return { why: `${hit.from.name}, which users reach directly, sends to it`, related: { span: hit.span, message: `${hit.from.name} → ${db.name}` } };
  const h = t.hostOf(db);
  const fw = h.props.firewall?.value;
  const port = portOf(db, KIND_PORTS.database[0]!);
  if (Array.isArray(fw)) {
    const rule = openFromAny(fw, port);
    if (rule) return { why: `the firewall of ${h.name} allows its port ${port} from any address`, related: { span: rule.span, message: 'this rule opens the database port to everyone' } };
  }
  if (!hasFirewall(h)) {
    const pub = published().get(h);
    if (pub) return { why: `it runs on ${h.name}, which has a public address and no firewall`, related: pub };
  }
  return undefined;
}

export const databaseExposed: Rule = {
  code: 'database-exposed',
  severity: 'error',
  title: 'A database that users can reach.',
  family: 'security',
  reads: ['firewall', 'software'],
  // Which components are databases, which no in-place kind update changes.
  topology: ['edges', 'members'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    const direct = directTargets(t);
    let published: Map<Host, Related> | undefined;
    const lazyPublished = (): Map<Host, Related> => (published ??= publicValues(t));
    for (const c of t.components.values()) {
      if (t.kindOf(c) !== 'database') continue;
      const e = exposure(t, c, direct, lazyPublished);
      if (!e) continue;
      const h = t.hostOf(c);
      out.push({
        code: 'database-exposed', span: c.nameSpan,
        message: `${c.name} can be reached from the internet: ${e.why}. Attackers scan for open database ports and try passwords or known flaws; only the app servers should reach it.`,
        ...(e.related ? { related: [e.related] } : {}),
        data: { repair: 'set', subject: h.name, key: 'firewall', value: 'true' },
      });
    }
    return out;
  },
};
