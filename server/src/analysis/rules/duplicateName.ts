/** duplicate-name: a name defined twice (names are unique across servers and components). */
import type { Finding } from '../findings';
import type { Span } from '../model/types';
import type { Rule } from './types';

export const duplicateName: Rule = {
  code: 'duplicate-name',
  severity: 'error',
  title: 'A name used twice.',
  family: 'validation',
  reads: [],
  topology: ['members'],
  check(ctx) {
    const out: Finding[] = [];
    const first = new Map<string, { span: Span; what: string }>();
    const visit = (name: string, span: Span, what: string): void => {
      const prev = first.get(name);
      if (!prev) { first.set(name, { span, what }); return; }
      if (prev.span.start === span.start) return; // the same node reached twice through an alias
      out.push({
        code: 'duplicate-name', span,
        message: `'${name}' is already defined as a ${prev.what}; names must be unique across servers and components.`,
        related: [{ span: prev.span, message: `first definition of '${name}'` }],
        data: { repair: 'replace', candidates: [] },
      });
    };
    const defs = [
      ...ctx.design.servers.map((s) => ({ name: s.name, span: s.nameSpan, what: 'server' })),
      ...ctx.design.components.map((c) => ({ name: c.name, span: c.nameSpan, what: 'component' })),
    ].sort((a, b) => a.span.start - b.span.start);
    for (const d of defs) visit(d.name, d.span, d.what);
    const dns = new Map<string, Span>();
    for (const n of ctx.design.dns) {
      const key = n.name.toLowerCase();
      const prev = dns.get(key);
      if (prev) out.push({ code: 'duplicate-name', span: n.nameSpan, message: `The DNS name '${n.name}' is already defined; put all its records under one entry.`, related: [{ span: prev, message: 'first definition' }] });
      else dns.set(key, n.nameSpan);
    }
    return out;
  },
};
