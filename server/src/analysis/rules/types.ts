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
  check(ctx: RuleContext): Finding[];
}

/** A rule whose findings the model builder produced while reading the file. */
export function parseRule(code: RuleCode, severity: Severity, title: string): Rule {
  return { code, severity, title, family: 'validation', check: (ctx) => ctx.parseFindings.filter((f) => f.code === code) };
}
