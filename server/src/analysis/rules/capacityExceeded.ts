/** capacity-exceeded: at traffic.qps a component is offered more requests per second than its instances serve. */
import { capacityOf, offeredLoad } from '../engine/load';
import type { Finding } from '../findings';
import { LOAD_INPUTS, type Rule } from './types';

export const capacityExceeded: Rule = {
  code: 'capacity-exceeded',
  severity: 'warning',
  title: 'A tier is offered more requests per second than its instances serve.',
  family: 'capacity',
  reads: LOAD_INPUTS,
  // It reports the components the offered load reaches: a component nothing sends to or names is none of them.
  topology: ['edges', 'kind'],
  check(ctx) {
    const qps = ctx.design.traffic?.qps?.value;
    if (qps === undefined || qps <= 0) return [];
    const t = ctx.topology;
    const out: Finding[] = [];
    for (const [c, l] of offeredLoad(t, qps, ctx.readShare)) {
      const offered = l.reads + l.writes;
      const cap = capacityOf(t, c);
      if (offered <= cap * (1 + 1e-9)) continue;
      const instances = c.replicas?.value ?? 1;
      const perInstance = cap / instances;
      const needed = Math.ceil(offered / perInstance);
      out.push({
        code: 'capacity-exceeded', span: c.capacity?.span ?? c.nameSpan,
        message: `At ${qps} qps, ${c.name} would be offered ${round(offered)} requests per second, but ${instances === 1 ? 'its one instance serves' : `its ${instances} instances serve`} ${round(cap)}: requests queue up and time out. It needs ${needed} instances (replicas: ${needed}) or a higher capacity.`,
        data: { repair: 'set', subject: c.name, key: 'replicas', value: String(needed) },
      });
    }
    return out;
  },
};

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
