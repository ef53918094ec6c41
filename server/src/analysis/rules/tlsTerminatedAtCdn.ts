/** tls-terminated-at-cdn: a CDN decrypts HTTPS and fetches from its origin over plain HTTP. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const tlsTerminatedAtCdn: Rule = {
  code: 'tls-terminated-at-cdn',
  severity: 'warning',
  title: 'A CDN decrypts HTTPS and fetches from its origin over plain HTTP.',
  family: 'security',
  reads: ['tls'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const c of t.components.values()) {
      if (t.kindOf(c) !== 'cdn' || c.tls?.value !== 'terminate') continue;
      const origins = t.targets(c);
      if (origins.length === 0) continue;
      const names = origins.map((o) => o.component.name);
      out.push({
        code: 'tls-terminated-at-cdn', span: c.tls.span,
        message: `${c.name} decrypts HTTPS at its edge and fetches from ${names.join(', ')} over plain HTTP, across the public internet: anyone on the way can read or alter the pages, passwords and cookies. Re-encrypt to the origin (tls: reencrypt, and tls: true on the origin) or pass TLS through.`,
        related: origins.map((o) => ({ span: o.ref.span, message: `plain HTTP from ${c.name} to ${o.component.name}` })),
        data: { repair: 'set', subject: c.name, key: 'tls', value: 'reencrypt' },
      });
    }
    return out;
  },
};
