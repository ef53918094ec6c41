/**
 * Redundancy repairs: copies of components (a replica, a replica database, a
 * cluster peer, or a second server holding copies of everything on the
 * first), wired in everywhere the originals are targets.
 */
import type { Analysis } from '../../analyze';
import type { Host, Topology } from '../../model/topology';
import type { Component, Field, ServerProps, Span } from '../../model/types';
import { isIPv4 } from '../../model/values';
import { isMap, isScalar, isSeq } from 'yaml';
import { DesignEditor, flowList, scalar, TextEditData } from '../edits';

export class Namer {
  private readonly taken: Set<string>;
  private readonly ips: Set<string>;

  constructor(t: Topology) {
    this.taken = new Set([...t.components.keys(), ...t.servers.keys()]);
    this.ips = new Set([...t.hosts.values()].map((h) => h.props.ip?.value).filter((x): x is string => !!x));
    for (const c of t.components.values()) if (c.cluster?.vip) this.ips.add(c.cluster.vip.value);
  }

  /** web-1 → web-2 (or the next free), nginx → nginx-2, db-primary → db-replica. */
  name(original: string, role?: 'replica'): string {
    const candidates: string[] = [];
    if (role === 'replica' && original.includes('primary')) {
      const replica = original.replace('primary', 'replica');
      candidates.push(replica, ...[2, 3, 4, 5, 6, 7, 8, 9].map((i) => `${replica}-${i}`));
    }
    const m = /^(.*?)-?(\d+)$/.exec(original);
    const base = m ? m[1]! : original;
    for (let i = m ? Number(m[2]) + 1 : 2; candidates.length < 200; i++) candidates.push(`${base}-${i}`);
    const name = candidates.find((c) => !this.taken.has(c))!;
    this.taken.add(name);
    return name;
  }

  /** The next free address after `ip` in its /24, or one from 203.0.113.0/24 (documentation range). */
  ip(near?: string): string {
    const base = near && isIPv4(near) ? near.split('.').slice(0, 3).join('.') : '203.0.113';
    const start = near && isIPv4(near) ? Number(near.split('.')[3]) + 1 : 10;
    for (let i = 0; i < 254; i++) {
      const ip = `${base}.${((start - 1 + i) % 254) + 1}`;
      if (!this.ips.has(ip)) { this.ips.add(ip); return ip; }
    }
    return `${base}.254`;
  }
}

interface CopyOptions {
  /** Copies run on this new declared server instead of servers of their own. */
  readonly server?: string;
  /** That server's address, added to DNS records that reach the originals by address. */
  readonly serverIp?: string;
  /** Leave DNS alone (a new load balancer takes the originals' DNS values). */
  readonly noDns?: boolean;
  /** Filled with each original's copy name. */
  readonly names?: Map<Component, string>;
}

/**
 * A value re-written on one line from what it means, not from its source: a
 * block list becomes a flow list, a block scalar (`>-`) or a value inherited
 * through a merge key (`<<: *base`) becomes a plain or quoted scalar.
 */
function copyValue(ed: DesignEditor, f: Field<unknown>): string {
  const v = f.value;
  if (Array.isArray(v)) {
    const items = v.map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' && 'span' in x ? ed.source((x as { span: Span }).span).replace(/^["']|["']$/g, '') : String(x)));
    return flowList(items);
  }
  const text = ed.source(f.span);
  if (typeof v === 'string' && (text.includes('<<') || /^[|>]/.test(text) || ed.text.slice(f.span.start, f.span.end).includes('\n'))) return scalar(v);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? (text === '' ? scalar(v) : text) : text;
}

/** The monitoring agent the design's other machines run, or `true`. */
export function siblingAgent(t: Topology): string {
  for (const h of t.hosts.values()) if (typeof h.props.monitoring?.value === 'string') return scalar(h.props.monitoring.value);
  return 'true';
}

