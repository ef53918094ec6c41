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
      const kind = t.kindOf(c)!;
      const fix = TLS_MODE_KINDS.has(kind) ? 'tls: terminate or reencrypt' : 'tls: true';
      out.push({
        code: 'no-https', span: c.nameSpan,
        message: `Users reach ${c.name} at ${[...hosts].sort().join(', ')} over plain HTTP: passwords, cookies and pages cross the internet unencrypted and can be read or changed on the way. Serve HTTPS (${fix}, with a certificate).`,
        data: { repair: 'set', subject: c.name, key: 'tls', value: TLS_MODE_KINDS.has(kind) ? 'terminate' : 'true' },
      });
    }
    return out;
  },
};
