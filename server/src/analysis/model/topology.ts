/**
 * The resolved design: names to definitions, hosts (declared or implicit
 * servers), clusters, who sends to whom, and the services with their entry
 * points. Everything the rules and the failure engine share is computed once
 * here, in linear time.
 */
import { HTTP_KINDS, Kind, TLS_MODE_KINDS } from '../vocabulary';
import type { Component, Design, DnsName, Ref, Server, ServerProps, Span } from './types';
import { isIp, normalizeHost } from './values';

/** The machine a component runs on: a declared server, or its own implicit one. */
export interface Host {
  readonly name: string;
  readonly implicit: boolean;
  readonly props: ServerProps;
  /** Where findings about this machine go: the server's name, or the component's. */
  readonly span: Span;
  readonly server?: Server;
  readonly components: Component[];
}

/** How users reach a component: the DNS value that leads there. */
export interface EntryPoint {
  readonly component: Component;
  /** The DNS value that reaches it. */
  readonly via: { readonly text: string; readonly span: Span };
  /**
   * Named directly by the value (not through a cluster peer or a server
   * address). An alias (CNAME) carries this from the name it aliases: its
   * traffic goes to the same place.
   */
  readonly direct: boolean;
  /** Reached through a CNAME: `via` is the alias's value, not a record naming the component. */
  readonly alias: boolean;
}

export interface Service {
  /** Fully qualified name, e.g. www.foobar.com. */
  readonly host: string;
  readonly dns: DnsName;
  readonly entries: readonly EntryPoint[];
}

export interface Topology {
  readonly design: Design;
  /** First definition of each component name. */
  readonly components: ReadonlyMap<string, Component>;
  /** First definition of each declared server name. */
  readonly servers: ReadonlyMap<string, Server>;
  readonly hosts: ReadonlyMap<string, Host>;
  /** The component's host (declared server when `on:` resolves, else implicit). */
  hostOf(c: Component): Host;
  kindOf(c: Component): Kind | undefined;
  /** Members of the component's cluster, itself first; just itself when none. */
  clusterOf(c: Component): readonly Component[];
  /** Whether the component's cluster runs active-passive (some member says so). */
  isActivePassive(c: Component): boolean;
  /** Components whose `to:` lists this one (through clusters too). */
  senders(c: Component): readonly Component[];
  /** Resolved `to:` targets of a component, each with the ref that names it. */
  targets(c: Component): readonly { readonly ref: Ref; readonly component: Component }[];
  readonly services: readonly Service[];
  /** Every component reachable from some service's entry points. */
  readonly reachable: ReadonlySet<Component>;
  /** Components that are entry points of some service. */
  readonly entryPoints: ReadonlySet<Component>;
  /** The primary a database writes through: itself if primary, its `replicates` otherwise. */
  primaryOf(c: Component): Component | undefined;
  /** Replicas that replicate the given primary. */
  replicasOf(c: Component): readonly Component[];
  isPrimary(c: Component): boolean;
  autoFailover(primary: Component): boolean;
  /** Whether the component serves TLS to whoever sends to it. */
  servesTls(c: Component): boolean;
  /** The FQDN a DNS record name stands for. */
  fqdn(name: string): string;
  /** CNAME chains that loop or run deeper than a resolver follows, at the CNAME value concerned. */
  readonly cnameProblems: readonly CnameProblem[];
}

export interface CnameProblem {
  readonly span: Span;
  readonly message: string;
}

/** How many CNAMEs a resolver follows before giving up (BIND and Unbound stop after a dozen or so). */
export const MAX_CNAME_HOPS = 16;

/** The empty list answered for a component with no senders or no targets (never mutated). */
const NONE: readonly never[] = [];

type CnameEdge = { readonly value: { readonly text: string; readonly span: Span }; readonly target: DnsName };

