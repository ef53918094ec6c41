/** certificate-mismatch: a certificate that does not cover the DNS names whose TLS session ends there. */
import type { Finding } from '../findings';
import type { Component } from '../model/types';
import { certificateCovers } from '../model/values';
import type { Rule } from './types';

export const certificateMismatch: Rule = {
  code: 'certificate-mismatch',
  severity: 'warning',
  title: "A certificate that does not cover the names users reach it by.",
  family: 'security',
  reads: ['certificate', 'tls'],
  check(ctx) {
    const t = ctx.topology;
    const names = new Map<Component, Set<string>>();
    const add = (c: Component, host: string): void => {
      const s = names.get(c) ?? new Set<string>();
      s.add(host);
      names.set(c, s);
    };
    for (const s of t.services) {
      for (const e of s.entries) {
        const c = e.component;
        if (c.tls?.value === 'passthrough') {
          for (const { component } of t.targets(c)) for (const m of t.clusterOf(component)) add(m, s.host);
        } else if (t.servesTls(c)) add(c, s.host);
      }
    }
    const out: Finding[] = [];
    for (const [c, hosts] of names) {
      if (!c.certificate || !t.servesTls(c)) continue;
      const subjects = c.certificate.value;
      const uncovered = [...hosts].filter((h) => !subjects.some((s) => certificateCovers(s, h))).sort();
      if (uncovered.length === 0) continue;
      out.push({
        code: 'certificate-mismatch', span: c.certificate.span,
        message: `${c.name}'s certificate (${subjects.join(', ')}) does not cover ${uncovered.join(', ')}: browsers will refuse the connection with a certificate warning. A wildcard covers exactly one label (*.foobar.com covers www.foobar.com, not foobar.com).`,
        data: { repair: 'replace', candidates: [suggestSubject([...hosts])] },
      });
    }
    return out;
  },
};

/** One subject covering all hosts when they share a parent, else the first host. */
function suggestSubject(hosts: string[]): string {
  if (hosts.length === 1) return hosts[0]!;
  const parents = new Set(hosts.map((h) => h.slice(h.indexOf('.') + 1)));
  return parents.size === 1 && hosts.every((h) => h.includes('.')) ? `*.${[...parents][0]}` : hosts[0]!;
}
