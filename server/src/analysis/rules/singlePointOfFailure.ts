/**
 * single-point-of-failure: a component, server or zone whose failure alone
 * makes reads or writes fail for every user of a service.
 */
import type { FailureUnit, RequestClass } from '../engine/failures';
import type { Finding, Related } from '../findings';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { listNames } from './text';
import { FAILURE_INPUTS, type Rule, type RuleContext } from './types';

interface Impact {
  readonly classes: Set<RequestClass>;
  readonly services: Set<string>;
}

export const singlePointOfFailure: Rule = {
  code: 'single-point-of-failure',
  severity: 'warning',
  title: 'One failure makes reads or writes fail for every user of a service.',
  family: 'availability',
  reads: [...FAILURE_INPUTS, 'traffic'],
  check(ctx) {
    const model = ctx.failures();
    const impacts = new Map<number, Impact>();
    for (const set of model.critical()) {
      if (set.cls === 'write' && ctx.readShare >= 1) continue;
      if (set.cls === 'read' && ctx.readShare <= 0) continue;
      for (const u of set.units) {
        let i = impacts.get(u);
        if (!i) impacts.set(u, (i = { classes: new Set(), services: new Set() }));
        i.classes.add(set.cls);
        i.services.add(set.service.host);
      }
    }
    const paths = new PathFinder(ctx.topology);
    const out: Finding[] = [];
    // Components that are single on their own: a server's message names exactly these.
    const single = new Set<Component>();
    for (const id of impacts.keys()) if (model.units[id]!.component) single.add(model.units[id]!.component!);
    for (const [id, impact] of impacts) for (const f of report(ctx, model.units[id]!, impact, paths, single)) out.push(f);
    return out;
  },
};

function classText(classes: Set<RequestClass>): string {
  return classes.size === 2 ? 'every read and every write' : classes.has('read') ? 'every read' : 'every write';
}

function report(ctx: RuleContext, unit: FailureUnit, impact: Impact, paths: PathFinder, single: ReadonlySet<Component>): Finding[] {
  const t = ctx.topology;
  const what = `${classText(impact.classes)} to ${listNames([...impact.services].sort())} fails`;
  const data = { repair: 'target' as const, subject: unit.name, kind: unit.kind, classes: [...impact.classes].sort() };
  if (unit.kind === 'component') {
    const c = unit.component!;
    const path = paths.pathTo(c);
    const kind = t.kindOf(c) ?? 'component';
    const why = kind === 'database' && !impact.classes.has('read')
      ? 'it is the only database that can accept those writes'
      : `no other ${kind} can take its place`;
    const route = path.length > 1 ? ` (${routeText(path)} is the only way)` : '';
    const before = [...path.head, ...path.tail.slice(0, -1)];
    const related: Related[] = before.map((p) => ({ span: p.nameSpan, message: `${p.name} depends on ${c.name}` }));
    return [{ code: 'single-point-of-failure', span: c.nameSpan, message: `If ${c.name} fails, ${what}: ${why}${route}. Add a second instance or a standby.`, related, data }];
  }
  if (unit.kind === 'server') {
    const host = t.hosts.get(unit.name)!;
    return [{
      code: 'single-point-of-failure', span: host.span,
      message: `If server ${unit.name} fails, ${what}: ${serverWhy(host.components, single)}`,
      related: host.components.slice(0, MAX_RELATED).map((c) => ({ span: c.nameSpan, message: `${c.name} runs on ${unit.name}` })),
      data,
    }];
  }
  const inZone = [...t.hosts.values()].filter((h) => h.props.zone?.value === unit.name);
  const names = inZone.map((h) => h.name);
  const firstFew = inZone.slice(0, MAX_RELATED + 1);
  const message = `If zone ${unit.name} is lost, ${what}: ${listNames(names)} ${names.length === 1 ? 'is' : 'are'} all in it. Put copies in another zone.`;
  return inZone.map((h) => ({
    code: 'single-point-of-failure' as const, span: h.props.zone!.span,
    message,
    related: firstFew.filter((o) => o !== h).slice(0, MAX_RELATED).map((o) => ({ span: o.props.zone!.span, message: `${o.name} is also in ${unit.name}` })),
    data,
  }));
}