export function buildTopology(design: Design): Topology {
  // Names are unique across servers and components: the earlier definition in
  // the file stands, a later one is reported (duplicate-name) and otherwise ignored.
  const firstAt = new Map<string, number>();
  for (const list of [design.servers, design.components]) {
    for (const d of list) {
      const prev = firstAt.get(d.name);
      if (prev === undefined || d.nameSpan.start < prev) firstAt.set(d.name, d.nameSpan.start);
    }
  }
  const components = new Map<string, Component>();
  for (const c of design.components) if (!components.has(c.name) && firstAt.get(c.name) === c.nameSpan.start) components.set(c.name, c);
  const servers = new Map<string, Server>();
  for (const s of design.servers) if (!servers.has(s.name) && firstAt.get(s.name) === s.nameSpan.start) servers.set(s.name, s);

  const hosts = new Map<string, Host>();
  const hostByComponent = new Map<Component, Host>();
  for (const s of servers.values()) hosts.set(s.name, { name: s.name, implicit: false, props: s.props, span: s.nameSpan, server: s, components: [] });
  for (const c of components.values()) {
    const declared = c.on ? hosts.get(c.on.name) : undefined;
    const host = declared && !declared.implicit ? declared : { name: c.name, implicit: true, props: c.props, span: c.nameSpan, components: [] as Component[] };
    if (host.implicit) hosts.set(`component:${c.name}`, host);
    host.components.push(c);
    hostByComponent.set(c, host);
  }
  const kindOf = (c: Component): Kind | undefined => c.kind?.value;

  // Clusters: connected members of the same kind, linked by `peers` either way.
  const clusterParent = new Map<Component, Component>();
  const find = (c: Component): Component => {
    let r = c;
    while (clusterParent.get(r) && clusterParent.get(r) !== r) r = clusterParent.get(r)!;
    let x = c;
    while (x !== r) { const n = clusterParent.get(x)!; clusterParent.set(x, r); x = n; }
    return r;
  };
  // Every name some cluster lists as a peer: a kind edit of such a component can change a cluster (`rekind`).
  const peerNamed = new Set<string>();
  for (const c of components.values()) {
    if (!c.cluster) continue;
    if (!clusterParent.has(c)) clusterParent.set(c, c);
    for (const p of c.cluster.peers) {
      peerNamed.add(p.name);
      const peer = components.get(p.name);
      if (!peer || peer === c || kindOf(peer) !== kindOf(c)) continue;
      if (!clusterParent.has(peer)) clusterParent.set(peer, peer);
      clusterParent.set(find(peer), find(c));
    }
  }
  const clusters = new Map<Component, Component[]>();
  for (const c of components.values()) {
    if (!clusterParent.has(c)) continue;
    const root = find(c);
    let list = clusters.get(root);
    if (!list) clusters.set(root, (list = []));
    list.push(c);
  }
  // Memoized: rules and the engines ask for clusters on every edge they follow.
  const clusterCache = new Map<Component, readonly Component[]>();
  const clusterOf = (c: Component): readonly Component[] => {
    const hit = clusterCache.get(c);
    if (hit) return hit;
    const members = clusterParent.has(c) ? clusters.get(find(c))! : [c];
    const ordered = members.length === 1 ? members : [c, ...members.filter((m) => m !== c)];
    clusterCache.set(c, ordered);
    return ordered;
  };

  const targetsOf = new Map<Component, { ref: Ref; component: Component }[]>();
  const sendersOf = new Map<Component, Component[]>();
  // A component's edges: its resolved targets, and it as a sender of each member of their clusters
  // (`addSender` keeps each sender list in the order of `components`). One that sends nowhere gets
  // no list (`targets` answers the shared empty one).
  const link = (c: Component, addSender: (m: Component, sender: Component) => void): void => {
    if (c.to.length === 0) { targetsOf.delete(c); return; }
    const ts: { ref: Ref; component: Component }[] = [];
    for (const ref of c.to) {
      const t = components.get(ref.name);
      if (!t) continue;
      ts.push({ ref, component: t });
      for (const m of clusterOf(t)) addSender(m, c);
    }
    targetsOf.set(c, ts);
  };
  // Senders come in order here: each joins the end of a list, once.
  const append = (m: Component, sender: Component): void => {
    const s = sendersOf.get(m);
    if (!s) sendersOf.set(m, [sender]);
    else if (s[s.length - 1] !== sender) s.push(sender);
  };
  for (const c of components.values()) link(c, append);

  const domain = design.domain ? normalizeHost(design.domain.value) : '';
  const fqdn = (name: string): string => (name === '@' ? domain : domain ? `${name}.${domain}` : name).toLowerCase();

  // Addresses: server/component ips and cluster vips, to what they reach.
  const byAddress = new Map<string, Component[]>();
  const addAddress = (ip: string, cs: readonly Component[]): void => {
    const key = ip.toLowerCase();
    const list = byAddress.get(key) ?? [];
    for (const c of cs) if (!list.includes(c)) list.push(c);
    byAddress.set(key, list);
  };
  const unsent = (h: Host): Component[] => h.components.filter((c) => !sendersOf.has(c));
  // Filled again when an edit of the edges changes which components have senders (`rewire`).
  const fillAddresses = (): void => {
    byAddress.clear();
    for (const h of hosts.values()) if (h.props.ip) addAddress(h.props.ip.value, unsent(h));
    // A cluster's shared address reaches the cluster through its first member
    // (the active one of an active-passive pair), not through each member directly.
    for (const c of components.values()) {
      if (!c.cluster?.vip) continue;
      const first = [...clusterOf(c)].sort((x, y) => x.nameSpan.start - y.nameSpan.start)[0]!;
      addAddress(c.cluster.vip.value, [first]);
    }
  };
  fillAddresses();

  const byDnsName = new Map<string, DnsName>();
  for (const n of design.dns) if (!byDnsName.has(n.name.toLowerCase())) byDnsName.set(n.name.toLowerCase(), n);
  const relative = (host: string): string | undefined => {
    const h = normalizeHost(host);
    if (!domain) return undefined;
    if (h === domain) return '@';
    return h.endsWith('.' + domain) ? h.slice(0, -domain.length - 1) : undefined;
  };

  const addressEntries = (n: DnsName): EntryPoint[] => {
    const out: EntryPoint[] = [];
    for (const r of n.records) {
      if (r.type !== 'A' && r.type !== 'AAAA') continue;
      for (const v of r.values) {
        const named = components.get(v.text);
        let reached: readonly Component[] = [];
        if (named) reached = [named];
        else if (hosts.has(v.text) && !hosts.get(v.text)!.implicit) reached = unsent(hosts.get(v.text)!);
        else if (isIp(v.text)) reached = byAddress.get(v.text.toLowerCase()) ?? [];
        for (const c of reached) {
          for (const m of clusterOf(c)) out.push({ component: m, via: v, direct: m === c, alias: false });
        }
      }
    }
    return out;
  };
  const cnameTargets = (n: DnsName): CnameEdge[] => {
    const out: CnameEdge[] = [];
    for (const r of n.records) {
      if (r.type !== 'CNAME') continue;
      for (const v of r.values) {
        const rel = relative(v.text);
        const target = rel === undefined ? undefined : byDnsName.get(rel.toLowerCase());
        if (target) out.push({ value: v, target });
      }
    }
    return out;
  };
  const cnameProblems: CnameProblem[] = [];
  // The hop limit does not depend on the edges: noted on the first listing of the services only.
  let noting = true;
  const pointedAt = new Set<DnsName>();
  for (const n of byDnsName.values()) for (const t of cnameTargets(n)) pointedAt.add(t.target);
  // Breadth-first over CNAME hops (no recursion: a chain of 3,000 names must
  // not overflow the stack), at most MAX_CNAME_HOPS deep like a resolver.
  const entriesOf = (root: DnsName): EntryPoint[] => {
    const out = addressEntries(root);
    for (const first of cnameTargets(root)) {
      const seen = new Set<DnsName>([root]);
      let level: DnsName[] = [first.target];
      for (let hop = 1; level.length > 0; hop++) {
        if (hop > MAX_CNAME_HOPS) {
          if (noting && !pointedAt.has(root)) cnameProblems.push({ span: first.value.span, message: `Following the CNAMEs from ${fqdn(root.name)} takes more than ${MAX_CNAME_HOPS} steps: resolvers give up before they reach an address. Point it closer to its target.` });
          break;
        }
        const next: DnsName[] = [];
        for (const n of level) {
          if (seen.has(n)) continue;
          seen.add(n);
          // An alias carries its traffic where the aliased name does: keep `direct`.
          for (const e of addressEntries(n)) out.push({ component: e.component, via: first.value, direct: e.direct, alias: true });
          for (const t of cnameTargets(n)) if (!seen.has(t.target)) next.push(t.target);
        }
        level = next;
      }
    }
    return out;
  };
  cnameLoops(byDnsName, cnameTargets, fqdn, cnameProblems);
  const listServices = (): Service[] => {
    const out: Service[] = [];
    for (const n of byDnsName.values()) {
      const entries = entriesOf(n);
      if (entries.length) out.push({ host: fqdn(n.name), dns: n, entries });
    }
    return out;
  };
  const entryPointsOf = (services: readonly Service[]): Set<Component> => {
    const out = new Set<Component>();
    for (const s of services) for (const e of s.entries) out.add(e.component);
    return out;
  };
  const reachableFrom = (entryPoints: ReadonlySet<Component>): Set<Component> => {
    const out = new Set<Component>();
    const stack = [...entryPoints];
    while (stack.length) {
      const c = stack.pop()!;
      if (out.has(c)) continue;
      out.add(c);
      for (const t of targetsOf.get(c) ?? NONE) for (const m of clusterOf(t.component)) if (!out.has(m)) stack.push(m);
    }
    return out;
  };
  const services = listServices();
  noting = false;
  const entryPoints = entryPointsOf(services);
  const reachable = reachableFrom(entryPoints);

  const isPrimary = (c: Component): boolean => kindOf(c) === 'database' && (c.role ? c.role.value === 'primary' : !c.replicates);
  const primaryOf = (c: Component): Component | undefined => {
    if (isPrimary(c)) return c;
    const p = c.replicates ? components.get(c.replicates.name) : undefined;
    return p && isPrimary(p) ? p : undefined;
  };
  const replicas = new Map<Component, Component[]>();
  // The databases as built: primaries and replicas are read off them (`rekind` keeps them so).
  const databases = new Set<Component>();
  // Each component's kind as the engines last saw it (kept current by `rekind`, which reads the kind it replaces).
  const seenKind = new Map<Component, Kind | undefined>();
  for (const c of components.values()) {
    seenKind.set(c, kindOf(c));
    if (kindOf(c) === 'database') databases.add(c);
    if (kindOf(c) !== 'database' || isPrimary(c)) continue;
    const p = primaryOf(c);
    if (!p) continue;
    const list = replicas.get(p);
    if (list) list.push(c);
    else replicas.set(p, [c]);
  }

  const servesTls = (c: Component): boolean => {
    const tls = c.tls?.value;
    const k = kindOf(c);
    if (k && TLS_MODE_KINDS.has(k)) return tls === 'terminate' || tls === 'passthrough' || tls === 'reencrypt';
    return tls === true;
  };

  const topology: Topology = {
    design, components, servers, hosts,
    hostOf: (c) => hostByComponent.get(c)!,
    kindOf,
    clusterOf,
    isActivePassive: (c) => clusterOf(c).some((m) => m.cluster?.mode?.value === 'active-passive'),
    senders: (c) => sendersOf.get(c) ?? NONE,
    targets: (c) => targetsOf.get(c) ?? NONE,
    services, reachable, entryPoints,
    primaryOf,
    replicasOf: (c) => replicas.get(c) ?? [],
    isPrimary,
    autoFailover: (p) => p.failover?.value === 'automatic',
    servesTls,
    fqdn,
    cnameProblems,
  };
  // Where each component stands in `components`: a sender list is in that order (`componentIds`, on the first `rewire`).
  let order: ReadonlyMap<Component, number> | undefined;
  let sentChanged = false;
  // A sender put where it stands in `components` (binary search by position), once.
  const insert = (m: Component, sender: Component): void => {
    const at = order!;
    let s = sendersOf.get(m);
    if (!s) { sendersOf.set(m, (s = [])); sentChanged = true; }
    const mine = at.get(sender)!;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (at.get(s[mid]!)! < mine) lo = mid + 1; else hi = mid; }
    if (s[lo] !== sender) s.splice(lo, 0, sender);
  };
  const rewire = (edited: readonly Component[]): void => {
    order ??= componentIds(topology).index;
    sentChanged = false;
    for (const c of edited) {
      if (components.get(c.name) !== c) continue;
      for (const { component } of targetsOf.get(c) ?? NONE) {
        for (const m of clusterOf(component)) {
          const s = sendersOf.get(m);
          const i = s ? s.indexOf(c) : -1;
          if (i < 0) continue;
          s!.splice(i, 1);
          if (s!.length === 0) { sendersOf.delete(m); sentChanged = true; }
        }
      }
      link(c, insert);
    }
    forget(topology, edited);
    const t = topology as { -readonly [K in 'services' | 'entryPoints' | 'reachable']: Topology[K] };
    // Which components have senders decides what an address reaches, so the services.
    if (sentChanged) {
      fillAddresses();
      t.services = listServices();
      t.entryPoints = entryPointsOf(t.services);
    }
    t.reachable = reachableFrom(t.entryPoints);
  };
  // The kind is read live (`kindOf`); what the build derived from it is the clusters (members of one
  // kind) and the primaries with their replicas (databases). An edited component in neither, before
  // and after, leaves them as they are.
  const rekind = (edited: readonly Component[]): Rekind | undefined => {
    const mine = edited.filter((c) => components.get(c.name) === c);
    for (const c of mine) if (c.cluster || peerNamed.has(c.name) || databases.has(c) || kindOf(c) === 'database') return undefined;
    const enginesStand = mine.every((c) => groupsStand(c, seenKind.get(c), mine));
    for (const c of mine) seenKind.set(c, kindOf(c));
    for (const c of edited) forget(topology, [c, ...(sendersOf.get(c) ?? NONE)]);
    return { enginesStand };
  };
  // Whether `c`'s kind edit (from `was`) leaves every group of alternatives and every kind the engines
  // read as it was: neither kind is one they read, and to each sender that is not a load balancer
  // (whose targets are one group whatever their kinds) `c` stays a group of its own, no other target
  // (and none of the other edited components) being of either kind. `c` is no cluster's member.
  const groupsStand = (c: Component, was: Kind | undefined, mine: readonly Component[]): boolean => {
    const now = kindOf(c);
    if (ENGINE_KINDS.has(was!) || ENGINE_KINDS.has(now!)) return false;
    for (const s of sendersOf.get(c) ?? NONE) {
      if (kindOf(s) === 'load-balancer') continue;
      for (const { component: x } of targetsOf.get(s) ?? NONE) {
        if (x === c) continue;
        if (mine.includes(x) || clusterOf(x).some((m) => kindOf(m) === was || kindOf(m) === now)) return false;
      }
    }
    return true;
  };
  // The names defined (how often, in lower case) and those some reference reads: listed on the first
  // rename, kept across the renames after it (typing a name), forgotten by any other edit (`forgetNames`).
  let names: Names | undefined;
  // A name no reference reads, and no other definition has, before or after: only the maps by name
  // (listed again in their order, which is the components') and the implicit host's name change.
  const rename = (c: Component, from: string): boolean => {
    const to = c.name;
    if (components.get(from) !== c || components.has(to)) return false;
    // `c` has its new name already: listed under the one it had.
    names ??= namesOf(topology.design, c, from);
    const was = from.toLowerCase();
    const now = to.toLowerCase();
    if (names.defined.get(was) !== 1 || names.defined.has(now) || names.referred.has(was) || names.referred.has(now)) return false;
    names.defined.delete(was);
    names.defined.set(now, 1);
    relabel(components, from, to);
    const host = hostByComponent.get(c)!;
    if (host.implicit) {
      (host as { name: string }).name = to;
      relabel(hosts, `component:${from}`, `component:${to}`);
    }
    return true;
  };
  // A component that nothing names and that names nothing, with no address: it joins the maps by name
  // and the hosts in its place, and no edge, cluster, service or address changes.
  const add = (c: Component, design: Design): boolean => {
    if (components.has(c.name) || !isolated(c)) return false;
    const now = c.name.toLowerCase();
    // Names kept from renames are the design's before the edit, without `c`.
    const without = names !== undefined;
    names ??= namesOf(design);
    if ((names.defined.get(now) ?? 0) + (without ? 1 : 0) !== 1 || names.referred.has(now)) return false;
    if (without) names.defined.set(now, 1);
    const list = design.components;
    const at = list.indexOf(c);
    let next: Component | undefined;
    for (let i = at + 1; i < list.length && !next; i++) if (components.get(list[i]!.name) === list[i]) next = list[i];
    insertBefore(components, next?.name, c.name, c);
    // The hosts: servers first, then each component's own machine in the order of `components`.
    let nextHost: string | undefined;
    let past = false;
    for (const [k, x] of components) {
      if (past && hostByComponent.get(x)!.implicit) { nextHost = `component:${k}`; break; }
      if (x === c) past = true;
    }
    const host: Host = { name: c.name, implicit: true, props: c.props, span: c.nameSpan, components: [c] };
    insertBefore(hosts, nextHost, `component:${c.name}`, host);
    hostByComponent.set(c, host);
    seenKind.set(c, kindOf(c));
    if (kindOf(c) === 'database') databases.add(c);
    indices.delete(topology);
    order = undefined;
    return true;
  };
  const forgetNames = (): void => { names = undefined; };
  edges.set(topology, { components, targetsOf, rewire, rekind, rename, add, forgetNames });
  return topology;
}

