/**
 * The failures of one simulation run, in the failure engine's own terms:
 * unit ids become its units, and "can this component still serve reads /
 * writes" is its `componentServes`, computed once per component. A
 * replicated component (`replicas` > 1) has no unit of its own — it
 * survives the loss of one instance — so failing it takes one instance
 * away: the component keeps serving with less capacity.
 */
import type { UnitId } from '../../../../common/webviewProtocol';
import type { FailureModel, RequestClass, ServiceOutcome } from '../engine/failures';
import type { Topology } from '../model/topology';
import type { Component } from '../model/types';

export interface Outage {
  readonly failedUnits: ReadonlySet<number>;
  /** Why the component is down, or undefined when it is up. */
  downCause(c: Component): string | undefined;
  /** Instances lost (0 or 1) of a replicated component. */
  lostInstances(c: Component): number;
  serves(c: Component, cls: RequestClass): boolean;
  /** A health check answers when the component can serve some class (deep check). */
  healthy(c: Component): boolean;
  expected(): ServiceOutcome[];
}

export function buildOutage(t: Topology, model: FailureModel, failed: readonly UnitId[]): Outage {
  const failedUnits = new Set<number>();
  const lostReplica = new Set<string>();
  for (const id of failed) {
    const [kind, ...rest] = id.split(':');
    const name = rest.join(':');
    const u = kind === 'component' ? model.unitOfComponent(name) : kind === 'server' ? model.unitOfServer(name) : kind === 'zone' ? model.unitOfZone(name) : undefined;
    if (u !== undefined) failedUnits.add(u);
    else if (kind === 'component' && (t.components.get(name)?.replicas?.value ?? 1) > 1) lostReplica.add(name);
  }
  const serving = { read: new Map<Component, boolean>(), write: new Map<Component, boolean>() };
  for (const c of t.components.values()) {
    for (const cls of ['read', 'write'] as const) serving[cls].set(c, model.componentServes(c, cls, failedUnits));
  }
  return {
    failedUnits,
    downCause(c) {
      for (const u of model.unitsOf(c)) {
        if (!failedUnits.has(u)) continue;
        const unit = model.units[u]!;
        return unit.kind === 'component' ? `${c.name} failed` : unit.kind === 'server' ? `server ${unit.name} failed` : `zone ${unit.name} was lost`;
      }
      return undefined;
    },
    lostInstances: (c) => (lostReplica.has(c.name) ? 1 : 0),
    serves: (c, cls) => serving[cls].get(c) ?? false,
    healthy: (c) => (serving.read.get(c) ?? false) || (serving.write.get(c) ?? false),
    expected: () => model.evaluate(failedUnits),
  };
}
