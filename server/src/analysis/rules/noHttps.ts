/** no-https: an entry point that serves plain HTTP only. */
import type { Finding } from '../findings';
import { servesHttp } from '../model/topology';
import type { Component } from '../model/types';
import { TLS_MODE_KINDS } from '../vocabulary';
import type { Rule } from './types';

export const noHttps: Rule = {
  code: 'no-https',
  severity: 'warning',
  title: 'An entry point that serves plain HTTP only.',
  family: 'security',
  reads: ['tls'],
  check(ctx) {
    const t = ctx.topology;
    const hostsOf = new Map<Component, Set<string>>();
    for (const s of t.services) {
      for (const e of s.entries) {
        if (!servesHttp(t.kindOf(e.component)) || t.servesTls(e.component)) continue;
        const set = hostsOf.get(e.component) ?? new Set<string>();
        set.add(s.host);
        hostsOf.set(e.component, set);
      }
    }
    const out: Finding[] = [];
    for (const [c, hosts] of hostsOf) {
      // A cluster shares one configuration: one finding, on its first plain member.
      const plain = t.clusterOf(c).filter((m) => hostsOf.has(m));
      if (plain.some((m) => m.nameSpan.start < c.nameSpan.start)) continue;
      const kind = t.kindOf(c)!;
      const who = plain.length > 1 ? `${c.name} (and its cluster peer${plain.length > 2 ? 's' : ''} ${plain.slice(1).map((m) => m.name).join(', ')})` : c.name;
      const fix = TLS_MODE_KINDS.has(kind) ? 'tls: terminate or reencrypt' : 'tls: true';
      out.push({
        code: 'no-https', span: c.nameSpan,
        message: `Users reach ${who} at ${[...hosts].sort().join(', ')} over plain HTTP: passwords, cookies and pages cross the internet unencrypted and can be read or changed on the way. Serve HTTPS (${fix}, with a certificate).`,
        data: { repair: 'set', subject: c.name, key: 'tls', value: TLS_MODE_KINDS.has(kind) ? 'terminate' : 'true' },
      });
    }
    return out;
  },
};
