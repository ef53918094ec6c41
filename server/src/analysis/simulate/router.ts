/**
 * Routes one request through the design, reusing the failure engine's
 * semantics: `targetGroups` (alternatives by kind, clusters expanded, caches
 * optional) and `databaseProviders` (reads to any database, writes to the
 * primary or, after automatic failover, its promoted replica). Senders only
 * pick alternatives whose health check answers (deep: something downstream
 * still serves), so requests re-route around failures; DNS has no health
 * checks, so a dead round-robin entry loses its share of users.
 */
import { databaseProviders, RequestClass, targetGroups } from '../engine/failures';
import type { Service, Topology } from '../model/topology';
import type { Component } from '../model/types';
import type { Balancers } from './balancer';
import type { Outage } from './outage';
import type { Station } from './station';

export interface Visit { readonly node: Component; readonly parent: number; readonly at: number }

export interface Routed {
  readonly ok: boolean;
  readonly end: number;
  readonly reason?: string;
}

export interface RouterHooks {
  arrive(c: Component, at: number): void;
  promoted(text: string): void;
}

type Pick = { readonly component: Component } | { readonly reason: string };

const MAX_VISITS = 64;

export class Router {
  private readonly groups = new Map<Component, readonly (readonly Component[])[]>();

  constructor(
    private readonly t: Topology,
    private readonly outage: Outage,
    private readonly balancers: Balancers,
    private readonly stationOf: (c: Component) => Station,
    private readonly hooks: RouterHooks,
  ) {}

  /** Visits `c` and, in order, one alternative of each of its target groups. */
  visit(c: Component, cls: RequestClass, client: string, parent: number, now: number, visits: Visit[]): Routed {
    if (visits.length >= MAX_VISITS) return { ok: false, end: now, reason: `routing loop at ${c.name}` };
    const me = visits.push({ node: c, parent, at: now }) - 1;
    this.hooks.arrive(c, now);
    const cause = this.outage.downCause(c);
    if (cause) return { ok: false, end: now, reason: cause === `${c.name} failed` ? cause : `${c.name} is down: ${cause}` };
    const admitted = this.stationOf(c).admit(now);
    if (!admitted.ok) return { ok: false, end: admitted.depart, reason: `${c.name} is overloaded (waited too long for a free slot)` };
    let cursor = admitted.depart;
    if (cls === 'read') cursor = this.lookAside(c, client, me, cursor, visits);
    const groups = this.groupsOf(c);
    for (let gi = 0; gi < groups.length; gi++) {
      const pick = this.pick(c, gi, groups[gi]!, cls, client, cursor);
      if ('reason' in pick) return { ok: false, end: cursor, reason: pick.reason };
      const r = this.visit(pick.component, cls, client, me, cursor, visits);
      if (!r.ok) return r;
      cursor = r.end;
    }
    return { ok: true, end: cursor };
  }

  /** Cache-aside: a read asks a live cache first; a dead cache is skipped, not fatal. */
  private lookAside(c: Component, client: string, me: number, cursor: number, visits: Visit[]): number {
    if (this.t.kindOf(c) === 'load-balancer') return cursor;
    const caches = this.t.targets(c).map((x) => x.component).filter((x) => this.t.kindOf(x) === 'cache');
    const live = caches.flatMap((x) => this.t.clusterOf(x)).filter((x) => !this.outage.downCause(x));
    if (!live.length) return cursor;
    const cache = this.balancers.choose(c, 'cache', undefined, () => 1, { live, all: live, client, now: cursor });
    const r = this.visit(cache, 'read', client, me, cursor, visits);
    return r.ok ? r.end : cursor;
  }

