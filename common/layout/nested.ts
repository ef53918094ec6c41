/**
 * The layout of small designs: elk's full hierarchical layout (frames inside
 * frames). elk treats each frame as one block at its parent's level, so an
 * edge between two frames puts the second frame a layer after the first.
 * Three kinds of edges are therefore drawn here instead of by elk, each of
 * which would make the picture longer without saying anything more:
 * the users → DNS lookup (users and DNS share the first layer), replication
 * (a replica sits beside its primary), and "sideways" edges between frames
 * that hold the same tiers (app-2 on server-2 → mysql on server-1).
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { DiagramEdge, DiagramModel, DiagramNode } from '../webviewProtocol';
import type { Direction } from './blocks';
import { boxesOf } from './boxes';
import type { Box, Layout, Point } from './layout';
import { sidewaysRoute, tiers } from './sideways';

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
type Size = { width: number; height: number };

export async function layoutNested(elk: Elk, model: DiagramModel, direction: Direction, options: Record<string, string>, groupOptions: Record<string, string>, sizeOf: (n: DiagramNode) => Size): Promise<Layout> {
  const elkNodes = new Map<string, ElkNode>();
  for (const g of model.groups) elkNodes.set(g.id, { id: g.id, layoutOptions: groupOptions, children: [] });
  const first = { 'elk.layered.layering.layerConstraint': 'FIRST' };
  for (const n of model.nodes) elkNodes.set(n.id, { id: n.id, ...sizeOf(n), ...(isEntry(n) ? { layoutOptions: first } : {}) });
  const root: ElkNode = { id: '__root', layoutOptions: options, children: [] };
  const parentOf = new Map<string, string | undefined>([...model.groups.map((g) => [g.id, g.parent] as const), ...model.nodes.map((n) => [n.id, n.parent] as const)]);
  for (const [id, node] of elkNodes) ((parentOf.get(id) && elkNodes.get(parentOf.get(id)!)) || root).children!.push(node);
  const sideways = sidewaysBetweenFrames(model, parentOf);
  const aside = (e: DiagramEdge): boolean => e.kind === 'lookup' || e.kind === 'replication' || sideways.has(e.id);
  root.edges = model.edges.filter((e) => !aside(e)).map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  const out = await elk.layout(root);
  const { nodes, groups } = boxesOf(out, new Set(model.groups.map((g) => g.id)));
  const edges = new Map<string, Point[]>();
  for (const e of out.edges ?? []) {
    const s = e.sections?.[0];
    if (s) edges.set(e.id, [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
  }
  let lane = 0;
  for (const e of model.edges.filter(aside)) {
    const [a, b] = [nodes.get(e.source), nodes.get(e.target)];
    if (!a || !b) continue;
    const frames = sideways.get(e.id);
    edges.set(e.id, frames ? sidewaysRoute(a, b, groups.get(frames[0]) ?? a, groups.get(frames[1]) ?? b, direction, lane++) : sideBySide(a, b));
  }
  return { nodes, groups, edges, width: out.width ?? 0, height: out.height ?? 0 };
}

/** Users and DNS names outside any frame: they share the first layer. */
const isEntry = (n: DiagramNode): boolean => (n.kind === 'users' || n.kind === 'dns') && !n.parent;

/**
 * Edges between two sibling frames whose tiers overlap, with those frames:
 * left to elk, they would chain frames that belong side by side.
 */
function sidewaysBetweenFrames(model: DiagramModel, parentOf: ReadonlyMap<string, string | undefined>): Map<string, [string, string]> {
  const chain = (id: string): string[] => { const out: string[] = []; for (let p = parentOf.get(id); p; p = parentOf.get(p)) out.unshift(p); return out; };
  const tier = tiers(model);
  const span = new Map<string, [number, number]>();
  for (const n of model.nodes) {
    const t = tier.get(n.id) ?? 0;
    for (const f of chain(n.id)) { const s = span.get(f); span.set(f, s ? [Math.min(s[0], t), Math.max(s[1], t)] : [t, t]); }
  }
  const out = new Map<string, [string, string]>();
  for (const e of model.edges) {
    if (e.kind !== 'request' || (tier.get(e.target) ?? 0) <= (tier.get(e.source) ?? 0)) continue;
    const [ca, cb] = [chain(e.source), chain(e.target)];
    let i = 0;
    while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
    const [fa, fb] = [ca[i], cb[i]];
    if (fa && fb && span.get(fb)![0] <= span.get(fa)![1]) out.set(e.id, [fa, fb]);
  }
  return out;
}

/** The short arrow between two cards of one layer (users → DNS, primary → replica), from the facing sides. */
export function sideBySide(a: Box, b: Box): Point[] {
  const [ax, ay, bx, by] = [a.x + a.width / 2, a.y + a.height / 2, b.x + b.width / 2, b.y + b.height / 2];
  if (Math.abs(ay - by) < Math.abs(ax - bx)) {
    const y = (Math.max(a.y, b.y) + Math.min(a.y + a.height, b.y + b.height)) / 2;
    return ax < bx ? [{ x: a.x + a.width, y }, { x: b.x, y }] : [{ x: a.x, y }, { x: b.x + b.width, y }];
  }
  const x = (Math.max(a.x, b.x) + Math.min(a.x + a.width, b.x + b.width)) / 2;
  return ay < by ? [{ x, y: a.y + a.height }, { x, y: b.y }] : [{ x, y: a.y }, { x, y: b.y + b.height }];
}
