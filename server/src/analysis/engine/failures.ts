/**
 * The failure engine: which request classes (reads, writes) each service
 * still serves when some components, servers or zones have failed.
 *
 * A design becomes an AND/OR graph per request class: a component needs
 * itself alive (its units) AND one live alternative in each group of its
 * `to:` targets (OR). `evaluate` propagates satisfaction like Horn-clause
 * unit propagation, in O(nodes + edges). `critical` answers "which single
 * failure stops this class of this service" for all units at once, by
 * computing for each satisfied node the set of units it cannot survive
 * (union over AND, intersection over OR) in one post-order pass, instead of
 * failing each unit and searching again.
 */
import type { Component } from '../model/types';
import { componentIds, derived, type Service, type Topology } from '../model/topology';

export type RequestClass = 'read' | 'write';
export const REQUEST_CLASSES: readonly RequestClass[] = ['read', 'write'];

export interface FailureUnit {
  readonly id: number;
  readonly kind: 'component' | 'server' | 'zone';
  /** Component, server or zone name. */
  readonly name: string;
  /** The component when kind is component. */
  readonly component?: Component;
}

const AND = 0;
const OR = 1;

interface ClassGraph {
  readonly type: Uint8Array;
  readonly units: readonly (readonly number[])[];
  /** Children of node v: `children[childAt[v]]` up to `children[childAt[v + 1]]` (compressed rows). */
  readonly childAt: Int32Array;
  readonly children: Int32Array;
  /** Parents of each node (the reverse of children), in the same form, each node's in increasing order. */
  readonly parentAt: Int32Array;
  readonly parents: Int32Array;
  /** Root OR node of each service. */
  readonly roots: readonly number[];
}

export interface ServiceOutcome {
  readonly service: Service;
  readonly read: boolean;
  readonly write: boolean;
}

export interface CriticalSet {
  readonly service: Service;
  readonly cls: RequestClass;
  /** Units whose failure alone stops this class for every user of the service. */
  readonly units: readonly number[];
}

export interface FailureModel {
  readonly units: readonly FailureUnit[];
  unitOfComponent(name: string): number | undefined;
  unitOfServer(name: string): number | undefined;
  unitOfZone(name: string): number | undefined;
  /** Units whose failure takes the component down (its own, its server's, its zone's). */
  unitsOf(c: Component): readonly number[];
  /** What each service serves with the given units failed. */
  evaluate(failed: ReadonlySet<number>): ServiceOutcome[];
  /** Whether one component can still serve a class with the given units failed. */
  componentServes(c: Component, cls: RequestClass, failed: ReadonlySet<number>): boolean;
  /** For each service and class served when nothing has failed, its single points of failure (computed once; callers must not mutate it). */
  critical(): readonly CriticalSet[];
}