/** Related places per finding: a long chain or a large fleet names its first few, never all (N findings × N places). */
const MAX_RELATED = 8;

/** "a → b → c", or for a long path "a → b → … (12 more) → y → z". */
function routeText(path: PathEnds): string {
  const names = (cs: readonly Component[]): string => cs.map((p) => p.name).join(' → ');
  if (path.head.length === 0) return names(path.tail);
  return `${names(path.head)} → … (${path.length - path.head.length - path.tail.length} more, ${path.length} in all) → ${names(path.tail)}`;
}

/** A path from an entry point to a component: all of it when short, else its ends and its length. */
interface PathEnds {
  readonly head: readonly Component[];
  readonly tail: readonly Component[];
  readonly length: number;
}

/** Why a server is critical, naming exactly the components that have no copy elsewhere. */
function serverWhy(hosted: readonly Component[], single: ReadonlySet<Component>): string {
  const bounded = (cs: readonly Component[]): string[] => (cs.length > MAX_RELATED ? [...cs.slice(0, MAX_RELATED - 1).map((c) => c.name), `${cs.length - MAX_RELATED + 1} more`] : cs.map((c) => c.name));
  const names = bounded(hosted);
  const aloneOnes = hosted.filter((c) => single.has(c));
  const alone = bounded(aloneOnes);
  if (aloneOnes.length === 0 || aloneOnes.length === hosted.length) {
    const tail = aloneOnes.length ? 'nothing elsewhere can take over' : `the copies of ${hosted.length === 1 ? 'it' : 'them'} that could take over run here too`;
    return `it runs ${listNames(names)}, and ${tail}. Spread these components over more servers.`;
  }
  return `it runs ${listNames(names)}; ${listNames(alone)} ${aloneOnes.length === 1 ? 'has' : 'have'} no copy on another server, so nothing elsewhere can take ${aloneOnes.length === 1 ? 'its' : 'their'} place. Give ${aloneOnes.length === 1 ? 'it' : 'them'} a copy on another server.`;
}

/**
 * Shortest path from an entry point to a component, from one BFS over the
 * design. Each component keeps its depth and its path's first two steps, so
 * a chain of N components costs O(N) in all, not O(N²).
 */
class PathFinder {
  private search: Map<Component, { parent: Component | null; depth: number; head: readonly Component[] }> | undefined;
  constructor(private readonly t: Topology) {}

  pathTo(c: Component): PathEnds {
    const found = (this.search ??= this.bfs()).get(c);
    if (!found) return { head: [], tail: [c], length: 1 };
    const length = found.depth + 1;
    const tailLength = length <= 6 ? length : 4;
    const tail: Component[] = [];
    for (let x: Component | null = c; x && tail.length < tailLength; x = this.search.get(x)?.parent ?? null) tail.push(x);
    tail.reverse();
    return { head: length <= 6 ? [] : found.head, tail, length };
  }

  private bfs(): Map<Component, { parent: Component | null; depth: number; head: readonly Component[] }> {
    const seen = new Map<Component, { parent: Component | null; depth: number; head: readonly Component[] }>();
    const queue: Component[] = [];
    for (const e of this.t.entryPoints) { seen.set(e, { parent: null, depth: 0, head: [e] }); queue.push(e); }
    for (let i = 0; i < queue.length; i++) {
      const c = queue[i]!;
      const at = seen.get(c)!;
      for (const { component } of this.t.targets(c)) {
        for (const m of this.t.clusterOf(component)) {
          if (seen.has(m)) continue;
          seen.set(m, { parent: c, depth: at.depth + 1, head: at.head.length < 2 ? [...at.head, m] : at.head });
          queue.push(m);
        }
      }
    }
    return seen;
  }
}