/** Whether a firewall list lets anyone in on a database port, so a copy must not take it. */
function opensToAny(props: ServerProps): boolean {
  const fw = props.firewall?.value;
  return Array.isArray(fw) && fw.some((r) => r.action === 'allow' && (r.from === 'any' || r.from === '0.0.0.0/0' || r.from === '::/0'));
}

/**
 * Server properties (but the address) written as lines, copied as the source
 * writes them. A new machine never copies a missing firewall or monitoring
 * client: it gets `firewall: true` and the agent its siblings run, so a
 * repair adds no missing-firewall, missing-monitoring or exposed database.
 */
export function propLines(ed: DesignEditor, props: ServerProps, ip?: string, t?: Topology, database = false): string[] {
  const lines: string[] = [];
  if (ip) lines.push(`ip: ${ip}`);
  for (const key of ['zone', 'cpu', 'ram', 'disk', 'firewall', 'monitoring'] as const) {
    const f = props[key];
    if (key === 'firewall' && (!f || f.value === false || (database && opensToAny(props)))) lines.push('firewall: true');
    else if (key === 'monitoring' && (!f || f.value === false)) lines.push(`monitoring: ${t ? siblingAgent(t) : 'true'}`);
    else if (f) lines.push(`${key}: ${copyValue(ed, f)}`);
  }
  return lines;
}

function componentLines(a: Analysis, ed: DesignEditor, o: Component, copyOf: Map<Component, string>, namer: Namer, opts: CopyOptions): string[] {
  const t = a.topology;
  const src = (f: Field<unknown> | undefined): string | undefined => (f ? copyValue(ed, f) : undefined);
  const lines: string[] = [`kind: ${o.kind?.value ?? 'web-server'}`];
  if (o.software) lines.push(`software: ${src(o.software)}`);
  if (t.kindOf(o) === 'database') {
    const primary = t.primaryOf(o) ?? o;
    lines.push('role: replica', `replicates: ${primary.name}`, 'failover: automatic');
  }
  if (o.replicas) lines.push(`replicas: ${o.replicas.value}`);
  if (o.algorithm) lines.push(`algorithm: ${o.algorithm.value}`);
  if (o.tls) lines.push(`tls: ${String(o.tls.value)}`);
  if (o.certificate) lines.push(`certificate: ${src(o.certificate)}`);
  if (o.capacity) lines.push(`capacity: ${o.capacity.value}`);
  if (o.latency) lines.push(`latency: ${src(o.latency)}`);
  const targets: string[] = [];
  for (const r of o.to) {
    if (!targets.includes(r.name)) targets.push(r.name);
    const target = t.components.get(r.name);
    const copy = target && copyOf.get(target);
    if (copy && !targets.includes(copy)) targets.push(copy);
  }
  const listed = isSeq(ed.nodeAt(['components', o.name, 'to']));
  if (targets.length) lines.push(`to: ${targets.length === 1 && !listed ? scalar(targets[0]!) : flowList(targets)}`);
  if (o.weights.length) lines.push(`weights: { ${o.weights.map((w) => `${w.ref.name}: ${w.weight.value}`).join(', ')} }`);
  if (opts.server) lines.push(`on: ${opts.server}`);
  else {
    const host = t.hostOf(o);
    const needsIp = !!host.props.ip && (host.implicit || t.entryPoints.has(o));
    for (const l of propLines(ed, host.props, needsIp ? namer.ip(host.props.ip!.value) : undefined, t, t.kindOf(o) === 'database')) lines.push(l);
  }
  return lines;
}

/**
 * Copies `originals` and wires the copies in: appended to every `to:` list,
 * weights map and DNS record that names an original. Edits to existing text
 * come first so that insertions at the same offset keep a sensible order.
 */