export function buildFailureModel(t: Topology): FailureModel {
  const units: FailureUnit[] = [];
  // One name map per unit kind: no `kind:name` string built per component.
  const byKind: Record<FailureUnit['kind'], Map<string, number>> = { component: new Map(), server: new Map(), zone: new Map() };
  const unit = (kind: FailureUnit['kind'], name: string, component?: Component): number => {
    const names = byKind[kind];
    let id = names.get(name);
    if (id === undefined) {
      id = units.length;
      units.push(component ? { id, kind, name, component } : { id, kind, name });
      names.set(name, id);
    }
    return id;
  };

  // Per component, by its index in `t.components` (arrays, not maps keyed by object).
  const { list: comps, index: componentIndex } = componentIds(t);
  const unitsByIndex: number[][] = new Array<number[]>(comps.length);
  const groups: (readonly (readonly Component[])[])[] = new Array<readonly (readonly Component[])[]>(comps.length);
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i]!;
    const host = t.hostOf(c);
    const zone = host.props.zone?.value;
    const many = (c.replicas?.value ?? 1) > 1;
    const us: number[] = [];
    if (!many) us.push(unit('component', c.name, c));
    if (!host.implicit) us.push(unit('server', host.name));
    if (zone !== undefined) us.push(unit('zone', zone));
    if (us.length > 1) us.sort((a, b) => a - b);
    unitsByIndex[i] = us;
    // Both request classes follow the same groups of alternatives: computed once (and kept with the topology).
    groups[i] = groupsOf(t, c);
  }
  const graphs = { read: buildClassGraph(t, 'read', comps, componentIndex, unitsByIndex, groups), write: buildClassGraph(t, 'write', comps, componentIndex, unitsByIndex, groups) };
  // The model stands across edits that leave its inputs (analyze.ts): its critical sets with it.
  let critical: CriticalSet[] | undefined;
  // Asked once per component for the same failures (a simulation's outage): one pass over the graph, not one per component.
  const last: Partial<Record<RequestClass, { key: string; sat: Uint8Array }>> = {};
  const satisfied = (cls: RequestClass, failed: ReadonlySet<number>): Uint8Array => {
    const key = [...failed].sort((x, y) => x - y).join(',');
    const hit = last[cls];
    if (hit?.key === key) return hit.sat;
    const sat = satisfy(graphs[cls], failed);
    last[cls] = { key, sat };
    return sat;
  };

  const model: FailureModel = {
    units,
    unitOfComponent: (n) => byKind.component.get(n),
    unitOfServer: (n) => byKind.server.get(n),
    unitOfZone: (n) => byKind.zone.get(n),
    unitsOf: (c) => { const i = componentIndex.get(c); return i === undefined ? [] : unitsByIndex[i]!; },
    evaluate(failed) {
      const r = satisfy(graphs.read, failed);
      const w = satisfy(graphs.write, failed);
      return t.services.map((service, i) => ({ service, read: r[graphs.read.roots[i]!] === 1, write: w[graphs.write.roots[i]!] === 1 }));
    },
    componentServes(c, cls, failed) {
      const i = componentIndex.get(c);
      return i !== undefined && satisfied(cls, failed)[i] === 1;
    },
    critical() {
      if (critical) return critical;
      const out: CriticalSet[] = [];
      for (const cls of REQUEST_CLASSES) {
        const g = graphs[cls];
        const sat = satisfy(g, new Set());
        const crit = criticalSets(g, sat);
        t.services.forEach((service, i) => {
          const root = g.roots[i]!;
          if (sat[root] === 1) out.push({ service, cls, units: flatten(crit[root]) });
        });
      }
      return (critical = out);
    },
  };
  renames.set(model, (c, from) => {
    const id = byKind.component.get(from);
    if (id === undefined || units[id]!.component !== c) return;
    (units[id] as { name: string }).name = c.name;
    byKind.component.delete(from);
    byKind.component.set(c.name, id);
  });
  return model;
}

/** How each model takes a rename of one of its components (`renamedUnit`). */
const renames = new WeakMap<FailureModel, (c: Component, from: string) => void>();

/**
 * Gives a component renamed in place (model/topology.ts `renamed`) its new name in the model: its
 * unit's name, which findings and the simulation show, and the look-up by name. Nothing else in the
 * model reads names.
 */
export function renamedUnit(model: FailureModel, c: Component, from: string): void {
  renames.get(model)?.(c, from);
}

/** Node i < components.length is component i's own AND node. */
function buildClassGraph(
  t: Topology, cls: RequestClass, comps: readonly Component[], index: ReadonlyMap<Component, number>,
  unitsOf: readonly (readonly number[])[], groupsOf: readonly (readonly (readonly Component[])[])[],
): ClassGraph {
  const nc = comps.length;
  const type: number[] = new Array<number>(nc).fill(AND);
  const none: readonly number[] = [];
  const nodeUnits: (readonly number[])[] = new Array<readonly number[]>(nc);
  const children: number[][] = new Array<number[]>(nc);
  for (let i = 0; i < nc; i++) { nodeUnits[i] = unitsOf[i]!; children[i] = []; }
  const addNode = (kind: number, kids: number[]): number => {
    type.push(kind);
    nodeUnits.push(none);
    children.push(kids);
    return type.length - 1;
  };

  // A database serves a class through its providers: itself, or (after
  // automatic failover) a promoted replica that takes over its address.
  // Cached by component index (-1: not computed yet).
  const serveNode = new Int32Array(nc).fill(-1);
  const serve = (c: Component): number => {
    const i = index.get(c)!;
    const cached = serveNode[i]!;
    if (cached >= 0) return cached;
    let node = i;
    if (t.kindOf(c) === 'database') {
      const providers = databaseProviders(t, c, cls);
      if (providers.length !== 1 || providers[0] !== c) {
        const kids = new Array<number>(providers.length);
        for (let k = 0; k < providers.length; k++) kids[k] = index.get(providers[k]!)!;
        node = addNode(OR, kids);
      }
    }
    serveNode[i] = node;
    return node;
  };

  for (let i = 0; i < nc; i++) {
    for (const group of groupsOf[i]!) {
      const kids = new Array<number>(group.length);
      for (let k = 0; k < group.length; k++) kids[k] = serve(group[k]!);
      children[i]!.push(addNode(OR, kids));
    }
  }
  const roots = t.services.map((s) => addNode(OR, [...new Set(s.entries.map((e) => serve(e.component)))]));
  return { type: Uint8Array.from(type), units: nodeUnits, ...compressed(children), roots };
}

