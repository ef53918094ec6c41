/**
 * The shape every rule shares: a code, a default severity, a title, and a
 * check over the analysed design. Rules are registered in ./index.ts.
 */
import type { FailureModel } from '../engine/failures';
import type { Finding, RuleCode, Severity } from '../findings';
import type { Topology } from '../model/topology';
import type { Design } from '../model/types';

export interface RuleContext {
  readonly design: Design;
  readonly topology: Topology;
  /** Built on first use: rules that need no failure analysis never pay for it. */
  readonly failures: () => FailureModel;
  /** Findings the model builder made while reading the YAML (schema and syntax). */
  readonly parseFindings: readonly Finding[];
  /** Share of requests that only read (traffic.reads, default 0.9). */
  readonly readShare: number;
}

export interface Rule {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** One line: what the rule reports. */
  readonly title: string;
  /** The rule family, for docs and benchmarks. */
  readonly family: 'validation' | 'dns' | 'availability' | 'security' | 'operations' | 'capacity';
  /**
   * What the rule reads besides the topology (which is built from kind, on, to, cluster, role,
   * replicates, ip, dns and domain): component and server keys and top-level keys, `tls` and
   * `failover` included (the topology reads those when asked, in `servesTls` and `autoFailover`).
   * When an edit changes none of them and leaves the topology as it was, the rule's findings of the
   * previous version stand, moved (analyze.ts). A rule without `reads` runs after every edit.
   * `to` is for a rule that reads the `to:` refs themselves (their names, not only the targets they
   * resolve to): an edit of a `to:` list that resolves to the same targets keeps the topology.
   */
  readonly reads?: readonly RuleInput[];
  /**
   * The parts of the topology an edit can update in place that the rule reads: `edges` (targets,
   * senders, services, entry points, what is reachable, and what is computed from them: the failure
   * model, the offered load, groups of alternatives) and `kind` (`kindOf`, and what is computed from
   * the kinds). After such an update (analyze.ts: a `to:` edit that changes the targets, a kind edit)
   * a rule with `reads` and `topology` that reads neither the keys changed nor the part updated keeps
   * its findings, moved. Unset: the rule reads every part (runs after every such update).
   * An in-place kind update never changes which components are databases, nor any kind within a
   * cluster or named as a peer (model/topology.ts `rekinded`): a rule that reads kinds only for those
   * (the databases, a cluster's members) does not read `kind`.
   * `members` is the set of components and hosts: a component added that nothing names and that
   * names nothing, sends nowhere and has no address (model/topology.ts `added`) changes no edge, no
   * service and no offered load, only what a rule finds by going over every component or host.
   */
  readonly topology?: readonly TopologyPart[];
  /**
   * Whether the rule reads which names are defined beyond the names it says in its findings: it
   * suggests them (unknown-reference's "did you mean"). Such a rule with findings runs again after a
   * component is renamed in place (model/topology.ts `renamed`: a suggestion may be the new name);
   * with none, it keeps them (none), as any other rule keeps its findings across a rename unless one
   * of them says the old name.
   */
  readonly names?: boolean;
  check(ctx: RuleContext): Finding[];
}

/** The keys a rule can read that the topology is not built from (an edit of any other key builds it again). */
export const MODEL_INPUTS = [
  'software', 'zone', 'cpu', 'ram', 'disk', 'firewall', 'monitoring', 'replicas', 'algorithm', 'weights',
  'certificate', 'capacity', 'latency', 'tls', 'failover', 'traffic', 'name', 'lesson', 'infra',
] as const;
export type ModelInput = (typeof MODEL_INPUTS)[number];
/** The parts of the topology an edit updates in place (`Rule.topology`). */
export type TopologyPart = 'edges' | 'kind' | 'members';
/** What a rule can declare it reads (`Rule.reads`). */
export type RuleInput = ModelInput | 'to';

/** What the failure model reads besides the topology (engine/failures.ts). */
export const FAILURE_INPUTS: readonly ModelInput[] = ['zone', 'replicas', 'failover'];
/** What the offered load reads besides the topology (engine/load.ts), `traffic` for its qps and read share. */
export const LOAD_INPUTS: readonly ModelInput[] = ['replicas', 'capacity', 'algorithm', 'weights', 'failover', 'traffic'];

/** A rule whose findings the model builder produced while reading the file. */
export function parseRule(code: RuleCode, severity: Severity, title: string): Rule {
  return { code, severity, title, family: 'validation', check: (ctx) => ctx.parseFindings.filter((f) => f.code === code) };
}
