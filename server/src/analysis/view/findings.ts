/**
 * Which diagram element each finding belongs to, counted by severity. A
 * single-point-of-failure about a server or zone goes on that frame (its
 * repair data names it); every other finding goes on the component, server
 * or DNS name whose definition contains it.
 */
import type { Severity, SeverityCounts } from '../../../../common/webviewProtocol';
import type { ReportedFinding } from '../analyze';
import type { Topology } from '../model/topology';
import type { Span } from '../model/types';

export interface Tally {
  readonly counts: Record<Severity, number>;
  readonly codes: Set<string>;
}

export const emptyCounts = (): Record<Severity, number> => ({ error: 0, warning: 0, information: 0, hint: 0 });

/** Finding tallies keyed by diagram id (`c:NAME`, `server:NAME`, `zone:NAME`, `dns:HOST`). */
export function tallyFindings(t: Topology, findings: readonly ReportedFinding[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const owners = ownerSpans(t);
  const seen = new Set<string>();
  for (const f of findings) {
    const id = ownerOf(f, owners);
    if (!id) continue;
    // A zone SPOF is reported once per server in the zone; the frame counts it once.
    const key = `${id}|${f.code}|${f.message}`;
    if (id.startsWith('zone:') && seen.has(key)) continue;
    seen.add(key);
    let tally = out.get(id);
    if (!tally) out.set(id, (tally = { counts: emptyCounts(), codes: new Set() }));
    tally.counts[f.severity]++;
    tally.codes.add(f.code);
  }
  return out;
}

export function countsOf(tally: Tally | undefined): { findings: SeverityCounts; codes: string[] } {
  return { findings: tally ? { ...tally.counts } : emptyCounts(), codes: tally ? [...tally.codes].sort() : [] };
}

function ownerSpans(t: Topology): { id: string; span: Span }[] {
  const spans: { id: string; span: Span }[] = [];
  for (const c of t.components.values()) spans.push({ id: `c:${c.name}`, span: c.span });
  for (const s of t.servers.values()) spans.push({ id: `server:${s.name}`, span: s.span });
  for (const svc of t.services) spans.push({ id: `dns:${svc.host}`, span: svc.dns.span });
  // Sorted by start, so each finding finds its owner by binary search (owners do not overlap).
  return spans.sort((a, b) => a.span.start - b.span.start);
}

function ownerOf(f: ReportedFinding, owners: readonly { id: string; span: Span }[]): string | undefined {
  if (f.code === 'single-point-of-failure' && f.data?.repair === 'target' && f.data.kind !== 'component') {
    return `${f.data.kind}:${f.data.subject}`;
  }
  const at = f.span.start;
  let lo = 0;
  let hi = owners.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (owners[mid]!.span.start <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const o = owners[found];
  return o && at < Math.max(o.span.end, o.span.start + 1) ? o.id : undefined;
}
