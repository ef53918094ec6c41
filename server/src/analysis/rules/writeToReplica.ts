/** write-to-replica: a component that reaches only replicas, so its writes have nowhere to go. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const writeToReplica: Rule = {
  code: 'write-to-replica',
  severity: 'error',
  title: 'A component sends writes to a replica only (no path to the primary).',
  family: 'availability',
  reads: ['traffic', 'failover'],
  // Which targets are databases, which no in-place kind update changes.
  topology: ['edges'],
  check(ctx) {
    if (ctx.readShare >= 1) return [];
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const c of t.reachable) {
      const dbs = t.targets(c).filter((x) => t.kindOf(x.component) === 'database');
      if (dbs.length === 0) continue;
      const writable = dbs.some(({ component: d }) => {
        const p = t.primaryOf(d);
        return p !== undefined && (p === d || t.autoFailover(p));
      });
      if (writable) continue;
      const primaries = [...new Set(dbs.map((d) => t.primaryOf(d.component) ?? (d.component.replicates && t.components.get(d.component.replicates.name))).filter((p): p is NonNullable<typeof p> => !!p))];
      const first = dbs[0]!;
      out.push({
        code: 'write-to-replica', span: first.ref.span,
        message: `${c.name} sends its requests only to ${dbs.map((d) => d.component.name).join(', ')}, ${dbs.length === 1 ? 'a replica' : 'replicas'}: replicas accept reads only, so every write through ${c.name} fails.${primaries.length ? ` Send writes to ${primaries.map((p) => p.name).join(' or ')}.` : ''}`,
        related: primaries.map((p) => ({ span: p.nameSpan, message: `${p.name}, the primary that accepts writes` })),
        data: { repair: 'replace', candidates: primaries.map((p) => p.name) },
      });
    }
    return out;
  },
};
