/**
 * What the analysis reports: findings with a rule code, a precise span, a
 * message, related places and typed repair data for code actions.
 */
import type { Span } from './model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const RULE_CODES = [
  'yaml-syntax', 'unknown-key', 'invalid-value', 'missing-key', 'unknown-reference', 'duplicate-name',
  'single-point-of-failure', 'tls-terminated-at-load-balancer', 'no-https', 'tls-passthrough-to-plain-backend',
  'certificate-mismatch', 'missing-firewall', 'database-exposed', 'missing-monitoring', 'shared-server',
  'write-to-replica', 'replica-without-primary', 'cluster-single-node', 'capacity-exceeded', 'capacity-during-maintenance',
  'dns-invalid-record', 'dns-cname-conflict', 'dns-round-robin', 'dns-dangling',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export function isRuleCode(s: string): s is RuleCode {
  return (RULE_CODES as readonly string[]).includes(s);
}

export interface Related {
  readonly span: Span;
  readonly message: string;
}

/**
 * The repair a quick fix can apply, described as data so that code actions
 * never parse messages. `replace`: put `text` over the finding's span.
 */
export type RepairData =
  | { readonly repair: 'replace'; readonly candidates: readonly string[] }
  | { readonly repair: 'insert-key'; readonly key: string; readonly placeholder: string; readonly under: readonly string[] }
  | { readonly repair: 'target'; readonly subject: string; readonly kind: 'component' | 'server' | 'zone'; readonly classes: readonly string[] }
  | { readonly repair: 'set'; readonly subject: string; readonly key: string; readonly value: string }
  | { readonly repair: 'none' };

export interface Finding {
  readonly code: RuleCode;
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly Related[];
  readonly data?: RepairData;
}
