/** tls-terminated-at-load-balancer: a load balancer decrypts and forwards plain HTTP to its backends. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const tlsTerminatedAtLoadBalancer: Rule = {
  code: 'tls-terminated-at-load-balancer',
  severity: 'warning',
  title: 'A load balancer decrypts HTTPS and forwards plain HTTP to its backends.',
  family: 'security',
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const c of t.components.values()) {
      if (t.kindOf(c) !== 'load-balancer' || c.tls?.value !== 'terminate') continue;
      const backends = t.targets(c);
      if (backends.length === 0) continue;
      const names = backends.map((b) => b.component.name);
      out.push({
        code: 'tls-terminated-at-load-balancer', span: c.tls.span,
        message: `${c.name} decrypts HTTPS and sends plain HTTP on to ${names.join(', ')}: anyone on that network can read or alter the traffic, passwords and cookies included. Re-encrypt to the backends (tls: reencrypt, and tls: true on each) or pass TLS through.`,
        related: backends.map((b) => ({ span: b.ref.span, message: `plain HTTP from ${c.name} to ${b.component.name}` })),
        data: { repair: 'set', subject: c.name, key: 'tls', value: 'reencrypt' },
      });
    }
    return out;
  },
};
