/** dns-dangling: a DNS name whose target does not serve HTTP, or a CNAME into the zone that leads nowhere. */
import type { Finding } from '../findings';
import { servesHttp } from '../model/topology';
import { normalizeHost } from '../model/values';
import type { Rule } from './types';

export const dnsDangling: Rule = {
  code: 'dns-dangling',
  severity: 'warning',
  title: 'An entry point that does not serve HTTP, or a CNAME to a name with no records.',
  family: 'dns',
  reads: [],
  check(ctx) {
    const out: Finding[] = [];
    const t = ctx.topology;
    for (const s of t.services) {
      const seen = new Set<number>();
      for (const e of s.entries) {
        const kind = t.kindOf(e.component);
        if (!kind || servesHttp(kind) || seen.has(e.via.span.start)) continue;
        seen.add(e.via.span.start);
        out.push({
          code: 'dns-dangling', span: e.via.span,
          message: `${s.host} leads to ${e.component.name}, a ${kind}, which does not answer HTTP: users get no web page. Point it at a load balancer or web server instead.`,
          related: [{ span: e.component.nameSpan, message: `${e.component.name} (${kind})` }],
        });
      }
    }
    for (const p of t.cnameProblems) out.push({ code: 'dns-dangling', span: p.span, message: p.message });
    const domain = t.design.domain ? normalizeHost(t.design.domain.value) : undefined;
    if (!domain) return out;
    const names = new Set(t.design.dns.map((n) => t.fqdn(n.name)));
    for (const n of t.design.dns) {
      for (const r of n.records) {
        if (r.type !== 'CNAME') continue;
        for (const v of r.values) {
          const host = normalizeHost(v.text);
          if ((host === domain || host.endsWith('.' + domain)) && !names.has(host)) {
            out.push({ code: 'dns-dangling', span: v.span, message: `${v.text} is in this zone but has no records: the CNAME leads nowhere.` });
          }
        }
      }
    }
    return out;
  },
};