/** The names a design defines (servers and components, with how often) and those its references read, in lower case (duplicate-name and the DNS compare names so). */
interface Names {
  readonly defined: Map<string, number>;
  readonly referred: ReadonlySet<string>;
}

/** Whether a component reaches nothing and has no address: no `to:`, weights, `on:`, `replicates:`, cluster or `ip`. */
function isolated(c: Component): boolean {
  return c.to.length === 0 && c.weights.length === 0 && !c.on && !c.replicates && !c.cluster && !c.props.ip;
}

/** The names `d` defines and refers to; `renamed` is listed under the name it had, `from`. */
function namesOf(d: Design, renamed?: Component, from?: string): Names {
  const defined = new Map<string, number>();
  const define = (n: string): void => { const l = n.toLowerCase(); defined.set(l, (defined.get(l) ?? 0) + 1); };
  const referred = new Set<string>();
  const refer = (n: string): void => { referred.add(n.toLowerCase()); };
  const firewall = (p: ServerProps): void => {
    const rules = p.firewall?.value;
    if (Array.isArray(rules)) for (const r of rules as readonly { from: string }[]) refer(r.from);
  };
  for (const s of d.servers) { define(s.name); firewall(s.props); }
  for (const c of d.components) {
    define(c === renamed ? from! : c.name);
    firewall(c.props);
    for (const r of c.to) refer(r.name);
    for (const w of c.weights) refer(w.ref.name);
    for (const p of c.cluster?.peers ?? NONE) refer(p.name);
    if (c.on) refer(c.on.name);
    if (c.replicates) refer(c.replicates.name);
  }
  for (const n of d.dns) for (const r of n.records) for (const v of r.values) refer(v.text);
  return { defined, referred };
}

