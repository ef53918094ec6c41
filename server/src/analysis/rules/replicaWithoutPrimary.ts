/** replica-without-primary: `role: replica` with no `replicates`, or one that replicates a non-primary. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const replicaWithoutPrimary: Rule = {
  code: 'replica-without-primary',
  severity: 'error',
  title: 'A replica with no primary to copy from.',
  family: 'availability',
  reads: [],
  topology: ['kind', 'members'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    const primaries = [...t.components.values()].filter((c) => t.isPrimary(c)).map((c) => c.name);
    for (const c of t.components.values()) {
      if (t.kindOf(c) !== 'database' || c.role?.value !== 'replica') continue;
      if (!c.replicates) {
        out.push({
          code: 'replica-without-primary', span: c.role.span,
          message: `${c.name} is a replica but says nothing about what it copies: ${primaries.length ? `add 'replicates: <primary>' (e.g. ${primaries[0]})` : "the design has no primary database, so make it the primary (role: primary) or add one"}.`,
          // With no primary to name, the repair is to make this one the primary, never a made-up name.
          data: primaries.length
            ? { repair: 'insert-key', key: 'replicates', placeholder: primaries[0]!, under: ['components', c.name] }
            : { repair: 'set', subject: c.name, key: 'role', value: 'primary' },
        });
        continue;
      }
      const target = t.components.get(c.replicates.name);
      if (!target || t.isPrimary(target)) continue;
      const why = t.kindOf(target) !== 'database' ? `${target.name} is a ${t.kindOf(target) ?? 'component'}, not a database` : `${target.name} is itself a replica`;
      out.push({
        code: 'replica-without-primary', span: c.replicates.span,
        message: `${c.name} replicates ${target.name}, but ${why}: a replica copies the writes of a primary.${primaries.length ? ` Replicate ${primaries[0]} instead.` : ''}`,
        related: [{ span: target.nameSpan, message: `${target.name}` }],
        data: { repair: 'replace', candidates: primaries },
      });
    }
    return out;
  },
};
