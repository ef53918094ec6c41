/** dns-cname-conflict: a CNAME beside other records at the same name, or at the apex. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const dnsCnameConflict: Rule = {
  code: 'dns-cname-conflict',
  severity: 'error',
  title: 'A CNAME beside other records, or at the apex.',
  family: 'dns',
  reads: [],
  topology: [],
  check(ctx) {
    const out: Finding[] = [];
    for (const name of ctx.design.dns) {
      const cname = name.records.find((r) => r.type === 'CNAME');
      if (!cname) continue;
      if (name.name === '@') {
        out.push({ code: 'dns-cname-conflict', span: cname.typeSpan, message: 'The apex (@) cannot hold a CNAME: it always has SOA and NS records. Point it at addresses with A/AAAA instead.' });
        continue;
      }
      const others = name.records.filter((r) => r.type !== 'CNAME');
      if (others.length) {
        out.push({
          code: 'dns-cname-conflict', span: cname.typeSpan,
          message: `'${name.name}' has a CNAME and ${others.map((r) => r.type).join(', ')}: a CNAME must be the only record at its name (resolvers would ignore the others).`,
          related: others.map((r) => ({ span: r.typeSpan, message: `${r.type} beside the CNAME` })),
        });
      }
    }
    return out;
  },
};