/** The key `from` of a map renamed `to`, in the same place of its order: it and the keys after it are set again. */
function relabel<V>(m: Map<string, V>, from: string, to: string): void {
  const rest = takeFrom(m, from);
  for (let i = 0; i < rest.length; i++) m.set(i === 0 ? to : rest[i]![0], rest[i]![1]);
}

/** Puts `key` into `m` before `before` (at the end without it): the keys from `before` on are set again after it. */
function insertBefore<V>(m: Map<string, V>, before: string | undefined, key: string, value: V): void {
  const rest = before === undefined ? [] : takeFrom(m, before);
  m.set(key, value);
  for (const [k, v] of rest) m.set(k, v);
}

/** Takes the entries of `m` from the key `from` on out of it, in order. */
function takeFrom<V>(m: Map<string, V>, from: string): [string, V][] {
  const out: [string, V][] = [];
  let after = false;
  for (const e of m) {
    if (e[0] === from) after = true;
    if (after) out.push(e);
  }
  for (const [k] of out) m.delete(k);
  return out;
}

/** Each component's place in `components`, by topology (an in-place update that adds a component forgets it). */
const indices = new WeakMap<Topology, { readonly list: readonly Component[]; readonly index: ReadonlyMap<Component, number> }>();

/**
 * The components of `t` in order and each one's index in that list, computed once per topology: the
 * failure model and the offered load work on these integer ids.
 */
