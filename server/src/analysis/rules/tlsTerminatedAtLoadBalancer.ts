/** tls-terminated-at-load-balancer: a load balancer decrypts and forwards plain HTTP to its backends. */
import type { Finding } from '../findings';
import type { Component } from '../model/types';
import type { Rule } from './types';

export const tlsTerminatedAtLoadBalancer: Rule = {
  code: 'tls-terminated-at-load-balancer',
  severity: 'warning',
  title: 'A load balancer decrypts HTTPS and forwards plain HTTP to its backends.',
  family: 'security',
  reads: ['tls'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    const terminates = (c: Component): boolean => t.kindOf(c) === 'load-balancer' && c.tls?.value === 'terminate';
    for (const c of t.components.values()) {
      if (!terminates(c) || t.targets(c).length === 0) continue;
      // A cluster shares one configuration: one finding, on its first member that terminates.
      const members = t.clusterOf(c).filter((m) => terminates(m) && t.targets(m).length > 0);
      if (members.some((m) => m.nameSpan.start < c.nameSpan.start)) continue;
      const backends = members.flatMap((m) => t.targets(m)).filter((b, i, all) => all.findIndex((x) => x.component === b.component) === i);
      const names = backends.map((b) => b.component.name);
      const who = members.length > 1 ? `${c.name} (and its cluster peer${members.length > 2 ? 's' : ''} ${members.slice(1).map((m) => m.name).join(', ')})` : c.name;
      out.push({
        code: 'tls-terminated-at-load-balancer', span: c.tls!.span,
        message: `${who} decrypts HTTPS and sends plain HTTP on to ${names.join(', ')}: anyone on that network can read or alter the traffic, passwords and cookies included. Re-encrypt to the backends (tls: reencrypt, and tls: true on each) or pass TLS through.`,
        related: backends.map((b) => ({ span: b.ref.span, message: `plain HTTP to ${b.component.name}` })),
        data: { repair: 'set', subject: c.name, key: 'tls', value: 'reencrypt' },
      });
    }
    return out;
  },
};
