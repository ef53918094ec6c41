/**
 * What every diagram writer says the same way: the kind names, a card's
 * lines, the finding mark, the frame tree and short ids that every format
 * accepts. Writers differ only in syntax, so Mermaid, DOT, D2, draw.io and
 * SVG show the same nodes, edges, frames and marks as the preview.
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, Severity, SeverityCounts } from '../../../../../common/webviewProtocol';
import { addTo } from '../../../../../common/addTo';
import { frameTitle } from '../../../../../common/layout/titles';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export const KIND_LABEL: Readonly<Record<string, string>> = {
  users: 'users', dns: 'DNS', 'load-balancer': 'load balancer', 'web-server': 'web server', 'app-server': 'app server',
  database: 'database', cache: 'cache', cdn: 'CDN', queue: 'queue', storage: 'storage', unknown: 'component',
};

/** Colours of the finding marks (the preview's light theme). */
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: '#d32f2f', warning: '#e67e00', information: '#1f6feb', hint: '#6e7781' };

export function worst(c: SeverityCounts): Severity | undefined {
  return SEVERITIES.find((s) => c[s] > 0);
}

/** "2 warnings, 1 error" style, or undefined when there are none. */
export function markText(c: SeverityCounts): string | undefined {
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}${c[s] > 1 && s !== 'information' ? 's' : ''}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** The lines of a card: name (×N), kind · software · role, and its finding mark. */
export function nodeLines(n: DiagramNode): string[] {
  const lines = [n.instances > 1 ? `${n.label} ×${n.instances}` : n.label];
  if (n.kind !== 'users' && n.kind !== 'dns') lines.push([KIND_LABEL[n.kind] ?? n.kind, n.software, n.role].filter(Boolean).join(' · '));
  const badges = n.badges && badgeText(n.badges);
  if (badges) lines.push(badges);
  const mark = markText(n.findings);
  if (mark) lines.push(`⚠ ${mark}`);
  return lines;
}

export function groupLines(g: DiagramGroup): string[] {
  const lines = [frameTitle(g)]; // the preview's wording (common/layout/titles.ts)
  const badges = g.badges && badgeText(g.badges);
  if (badges) lines.push(badges);
  const mark = markText(g.findings);
  if (mark) lines.push(`⚠ ${mark}`);
  return lines;
}

function badgeText(b: NonNullable<DiagramNode['badges']>): string {
  return `${b.firewall ? 'firewall' : 'no firewall'} · ${b.monitoring === false ? 'no monitoring' : `monitoring${typeof b.monitoring === 'string' ? ` ${b.monitoring}` : ''}`}`;
}

/** What an edge's label says: its security for requests and DNS answers, "replicates" for replication. */
export function edgeLabel(e: DiagramEdge): string | undefined {
  if (e.kind === 'replication') return 'replicates';
  if (e.kind === 'lookup') return undefined;
  if (e.security === 'encrypted') return 'HTTPS';
  if (e.security === 'terminated-plain') return 'plain HTTP';
  return undefined;
}

export interface Tree {
  /** Frames and nodes directly inside each frame id ('' for the top level), in model order. */
  readonly groupsIn: ReadonlyMap<string, readonly DiagramGroup[]>;
  readonly nodesIn: ReadonlyMap<string, readonly DiagramNode[]>;
  /** A short id per model id (n0, n1 … for nodes, g0 … for frames), safe in every format. */
  readonly short: ReadonlyMap<string, string>;
  /** The frames around an id, outermost first. */
  path(id: string): string[];
}

export function treeOf(model: DiagramModel): Tree {
  const known = new Set(model.groups.map((g) => g.id));
  const parentOf = (p: string | undefined): string => (p !== undefined && known.has(p) ? p : '');
  const groupsIn = new Map<string, DiagramGroup[]>();
  const nodesIn = new Map<string, DiagramNode[]>();
  const parents = new Map<string, string>();
  const short = new Map<string, string>();
  // Each group and node: a short id by its index (`g0`, `n0`), its parent, a place among its siblings.
  const place = <T extends DiagramGroup | DiagramNode>(items: readonly T[], prefix: string, into: Map<string, T[]>): void =>
    items.forEach((item, i) => {
      short.set(item.id, `${prefix}${i}`);
      parents.set(item.id, parentOf(item.parent));
      addTo(into, parentOf(item.parent), item);
    });
  place(model.groups, 'g', groupsIn);
  place(model.nodes, 'n', nodesIn);
  const path = (id: string): string[] => {
    const out: string[] = [];
    for (let p = parents.get(id) ?? ''; p !== '' && !out.includes(p); p = parents.get(p) ?? '') out.unshift(p);
    return out;
  };
  return { groupsIn, nodesIn, short, path };
}