  private pick(c: Component, gi: number, group: readonly Component[], cls: RequestClass, client: string, now: number): Pick {
    if (group.every((m) => this.t.kindOf(m) === 'database')) return this.pickDatabase(c, gi, group, cls, client, now);
    const named = new Set(c.to.map((r) => r.name));
    const passive = (m: Component): boolean => !named.has(m.name) && this.t.isActivePassive(m);
    const live = group.filter((m) => this.outage.healthy(m));
    const active = live.filter((m) => !passive(m));
    const candidates = active.length ? active : live;
    if (!candidates.length) return { reason: `nothing behind ${c.name} is up (${this.causes(group)})` };
    if (!active.length) this.hooks.promoted(`${candidates[0]!.name} took over (passive member)`);
    const algorithm = this.t.kindOf(c) === 'load-balancer' ? c.algorithm?.value ?? 'round-robin' : undefined;
    const weightOf = (m: Component): number => c.weights.find((w) => this.t.clusterOf(m).some((x) => x.name === w.ref.name))?.weight.value ?? 1;
    return { component: this.balancers.choose(c, `g${gi}`, algorithm, weightOf, { live: candidates, all: group, client, now }) };
  }

  private pickDatabase(c: Component, gi: number, group: readonly Component[], cls: RequestClass, client: string, now: number): Pick {
    const effective: Component[] = [];
    let anyProvider = false;
    for (const d of group) {
      const providers = databaseProviders(this.t, d, cls);
      anyProvider ||= providers.length > 0;
      const live = providers.find((p) => this.outage.serves(p, cls));
      if (!live) continue;
      if (live !== d && this.t.isPrimary(d)) this.hooks.promoted(`${live.name} promoted (primary ${d.name} is down)`);
      if (!effective.includes(live)) effective.push(live);
    }
    if (!effective.length) {
      const names = group.map((d) => d.name).join(', ');
      return { reason: anyProvider ? `no database behind ${c.name} can take ${cls}s (${this.causes(group)})` : `${c.name} sends writes to ${names}, a replica: writes need the primary` };
    }
    return { component: this.balancers.choose(c, `db${gi}`, undefined, () => 1, { live: effective, all: effective, client, now }) };
  }

  /** The failures that explain why a group cannot serve: its own members', else the nearest ones downstream. */
  private causes(group: readonly Component[]): string {
    const seen = new Set<Component>(group);
    let layer = [...group];
    while (layer.length) {
      const down = layer.map((m) => this.outage.downCause(m)).filter((x): x is string => !!x);
      if (down.length) return [...new Set(down)].join('; ');
      const next: Component[] = [];
      for (const m of layer) for (const g of this.groupsOf(m)) for (const x of g) if (!seen.has(x)) { seen.add(x); next.push(x); }
      layer = next;
    }
    return 'no path downstream serves';
  }

  /** `targetGroups`, computed once per component for the whole run. */
  private groupsOf(c: Component): readonly (readonly Component[])[] {
    let g = this.groups.get(c);
    if (!g) this.groups.set(c, (g = targetGroups(this.t, c)));
    return g;
  }

  /** DNS: a value picked per lookup (no health check); a cluster behind one value fails over. */
  entry(service: Service, client: string, random: () => number, now: number): Component {
    const values = entryValues(service);
    const members = values[Math.floor(random() * values.length)]!;
    if (members.length === 1) return members[0]!.component;
    const isCluster = this.t.clusterOf(members[0]!.component).length > 1;
    if (!isCluster) return members[Math.floor(random() * members.length)]!.component;
    const live = members.filter((e) => this.outage.healthy(e.component));
    const active = live.filter((e) => e.direct || !this.t.isActivePassive(e.component));
    const pool = (active.length ? active : live).map((e) => e.component);
    if (!pool.length) return members[0]!.component;
    return this.balancers.choose(undefined, service.host, undefined, () => 1, { live: pool, all: pool, client, now });
  }
}

const valueCache = new WeakMap<Service, Service['entries'][]>();

/** A service's entry points grouped by the DNS value that reaches them. */
function entryValues(service: Service): Service['entries'][] {
  let v = valueCache.get(service);
  if (v) return v;
  const byValue = new Map<number, Service['entries'][number][]>();
  for (const e of service.entries) {
    const list = byValue.get(e.via.span.start) ?? [];
    if (!list.some((x) => x.component === e.component)) list.push(e);
    byValue.set(e.via.span.start, list);
  }
  valueCache.set(service, (v = [...byValue.values()]));
  return v;
}
