/**
 * What the analysis reports: findings with a rule code, a precise span, a
 * message, related places and typed repair data for code actions.
 */
import type { Span } from './model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const RULE_CODES = [
  'yaml-syntax', 'unknown-key', 'invalid-value', 'missing-key', 'unknown-reference', 'duplicate-name',
  'single-point-of-failure', 'tls-terminated-at-load-balancer', 'tls-terminated-at-cdn', 'no-https', 'tls-passthrough-to-plain-backend',
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
  /** Set on the "…and N more" finding that stands for N findings left out. */
  readonly omitted?: number;
}

/**
 * Bounds on what one analysis reports, so that a hostile or generated design
 * (130,000 unknown names, a 5,000-step chain) cannot grow the publication
 * past what an editor can take: findings per rule, per file, characters per
 * message, related places per finding, and characters in all.
 */
export const LIMITS = {
  perRule: 1000,
  perFile: 5000,
  messageChars: 2000,
  related: 20,
  totalChars: 2_000_000,
} as const;

/** A message cut to the limit, saying so. */
export function boundedMessage(message: string, max: number = LIMITS.messageChars): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

function bounded(f: Finding): Finding {
  const long = f.message.length > LIMITS.messageChars;
  const related = f.related && (f.related.length > LIMITS.related || f.related.some((r) => r.message.length > LIMITS.messageChars))
    ? f.related.slice(0, LIMITS.related).map((r) => ({ span: r.span, message: boundedMessage(r.message) }))
    : f.related;
  if (!long && related === f.related) return f;
  return { ...f, message: boundedMessage(f.message), ...(related ? { related } : {}) };
}

function size(f: Finding): number {
  let n = f.message.length + 100;
  for (const r of f.related ?? []) n += r.message.length + 80;
  return n;
}

/** "and 129,900 more" at the first place left out. */
function summary(code: RuleCode, first: Finding, omitted: number, why: string): Finding {
  return {
    code, span: first.span, omitted,
    message: `…and ${omitted.toLocaleString('en-US')} more ${code} ${omitted === 1 ? 'finding' : 'findings'} not shown (${why}). Fix the ones shown first.`,
  };
}

/**
 * Collects findings rule by rule within the limits. Never spreads a rule's
 * array into a call (`push(...xs)` overflows the stack past ~120,000 items).
 */
export class FindingCollector {
  private readonly out: Finding[] = [];
  private chars = 0;
  private kept = 0;

  /** Adds one rule's findings; what does not fit becomes one summary finding per rule. */
  add(code: RuleCode, findings: readonly Finding[]): void {
    let mine = 0;
    for (let i = 0; i < findings.length; i++) {
      const f = bounded(findings[i]!);
      const cost = size(f);
      const perRule = mine >= LIMITS.perRule;
      if (perRule || this.kept >= LIMITS.perFile || this.chars + cost > LIMITS.totalChars) {
        const why = perRule ? `at most ${LIMITS.perRule.toLocaleString('en-US')} per rule are shown` : 'the file has more findings than can be shown';
        this.out.push(summary(code, f, findings.length - i, why));
        return;
      }
      this.out.push(f);
      this.chars += cost;
      this.kept++;
      mine++;
    }
  }

  get findings(): Finding[] {
    return this.out;
  }
}