/** Lists of children as compressed rows, and their reverse (the parents) likewise. */
function compressed(lists: readonly (readonly number[])[]): Pick<ClassGraph, 'childAt' | 'children' | 'parentAt' | 'parents'> {
  const n = lists.length;
  const childAt = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) childAt[v + 1] = childAt[v]! + lists[v]!.length;
  const children = new Int32Array(childAt[n]!);
  const parentAt = new Int32Array(n + 1);
  for (let v = 0, e = 0; v < n; v++) for (const k of lists[v]!) { children[e++] = k; parentAt[k + 1]!++; }
  for (let v = 0; v < n; v++) parentAt[v + 1]! += parentAt[v]!;
  const parents = new Int32Array(children.length);
  const fill = parentAt.slice(0, n);
  for (let v = 0; v < n; v++) for (let e = childAt[v]!; e < childAt[v + 1]!; e++) parents[fill[children[e]!]!++] = v;
  return { childAt, children, parentAt, parents };
}

/** Who can answer a request of this class sent to database `c`. */
export function databaseProviders(t: Topology, c: Component, cls: RequestClass): Component[] {
  const primary = t.primaryOf(c);
  if (cls === 'read') {
    return t.isPrimary(c) && t.autoFailover(c) ? [c, ...t.replicasOf(c)] : [c];
  }
  if (!primary) return [];
  if (primary !== c && !t.autoFailover(primary)) return [];
  return t.autoFailover(primary) ? [primary, ...t.replicasOf(primary)] : [primary];
}

export interface GroupOptions {
  /** Keep cache groups (they carry load even though requests do not need them). */
  readonly caches?: boolean;
  /** The members a target stands for (default: its whole cluster). */
  readonly expand?: (target: Component) => readonly Component[];
}

const PLAIN = {};

/** `targetGroups(t, c)`, computed once per topology and component (an in-place update of the topology forgets those it changes). Callers must not mutate it. */
export function groupsOf(t: Topology, c: Component): readonly (readonly Component[])[] {
  return derived(t, PLAIN, c, () => targetGroups(t, c));
}

/**
 * A component's `to:` targets as groups of alternatives: grouped by kind (a
 * load balancer's targets are one group), each expanded to its cluster.
 * Cache groups are optional (cache-aside) and are left out unless asked for.
 */
export function targetGroups(t: Topology, c: Component, options: GroupOptions = {}): Component[][] {
  const targets = t.targets(c);
  if (targets.length === 0) return [];
  const isLb = t.kindOf(c) === 'load-balancer';
  const expand = options.expand ?? t.clusterOf;
  if (targets.length === 1) {
    // One target, one group: no map of groups or set of members to build (most components).
    const only = targets[0]!.component;
    if (!isLb && (t.kindOf(only) ?? 'unknown') === 'cache' && !options.caches) return [];
    const members = expand(only);
    return [members.length === 1 ? [members[0]!] : [...new Set(members)]];
  }
  const groups = new Map<string, Set<Component>>();
  for (const { component } of targets) {
    const kind = t.kindOf(component) ?? 'unknown';
    if (!isLb && kind === 'cache' && !options.caches) continue;
    const key = isLb ? '*' : kind;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Set()));
    for (const m of expand(component)) g.add(m);
  }
  return [...groups.values()].map((g) => [...g]);
}

