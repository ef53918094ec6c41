/** missing-firewall: a machine that users or other machines reach has no firewall. */
import type { Finding } from '../findings';
import type { Host, Topology } from '../model/topology';
import type { Rule } from './types';

/** Whether users (as entry points) or components on other machines send to this host. */
export function isReached(t: Topology, h: Host): boolean {
  return h.components.some((c) => t.entryPoints.has(c) || t.senders(c).some((s) => t.hostOf(s) !== h));
}

export function hasFirewall(h: Host): boolean {
  const f = h.props.firewall?.value;
  return f !== undefined && f !== false;
}

export const missingFirewall: Rule = {
  code: 'missing-firewall',
  severity: 'warning',
  title: 'A machine that users or other machines reach has no firewall.',
  family: 'security',
  reads: ['firewall'],
  check(ctx) {
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const h of t.hosts.values()) {
      if (hasFirewall(h) || !isReached(t, h)) continue;
      const what = h.implicit ? `${h.name}'s machine` : `Server ${h.name}`;
      out.push({
        code: 'missing-firewall', span: h.span,
        message: `${what} is reachable over the network but has no firewall: every port it opens (SSH, admin consoles, database ports) is open to whoever can reach it. Add 'firewall: true' to allow only the traffic the design uses.`,
        data: { repair: 'set', subject: h.name, key: 'firewall', value: 'true' },
      });
    }
    return out;
  },
};