export function componentIds(t: Topology): { readonly list: readonly Component[]; readonly index: ReadonlyMap<Component, number> } {
  let ids = indices.get(t);
  if (!ids) {
    const list = [...t.components.values()];
    const index = new Map<Component, number>();
    for (let i = 0; i < list.length; i++) index.set(list[i]!, i);
    indices.set(t, (ids = { list, index }));
  }
  return ids;
}

/** Facts others derive per component from its targets and their kinds (engine/failures.ts, engine/load.ts), by key. */
const derivedOf = new WeakMap<Topology, Map<object, Map<Component, unknown>>>();

/**
 * A fact about `c` derived from `t` (a component's groups of alternatives), one store per `key`:
 * computed by `compute` on first use and kept. An in-place update of `t` forgets the facts of the
 * components it concerns: the edited ones for `rewired`, and their senders too for `rekinded`.
 */
export function derived<T>(t: Topology, key: object, c: Component, compute: () => T): T {
  let all = derivedOf.get(t);
  if (!all) derivedOf.set(t, (all = new Map()));
  let m = all.get(key);
  if (!m) all.set(key, (m = new Map()));
  if (m.has(c)) return m.get(c) as T;
  const v = compute();
  m.set(c, v);
  return v;
}

function forget(t: Topology, cs: readonly Component[]): void {
  const all = derivedOf.get(t);
  if (all) for (const m of all.values()) for (const c of cs) m.delete(c);
}