/** Least fixed point of satisfaction under the failed units: 1 = satisfied. */
function satisfy(g: ClassGraph, failed: ReadonlySet<number>): Uint8Array {
  const n = g.type.length;
  const sat = new Uint8Array(n);
  const dead = new Uint8Array(n);
  const remaining = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) {
    const kids = g.childAt[v + 1]! - g.childAt[v]!;
    if (g.type[v] === AND) {
      remaining[v] = kids;
      const us = g.units[v]!;
      let hit = false;
      if (failed.size > 0) for (let k = 0; k < us.length && !hit; k++) hit = failed.has(us[k]!);
      if (hit) dead[v] = 1;
      else if (kids === 0) { sat[v] = 1; queue.push(v); }
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (let e = g.parentAt[v]!; e < g.parentAt[v + 1]!; e++) {
      const p = g.parents[e]!;
      if (sat[p] || dead[p]) continue;
      if (g.type[p] === OR || --remaining[p]! === 0) {
        sat[p] = 1;
        queue.push(p);
      }
    }
  }
  return sat;
}

/** Post-order over satisfied nodes; edges back into the DFS stack (cycles) are ignored. */
function criticalSets(g: ClassGraph, sat: Uint8Array): (Crit | undefined)[] {
  const n = g.type.length;
  const crit: (Crit | undefined)[] = new Array(n);
  const state = new Uint8Array(n);
  const pos = new Int32Array(n);
  for (const root of g.roots) {
    if (!sat[root] || state[root]) continue;
    const stack: number[] = [root];
    state[root] = 1;
    while (stack.length) {
      const v = stack[stack.length - 1]!;
      const kids = g.children;
      const end = g.childAt[v + 1]!;
      // `pos[v]`: how far into v's children the search has come.
      let e = g.childAt[v]! + pos[v]!;
      while (e < end && !(sat[kids[e]!] && state[kids[e]!] === 0)) e++;
      pos[v] = e - g.childAt[v]!;
      if (e < end) {
        const next = kids[e]!;
        state[next] = 1;
        stack.push(next);
        continue;
      }
      stack.pop();
      state[v] = 2;
      const done: Crit[] = [];
      for (let k = g.childAt[v]!; k < end; k++) if (sat[kids[k]!] && state[kids[k]!] === 2) done.push(crit[kids[k]!]!);
      crit[v] = g.type[v] === AND ? unionAll(g.units[v]!, done) : intersectAll(done);
    }
  }
  return crit;
}

/**
 * A node's critical set. A union is kept unexpanded (its own units and the
 * sets it joins) until read, so the sets along a chain share their tails:
 * a chain of N components costs O(N) here, not O(N²) copied units.
 */
type Crit = readonly number[] | LazyUnion;

interface LazyUnion {
  readonly own: readonly number[];
  readonly parts: readonly Crit[];
  flat?: readonly number[];
}

function isEmpty(c: Crit): boolean {
  return Array.isArray(c) && c.length === 0;
}

/** The units of a critical set, sorted; computed once per lazy union, without recursion. */
function flatten(c: Crit | undefined): readonly number[] {
  if (c === undefined) return [];
  if (Array.isArray(c)) return c;
  const lazy = c as LazyUnion;
  if (lazy.flat) return lazy.flat;
  const all = new Set<number>();
  const seen = new Set<LazyUnion>();
  const stack: Crit[] = [lazy];
  while (stack.length) {
    const x = stack.pop()!;
    if (Array.isArray(x)) { for (const u of x) all.add(u); continue; }
    const l = x as LazyUnion;
    if (seen.has(l)) continue;
    seen.add(l);
    if (l.flat) { for (const u of l.flat) all.add(u); continue; }
    for (const u of l.own) all.add(u);
    for (const p of l.parts) stack.push(p);
  }
  return (lazy.flat = [...all].sort((a, b) => a - b));
}

function unionAll(own: readonly number[], sets: readonly Crit[]): Crit {
  const nonEmpty = sets.filter((s) => !isEmpty(s));
  if (nonEmpty.length === 0) return own;
  if (own.length === 0 && nonEmpty.length === 1) return nonEmpty[0]!;
  return { own, parts: nonEmpty };
}

function intersectAll(sets: readonly Crit[]): Crit {
  if (sets.length === 0) return [];
  if (sets.length === 1) return sets[0]!;
  let acc = flatten(sets[0]);
  for (let i = 1; i < sets.length && acc.length > 0; i++) {
    const s = new Set(flatten(sets[i]));
    acc = acc.filter((u) => s.has(u));
  }
  return acc;
}
