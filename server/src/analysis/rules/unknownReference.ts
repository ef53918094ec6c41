/** unknown-reference: `to`, `on`, `peers`, `replicates`, `weights` or a DNS value names nothing. */
import type { Finding } from '../findings';
import { suggest } from '../model/build';
import type { Ref } from '../model/types';
import { isIp } from '../model/values';
import { NAME_PATTERN } from '../vocabulary';
import type { Rule, RuleContext } from './types';

export const unknownReference: Rule = {
  code: 'unknown-reference',
  severity: 'error',
  title: 'A name that refers to no server or component.',
  family: 'validation',
  reads: ['weights', 'to'],
  // Names and refs only (kinds for the databases a replica may name, which no in-place kind update changes).
  topology: [],
  names: true,
  check(ctx) {
    const out: Finding[] = [];
    const { components, servers } = ctx.topology;
    // Listed when a reference names nothing: a design without one (most keystrokes) never lists its 10,000 names.
    let names: { components: string[]; servers: string[] } | undefined;
    const listed = (): { components: string[]; servers: string[] } => (names ??= { components: [...components.keys()], servers: [...servers.keys()] });
    const missing = (ref: Ref, what: string, list: (() => readonly string[]), extra = ''): void => {
      const candidates = list();
      const guess = suggest(ref.name, candidates);
      const hint = guess ? ` Did you mean '${guess}'?` : candidates.length ? '' : ` There are no ${what}s yet.`;
      out.push({ code: 'unknown-reference', span: ref.span, message: `No ${what} is named '${ref.name}'.${extra}${hint}`, data: { repair: 'replace', candidates: guess ? [guess] : [] } });
    };
    for (const c of components.values()) {
      if (c.on && !servers.has(c.on.name)) {
        const extra = components.has(c.on.name) ? ` '${c.on.name}' is a component; 'on' names a machine declared under 'servers'.` : '';
        missing(c.on, 'server', () => listed().servers, extra);
      }
      for (const r of c.to) if (!components.has(r.name)) missing(r, 'component', () => listed().components, servers.has(r.name) ? ` '${r.name}' is a server; 'to' names the components it sends requests to.` : '');
      for (const w of c.weights) if (!components.has(w.ref.name)) missing(w.ref, 'component', () => c.to.map((t) => t.name));
      for (const p of c.cluster?.peers ?? []) if (!components.has(p.name)) missing(p, 'component', () => listed().components);
      if (c.replicates && !components.has(c.replicates.name)) missing(c.replicates, 'component', () => listed().components.filter((n) => components.get(n)?.kind?.value === 'database'));
    }
    for (const n of ctx.design.dns) {
      for (const r of n.records) {
        if (r.type !== 'A' && r.type !== 'AAAA') continue;
        for (const v of r.values) {
          if (isIp(v.text) || !NAME_PATTERN.test(v.text) || /^\d+(\.\d+)*$/.test(v.text)) continue;
          if (!components.has(v.text) && !servers.has(v.text)) missing({ name: v.text, span: v.span }, 'server or component', () => [...listed().components, ...listed().servers]);
        }
      }
    }
    return out;
  },
};

export type { RuleContext };