/** What `retargeted` needs of a topology it did not build: its name map and its lists of targets. */
const edges = new WeakMap<Topology, {
  readonly components: ReadonlyMap<string, Component>;
  readonly targetsOf: Map<Component, { ref: Ref; component: Component }[]>;
  readonly rewire: (edited: readonly Component[]) => void;
  readonly rekind: (edited: readonly Component[]) => Rekind | undefined;
  readonly rename: (c: Component, from: string) => boolean;
  readonly add: (c: Component, design: Design) => boolean;
  readonly forgetNames: () => void;
}>();

/** Kinds the failure model and the offered load read besides `database`: a load balancer groups its targets as one, a cache group is optional. */
const ENGINE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['load-balancer', 'cache']);

/** How a kind edit was taken in place (`rekinded`). */
export interface Rekind {
  /**
   * Whether the failure model and the offered load stand: no edited component is or was a load
   * balancer or a cache, and each is sent to by load balancers only (or by nothing). The engines read
   * kinds only for those and for databases (which `rekinded` never changes), and through the groups
   * of alternatives, which group a sender's targets by kind unless the sender is a load balancer.
   */
  readonly enginesStand: boolean;
}

/**
 * Takes edits of components' `kind` into the topology, in place, when no edited component is a
 * cluster's member or named as a peer, nor a database before or after: then the names, hosts, edges,
 * clusters, primaries and DNS stand, and only what others derived from the kinds is forgotten
 * (`derived`). Undefined, changing nothing, otherwise: the topology must be built again. No key but
 * `kind` and keys outside the topology may have changed (analyze.ts); what reads the kinds (the
 * failure model, the offered load, the rules) must be computed again.
 */
