/**
 * single-point-of-failure: a component, server or zone whose failure alone
 * makes reads or writes fail for every user of a service.
 */
import type { FailureUnit, RequestClass } from '../engine/failures';
import type { Finding, Related } from '../findings';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';
import { listNames } from './text';
import type { Rule, RuleContext } from './types';

interface Impact {
  readonly classes: Set<RequestClass>;
  readonly services: Set<string>;
}

export const singlePointOfFailure: Rule = {
  code: 'single-point-of-failure',
  severity: 'warning',
  title: 'One failure makes reads or writes fail for every user of a service.',
  family: 'availability',
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
    for (const [id, impact] of impacts) out.push(...report(ctx, model.units[id]!, impact, paths, single));
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
    const route = path.length > 1 ? ` (${path.map((p) => p.name).join(' → ')} is the only way)` : '';
    const related: Related[] = path.slice(0, -1).map((p) => ({ span: p.nameSpan, message: `${p.name} depends on ${c.name}` }));
    return [{ code: 'single-point-of-failure', span: c.nameSpan, message: `If ${c.name} fails, ${what}: ${why}${route}. Add a second instance or a standby.`, related, data }];
  }
  if (unit.kind === 'server') {
    const host = t.hosts.get(unit.name)!;
    return [{
      code: 'single-point-of-failure', span: host.span,
      message: `If server ${unit.name} fails, ${what}: ${serverWhy(host.components, single)}`,
      related: host.components.map((c) => ({ span: c.nameSpan, message: `${c.name} runs on ${unit.name}` })),
      data,
    }];
  }
  const inZone = [...t.hosts.values()].filter((h) => h.props.zone?.value === unit.name);
  const names = inZone.map((h) => h.name);
  return inZone.map((h) => ({
    code: 'single-point-of-failure' as const, span: h.props.zone!.span,
    message: `If zone ${unit.name} is lost, ${what}: ${listNames(names)} ${names.length === 1 ? 'is' : 'are'} all in it. Put copies in another zone.`,
    related: inZone.filter((o) => o !== h).map((o) => ({ span: o.props.zone!.span, message: `${o.name} is also in ${unit.name}` })),
    data,
  }));
}

/** Why a server is critical, naming exactly the components that have no copy elsewhere. */
function serverWhy(hosted: readonly Component[], single: ReadonlySet<Component>): string {
  const names = hosted.map((c) => c.name);
  const alone = hosted.filter((c) => single.has(c)).map((c) => c.name);
  if (alone.length === 0 || alone.length === names.length) {
    const tail = alone.length ? 'nothing elsewhere can take over' : `the copies of ${names.length === 1 ? 'it' : 'them'} that could take over run here too`;
    return `it runs ${listNames(names)}, and ${tail}. Spread these components over more servers.`;
  }
  return `it runs ${listNames(names)}; ${listNames(alone)} ${alone.length === 1 ? 'has' : 'have'} no copy on another server, so nothing elsewhere can take ${alone.length === 1 ? 'its' : 'their'} place. Give ${alone.length === 1 ? 'it' : 'them'} a copy on another server.`;
}

/** Shortest path from an entry point to a component, from one BFS over the design. */
class PathFinder {
  private parent: Map<Component, Component | null> | undefined;
  constructor(private readonly t: Topology) {}

  pathTo(c: Component): Component[] {
    const parent = (this.parent ??= this.search());
    if (!parent.has(c)) return [c];
    const path: Component[] = [];
    for (let x: Component | null | undefined = c; x; x = parent.get(x)) path.push(x);
    return path.reverse();
  }

  private search(): Map<Component, Component | null> {
    const parent = new Map<Component, Component | null>();
    const queue: Component[] = [];
    for (const e of this.t.entryPoints) { parent.set(e, null); queue.push(e); }
    for (let i = 0; i < queue.length; i++) {
      const c = queue[i]!;
      for (const { component } of this.t.targets(c)) {
        for (const m of this.t.clusterOf(component)) {
          if (!parent.has(m)) { parent.set(m, c); queue.push(m); }
        }
      }
    }
    return parent;
  }
}
