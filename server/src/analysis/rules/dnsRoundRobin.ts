/** dns-round-robin: several A/AAAA values at one name: no health checks, no failover. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const dnsRoundRobin: Rule = {
  code: 'dns-round-robin',
  severity: 'information',
  title: 'Several A/AAAA values: round-robin DNS has no health checks and no failover.',
  family: 'dns',
  reads: [],
  topology: [],
  check(ctx) {
    const out: Finding[] = [];
    for (const name of ctx.design.dns) {
      for (const r of name.records) {
        if ((r.type === 'A' || r.type === 'AAAA') && r.values.length > 1) {
          out.push({
            code: 'dns-round-robin', span: r.typeSpan,
            message: `${r.type} for '${name.name}' lists ${r.values.length} addresses: resolvers hand them out in turn with no health checks, so when one fails the users sent to it fail until their cache expires. A load balancer (or a cluster with a shared address) fails over instead.`,
          });
        }
      }
    }
    return out;
  },
};
