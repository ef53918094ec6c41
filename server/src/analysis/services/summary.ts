/** The design at a glance, for the code lens at the top of the file. */
import type { Analysis } from '../analyze';
import type { Finding } from '../findings';
import type { Topology } from '../model/topology';
import { RULES_BY_CODE } from '../rules';
import { TLS_MODE_KINDS } from '../vocabulary';

export interface DesignSummary {
  readonly components: number;
  readonly servers: number;
  readonly singlePointsOfFailure: number;
  /** Users' requests are HTTPS from the browser to the first web or app server (no plain hop behind a load balancer or CDN). */
  readonly encryptedEndToEnd: boolean;
  readonly errors: number;
}

export function summarize(a: Analysis): DesignSummary {
  const t = a.topology;
  const findings = a.findings();
  const hosts = [...t.hosts.values()].filter((h) => h.components.length > 0 || !h.implicit);
  return {
    components: t.components.size,
    servers: hosts.reduce((n, h) => n + (h.implicit ? h.components.reduce((m, c) => Math.max(m, c.replicas?.value ?? 1), 1) : 1), 0),
    singlePointsOfFailure: count(findings, (f) => f.code === 'single-point-of-failure'),
    encryptedEndToEnd: encrypted(t),
    errors: count(findings, (f) => RULES_BY_CODE.get(f.code)?.family === 'validation'),
  };
}

/** Findings that match, a summary finding counting for all those it stands for. */
function count(findings: readonly Finding[], test: (f: Finding) => boolean): number {
  return findings.reduce((n, f) => n + (test(f) ? f.omitted ?? 1 : 0), 0);
}

function encrypted(t: Topology): boolean {
  if (t.services.length === 0) return false;
  for (const c of t.entryPoints) if (!t.servesTls(c)) return false;
  for (const c of t.reachable) {
    const tls = c.tls?.value;
    if (!TLS_MODE_KINDS.has(t.kindOf(c)!) || tls === 'passthrough') continue;
    for (const { component } of t.targets(c)) {
      const k = t.kindOf(component);
      if (k === 'database' || k === 'cache' || k === 'queue') continue;
      if (tls === 'terminate' || !t.servesTls(component)) return false;
    }
  }
  return true;
}

/**
 * The lens title. While the design has errors (a component without a kind, an unknown key…) the
 * checks that found nothing cannot be trusted, so no ✓ or 🔒 is claimed until they are fixed.
 */
export function summaryTitle(s: DesignSummary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const spof = s.singlePointsOfFailure > 0
    ? `⚠ ${plural(s.singlePointsOfFailure, 'single point')} of failure`
    : s.errors ? 'single points of failure: fix the errors first' : '✓ no single point of failure';
  const tls = s.encryptedEndToEnd ? (s.errors ? undefined : '🔒 encrypted end to end') : '🔓 not encrypted end to end';
  const parts = [spof, tls, `${plural(s.servers, 'server')}, ${plural(s.components, 'component')}`].filter((p): p is string => !!p);
  if (s.errors) parts.unshift(`✖ ${plural(s.errors, 'error')}`);
  return parts.join('  ·  ');
}
