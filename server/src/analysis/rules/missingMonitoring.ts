/** missing-monitoring: a machine without a monitoring client. */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const missingMonitoring: Rule = {
  code: 'missing-monitoring',
  severity: 'warning',
  title: 'A machine without a monitoring client.',
  family: 'operations',
  reads: ['monitoring'],
  topology: ['members'],
  check(ctx) {
    const t = ctx.topology;
    const agents = [...t.hosts.values()].map((h) => h.props.monitoring?.value).filter((m): m is string => typeof m === 'string');
    const agent = agents[0] ?? 'true';
    const out: Finding[] = [];
    for (const h of t.hosts.values()) {
      const m = h.props.monitoring?.value;
      if (m !== undefined && m !== false) continue;
      if (h.implicit && h.components.length === 0) continue;
      out.push({
        code: 'missing-monitoring', span: h.span,
        message: `${h.implicit ? `${h.name}'s machine` : `Server ${h.name}`} runs no monitoring client: nobody sees its load, errors or outage until users complain. Add 'monitoring: ${agent}'.`,
        data: { repair: 'set', subject: h.name, key: 'monitoring', value: agent },
      });
    }
    return out;
  },
};