export function rekinded(t: Topology, edited: readonly Component[]): Rekind | undefined {
  return edges.get(t)?.rekind(edited);
}

/**
 * Takes a component renamed in place (model/build.ts `Renamed`: the same object, now of another
 * name) into the topology, when neither name is any other definition's (in any case) nor read by any
 * reference (a `to:`, weight, `on:`, `replicates:` or peer, a firewall rule's source, a DNS value):
 * typing a new component's name, or renaming one nothing refers to yet. Then the names map and the
 * implicit host take the new name and every other fact stands: edges, clusters, hosts, services and
 * what reads them (the failure model, given the name by `renamedUnit`, and the offered load). False,
 * changing nothing, otherwise: the topology must be built again. No other key may have changed.
 */
export function renamed(t: Topology, c: Component, from: string): boolean {
  return edges.get(t)?.rename(c, from) ?? false;
}

/**
 * Takes a component added (a new entry of `components` in `design`, whose other entries are the
 * topology's design's) into the topology, in place, when it is isolated: it names nothing (no
 * `to:`, weights, `on:`, `replicates:` or cluster) and has no `ip`, and no reference or other
 * definition has its name (in any case). That is a component being typed: its name, before anything else. Then it joins the maps
 * by name and gets its own machine, in their order, and no edge, cluster, service, address or
 * offered load changes; the component ids are listed again (`componentIds`), so the failure model
 * must be built again, and the rules that go over every component or host (`Rule.topology`
 * `members`) run again. False, changing nothing, otherwise.
 */
