/** Inlay hints: the load each component would be offered at `traffic.qps`, beside its name. */
import type { Analysis } from '../analyze';
import { capacityOf, offeredLoad } from '../engine/load';
import { plainText } from './markdown';

export interface InlayHintData {
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

export function inlayHints(a: Analysis, from: number, to: number): InlayHintData[] {
  const qps = a.design.traffic?.qps?.value;
  if (!qps) return [];
  const reads = a.design.traffic?.reads?.value ?? 0.9;
  const out: InlayHintData[] = [];
  for (const [c, l] of offeredLoad(a.topology, qps, reads)) {
    const at = c.nameSpan.end + 1;
    if (at < from || at > to || a.parsed.text[c.nameSpan.end] !== ':') continue;
    const offered = l.reads + l.writes;
    const cap = capacityOf(a.topology, c);
    const pct = Number.isFinite(cap) && cap > 0 ? Math.round((offered / cap) * 100) : undefined;
    out.push({
      offset: at,
      label: ` ≈ ${Math.round(offered)} qps${pct !== undefined ? ` (${pct}%)` : ''}`,
      tooltip: `At ${qps} qps, ${plainText(c.name)} is offered about ${offered.toFixed(1)} requests/s (${l.reads.toFixed(1)} reads, ${l.writes.toFixed(1)} writes) of the ${cap} it can serve.`,
    });
  }
  return out.sort((x, y) => x.offset - y.offset);
}
