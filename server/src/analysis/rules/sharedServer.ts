/** shared-server: web, app and database components of different kinds contend for one server. */
import type { Finding } from '../findings';
import type { Kind } from '../vocabulary';
import { listNames } from './text';
import type { Rule } from './types';

const CONTENDERS: ReadonlySet<Kind> = new Set<Kind>(['web-server', 'app-server', 'database']);

export const sharedServer: Rule = {
  code: 'shared-server',
  severity: 'information',
  title: 'Web, app and database components share one server.',
  family: 'operations',
  reads: [],
  topology: ['kind', 'members'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const h of t.hosts.values()) {
      if (h.implicit) continue;
      const tiers = h.components.filter((c) => CONTENDERS.has(t.kindOf(c)!));
      const kinds = new Set(tiers.map((c) => t.kindOf(c)));
      if (kinds.size < 2) continue;
      out.push({
        code: 'shared-server', span: h.span,
        message: `${listNames(tiers.map((c) => `${c.name} (${t.kindOf(c)})`))} share server ${h.name}: they compete for its CPU, memory and disk, a busy tier slows the others, and they cannot be scaled apart.`,
        related: tiers.map((c) => ({ span: c.nameSpan, message: `${c.name} runs on ${h.name}` })),
        data: { repair: 'target', subject: h.name, kind: 'server', classes: [] },
      });
    }
    return out;
  },
};