export function copyComponents(a: Analysis, ed: DesignEditor, originals: readonly Component[], namer: Namer, opts: CopyOptions = {}): TextEditData[] {
  const t = a.topology;
  const copyOf = new Map<Component, string>();
  for (const o of originals) copyOf.set(o, namer.name(o.name, t.kindOf(o) === 'database' ? 'replica' : undefined));
  for (const [o, n] of copyOf) opts.names?.set(o, n);
  const existing: (TextEditData | undefined)[] = [];
  const text = a.parsed.text;
  const real = (span: { start: number; end: number }, name: string): boolean => text.slice(span.start, span.end).replace(/^["']|["']$/g, '') === name;
  for (const x of t.components.values()) {
    for (const r of x.to) {
      const target = t.components.get(r.name);
      const copy = target && copyOf.get(target);
      if (copy && real(r.span, r.name)) existing.push(ed.addItem(['components', x.name, 'to'], copy));
    }
    for (const w of x.weights) {
      const target = t.components.get(w.ref.name);
      const copy = target && copyOf.get(target);
      if (copy && real(w.ref.span, w.ref.name)) existing.push(ed.setKey(['components', x.name, 'weights'], copy, String(w.weight.value)));
    }
  }
  for (const o of originals) {
    if (t.kindOf(o) === 'database' && t.isPrimary(o) && !t.autoFailover(o)) existing.push(ed.setKey(['components', o.name], 'failover', 'automatic'));
    if (t.kindOf(o) === 'database' && !t.isPrimary(o)) {
      const p = t.primaryOf(o);
      if (p && !t.autoFailover(p)) existing.push(ed.setKey(['components', p.name], 'failover', 'automatic'));
    }
  }
  // One edit per DNS record that names an original: as many as the design has, so no spread into push.
  if (!opts.noDns) for (const e of dnsEdits(a, ed, originals, copyOf, opts)) existing.push(e);
  const inserted = originals.map((o) => insertCopy(ed, o, copyOf.get(o)!, componentLines(a, ed, o, copyOf, namer, opts)));
  // No copy written (e.g. `components` is a flow mapping): wire nothing, or the wiring names nothing.
  if (inserted.some((e) => !e)) return [];
  return [...existing, ...inserted].filter((e): e is TextEditData => !!e);
}

/** The copy's lines in the original's key order (new keys last), in its flow or block style. */
function insertCopy(ed: DesignEditor, o: Component, name: string, lines: readonly string[]): TextEditData | undefined {
  const node = ed.nodeAt(['components', o.name]);
  const order = isMap(node) ? node.items.map((p) => String(isScalar(p.key) ? p.key.value : '')) : [];
  const rank = (line: string): number => {
    const i = order.indexOf(line.slice(0, line.indexOf(':')));
    return i < 0 ? order.length : i;
  };
  const sorted = lines.map((l, i) => ({ l, i })).sort((x, y) => rank(x.l) - rank(y.l) || x.i - y.i).map((x) => x.l);
  if (isMap(node) && node.flow && sorted.every((l) => !l.includes('\n'))) return ed.insertEntry(['components'], o.name, `${name}: { ${sorted.join(', ')} }`, [], true);
  return ed.insertEntry(['components'], o.name, name, sorted);
}

/** DNS records that reach an original: add the copy's name (or the new server's address). */
function dnsEdits(a: Analysis, ed: DesignEditor, originals: readonly Component[], copyOf: Map<Component, string>, opts: CopyOptions): (TextEditData | undefined)[] {
  const t = a.topology;
  const out: (TextEditData | undefined)[] = [];
  const done = new Set<string>();
  for (const s of t.services) {
    for (const e of s.entries) {
      const copy = copyOf.get(e.component);
      if (!copy || !e.direct || e.alias) continue;
      const record = s.dns.records.find((r) => r.values.some((v) => v.span.start === e.via.span.start));
      if (!record || record.type === 'CNAME') continue;
      const value = opts.serverIp && !t.components.has(e.via.text) ? opts.serverIp : copy;
      const key = `${s.dns.name}/${record.type}/${value}`;
      if (done.has(key)) continue;
      done.add(key);
      out.push(ed.addItem(['dns', s.dns.name, record.type], value));
    }
  }
  return out;
}

/** A second server with the first's properties and a copy of every component on it. */
export function copyServer(a: Analysis, ed: DesignEditor, host: Host, namer: Namer, more: Pick<CopyOptions, 'noDns' | 'names'> = {}): TextEditData[] {
  const name = namer.name(host.name);
  const ip = host.props.ip ? namer.ip(host.props.ip.value) : undefined;
  const server = ed.insertEntry(['servers'], undefined, name, propLines(ed, host.props, ip, a.topology, host.components.some((c) => a.topology.kindOf(c) === 'database')));
  const copies = copyComponents(a, ed, host.components, namer, { server: name, ...more, ...(ip ? { serverIp: ip } : {}) });
  // No server written (e.g. `servers` is a flow mapping) or no copy: the copies' `on:` would name nothing.
  return server && copies.length ? [...copies, server] : [];
}

/** The entry points (not load balancers) that DNS names directly: a copy of them needs a balancer in front. */
export function directEntries(t: Topology, cs: readonly Component[]): Component[] {
  return cs.filter((c) => t.kindOf(c) !== 'load-balancer' && t.kindOf(c) !== 'cdn' && t.services.some((s) => s.entries.some((e) => e.component === c && !e.alias)));
}

/**
 * The seed's next step from a one-server stack: a load balancer takes the DNS
 * values that reached the entry points and sends to them and their copies
 * (instead of DNS round robin, which has no health checks).
 */
export function balancerInFront(a: Analysis, ed: DesignEditor, entries: readonly Component[], namer: Namer, copyName: (c: Component) => string | undefined): TextEditData[] {
  const t = a.topology;
  const lb = namer.name('lb-0');
  const out: (TextEditData | undefined)[] = [];
  const done = new Set<number>();
  for (const s of t.services) {
    for (const e of s.entries) {
      if (!entries.includes(e.component) || e.alias || done.has(e.via.span.start)) continue;
      done.add(e.via.span.start);
      out.push({ span: e.via.span, text: lb });
    }
  }
  const targets = entries.flatMap((c) => [c.name, copyName(c)]).filter((x): x is string => !!x);
  const near = entries.map((c) => t.hostOf(c).props.ip?.value).find((x) => !!x);
  // A pair, so that the balancer is not the next single point of failure.
  const peer = namer.name(lb);
  const lines = (other: string): string[] => ['kind: load-balancer', `ip: ${namer.ip(near)}`, `cluster: { peers: [${other}], mode: active-active }`, `to: ${flowList(targets)}`, 'firewall: true', `monitoring: ${siblingAgent(t)}`];
  const last = [...t.components.values()].pop();
  const pair = [ed.insertEntry(['components'], last?.name, lb, lines(peer)), ed.insertEntry(['components'], last?.name, peer, lines(lb))];
  // No balancer written (e.g. `components` is a flow mapping): DNS must not name it.
  if (pair.some((x) => !x)) return [];
  return [...out, ...pair].filter((x): x is TextEditData => !!x);
}

/** A second load balancer in a cluster with the first, with the same targets. */
export function clusterPeer(a: Analysis, ed: DesignEditor, lb: Component, namer: Namer, replacePeers = false): TextEditData[] {
  const t = a.topology;
  const peer = namer.name(lb.name);
  const mode = lb.cluster?.mode?.value ?? 'active-active';
  const lines = componentLines(a, ed, lb, new Map(), namer, {});
  const others = replacePeers ? [] : t.clusterOf(lb).slice(1).map((m) => m.name);
  lines.push(`cluster: { peers: ${flowList([lb.name, ...others])}, mode: ${mode} }`);
  const own = !lb.cluster
    ? ed.setKey(['components', lb.name], 'cluster', `{ peers: [${peer}], mode: ${mode} }`)
    : replacePeers
      ? ed.setKey(['components', lb.name, 'cluster'], 'peers', `[${peer}]`)
      : ed.addItem(['components', lb.name, 'cluster', 'peers'], peer);
  const entry = insertCopy(ed, lb, peer, lines);
  // No peer written: its name in `peers` would name nothing.
  return entry ? [own, entry].filter((e): e is TextEditData => !!e) : [];
}
