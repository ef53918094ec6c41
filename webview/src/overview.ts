/**
 * The overview of a large design, built from the tiers the server computed:
 * each closed tier is one stacked card ("web ×266", on how many servers and
 * zones, with its findings); an opened tier is a frame holding its members.
 * Edges and the simulation are mapped onto what is drawn, so that dots and
 * live load follow the tier cards.
 */
import { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, DiagramTier, PackedResult, STATS_PER_NODE } from '../../common/webviewProtocol';

export interface View {
  readonly model: DiagramModel;
  /** The id drawn for a node of the full model (its tier's card when the tier is closed). */
  readonly rep: (id: string) => string;
}

const KIND: Readonly<Record<string, string>> = {
  dns: 'DNS', 'load-balancer': 'load balancers', 'web-server': 'web servers', 'app-server': 'app servers',
  database: 'databases', cache: 'caches', cdn: 'CDNs', queue: 'queues', storage: 'storage', unknown: 'components',
};

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function tierDetail(t: DiagramTier): string {
  if (t.kind === 'dns') return `${t.members.length} service names`;
  return `${KIND[t.kind] ?? t.kind} on ${plural(t.servers, 'server')}${t.zones ? `, ${plural(t.zones, 'zone')}` : ''}`;
}

export function overview(full: DiagramModel, open: ReadonlySet<string>): View {
  const tiers = full.tiers ?? [];
  const tierOf = new Map<string, DiagramTier>();
  for (const t of tiers) if (t.members.length > 1) for (const m of t.members) tierOf.set(m, t);
  const rep = (id: string): string => { const t = tierOf.get(id); return t && !open.has(t.id) ? t.id : id; };
  const byId = new Map(full.nodes.map((n) => [n.id, n]));
  const nodes: DiagramNode[] = [];
  const groups: DiagramGroup[] = [];
  const placed = new Set<string>();
  for (const n of full.nodes) {
    const t = tierOf.get(n.id);
    if (!t) { nodes.push(strip(n)); continue; }
    if (placed.has(t.id)) continue;
    placed.add(t.id);
    if (open.has(t.id)) {
      groups.push({ id: t.id, kind: 'tier', label: `${t.label} ×${t.members.length} (click to close)`, findings: t.findings, codes: t.codes });
      for (const m of t.members) nodes.push({ ...strip(byId.get(m)!), parent: t.id });
    } else {
      const first = byId.get(t.members[0]!)!;
      nodes.push({ id: t.id, kind: t.kind, label: t.label, instances: t.members.length, detail: tierDetail(t), findings: t.findings, codes: t.codes, ...(first.nameRange ? { nameRange: first.nameRange } : {}) });
    }
  }
  // Edges attach to an opened tier's frame, not to each of its members.
  const end = (id: string): string => tierOf.get(id)?.id ?? id;
  const edges = new Map<string, DiagramEdge>();
  for (const e of full.edges) {
    const [source, target] = [end(e.source), end(e.target)];
    if (source === target) continue;
    const id = `${source}->${target}`;
    const seen = edges.get(id);
    // The weakest security of the hops it stands for: one plain hop makes the tier's edge plain.
    if (!seen || (seen.security === 'encrypted' && e.security !== 'encrypted')) edges.set(id, { ...e, id, source, target });
  }
  return { model: { ...full, nodes, groups, edges: [...edges.values()] }, rep };
}

/** A node without its frame (the overview draws no servers or zones). */
function strip(n: DiagramNode): DiagramNode {
  const { parent: _parent, ...rest } = n;
  return rest;
}

/** The simulation as drawn: request paths through tier cards, the load of a tier added up over its members. */
export function mapResult(result: PackedResult, rep: (id: string) => string): PackedResult {
  const K = STATS_PER_NODE;
  const index = new Map<string, number>();
  const to = result.ids.map((id) => { const r = rep(id); let i = index.get(r); if (i === undefined) { i = index.size; index.set(r, i); } return i; });
  const [m, n] = [result.ids.length, index.size];
  const stats = new Array<number>(result.ticks.length * n * K).fill(0);
  for (let t = 0; t < result.ticks.length; t++) {
    for (let i = 0; i < n; i++) stats[(t * n + i) * K] = -1;
    for (let j = 0; j < m; j++) {
      const from = (t * m + j) * K;
      if (result.stats[from]! < 0) continue;
      const at = (t * n + to[j]!) * K;
      const first = stats[at]! < 0;
      stats[at] = (first ? 0 : stats[at]!) + result.stats[from]!;
      stats[at + 1] = first ? result.stats[from + 1]! : Math.max(stats[at + 1]!, result.stats[from + 1]!);
      stats[at + 2] = stats[at + 2]! + result.stats[from + 2]!;
      stats[at + 3] = stats[at + 3]! + result.stats[from + 3]!;
    }
  }
  const ticks = result.ticks.map((t) => ({ ...t, requests: t.requests.map((q) => ({ ...q, path: q.path.map(rep) })) }));
  const offered = result.summary.offered && sumBy(result.summary.offered, rep);
  return { ...result, ticks, ids: [...index.keys()], stats, summary: { ...result.summary, ...(offered ? { offered } : {}) } };
}

function sumBy(values: Readonly<Record<string, number>>, rep: (id: string) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, v] of Object.entries(values)) out[rep(id)] = (out[rep(id)] ?? 0) + v;
  return out;
}