export function added(t: Topology, c: Component, design: Design): boolean {
  return edges.get(t)?.add(c, design) ?? false;
}

/**
 * Tells a topology kept across an edit that changed some value (analyze.ts) to list the names
 * defined and referred to again on its next `renamed`: a `to:`, a weight or a firewall rule may
 * refer to other names now. Renames alone leave them as `renamed` keeps them.
 */
export function forgetNames(t: Topology): void {
  edges.get(t)?.forgetNames();
}

/**
 * Takes edits of `to:` lists that changed the targets into the topology, in place: the edited
 * components' targets and their targets' senders, then what depends on them (the services when which
 * components have senders changed, what is reachable), the rest kept (names, hosts, clusters,
 * primaries, DNS). The topology must have been built by `buildTopology` for the same entries, and no
 * key but `to` changed since (analyze.ts); what reads the edges (the failure model, the offered
 * load, the rules) must be computed again.
 */
export function rewired(t: Topology, edited: readonly Component[]): boolean {
  const e = edges.get(t);
  if (!e) return false;
  e.rewire(edited);
  return true;
}

/**
 * Takes an edit of a component's `to:` list into the topology when the list still resolves to the same
 * components in the same order (a name typed that names nothing yet, a target written again): the
 * targets are listed again with the new refs, and every other fact of the topology (senders, clusters,
 * entry points, what is reachable) stands, since none of them reads the refs. False, changing nothing,
 * when the components differ: the topology must be built again.
 */
export function retargeted(t: Topology, c: Component): boolean {
  const e = edges.get(t);
  if (!e) return false;
  // A later definition of a taken name is no part of the topology (duplicate-name reports it).
  if (e.components.get(c.name) !== c) return true;
  const before = e.targetsOf.get(c) ?? NONE;
  const after: { ref: Ref; component: Component }[] = [];
  for (const ref of c.to) {
    const target = e.components.get(ref.name);
    if (!target) continue;
    if (before[after.length]?.component !== target) return false;
    after.push({ ref, component: target });
  }
  if (after.length !== before.length) return false;
  if (c.to.length === 0) e.targetsOf.delete(c);
  else e.targetsOf.set(c, after);
  return true;
}

/**
 * Reports each CNAME loop once, at the value that closes it: an iterative
 * depth-first search (white, grey, black) over the CNAME graph, O(names + CNAMEs).
 */
function cnameLoops(names: ReadonlyMap<string, DnsName>, targets: (n: DnsName) => CnameEdge[], fqdn: (n: string) => string, out: CnameProblem[]): void {
  const state = new Map<DnsName, 1 | 2>();
  for (const start of names.values()) {
    if (state.has(start)) continue;
    const stack: { name: DnsName; edges: CnameEdge[]; next: number }[] = [{ name: start, edges: targets(start), next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const edge = top.edges[top.next++];
      if (!edge) { state.set(top.name, 2); stack.pop(); continue; }
      const s = state.get(edge.target);
      if (s === 1) {
        const from = stack.findIndex((f) => f.name === edge.target);
        const loop = stack.slice(from).map((f) => fqdn(f.name.name));
        const shown = loop.length <= 6 ? loop.join(' → ') : `${loop.slice(0, 3).join(' → ')} → … (${loop.length} names)`;
        out.push({ span: edge.value.span, message: `These CNAMEs go round in a loop (${shown} → ${loop[0]}): resolvers give up and users get no address.` });
      } else if (s === undefined) {
        state.set(edge.target, 1);
        stack.push({ name: edge.target, edges: targets(edge.target), next: 0 });
      }
    }
  }
}

/** Whether a kind answers HTTP. */
export function servesHttp(kind: Kind | undefined): boolean {
  return kind !== undefined && HTTP_KINDS.has(kind);
}
