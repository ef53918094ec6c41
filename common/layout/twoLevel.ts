/**
 * Layout of designs too big for elk's full hierarchical layout (which took
 * tens of seconds at 500 components): two levels. Each leaf frame (server,
 * cluster) is arranged by blocks.ts and handed to elk as one fixed-size node
 * with a fixed port per member card on its inbound and outbound sides;
 * components outside such frames are nodes of their own; zones stay elk
 * compound nodes around them. Edges are given to elk between the ports, so
 * elk routes them, and each route is extended by the short stub from the
 * port on the frame's border to its card. Edges within a frame, and the
 * "sideways" ones of sideways.ts, are routed without elk.
 */
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk.bundled.js';
import type { DiagramEdge, DiagramModel, DiagramNode } from '../webviewProtocol';
import { Block, buildBlock, Direction, innerRoute } from './blocks';
import type { Box, Layout, Point } from './layout';
import { boxesOf } from './boxes';
import { sidewaysEdges, sidewaysRoute } from './sideways';
import { addTo } from '../addTo';

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
type Size = { width: number; height: number };

interface Plan {
  /** Leaf frames by group id. */
  readonly blocks: Map<string, Block>;
  /** The leaf frame holding each member card. */
  readonly ownerOf: Map<string, string>;
  readonly compound: Set<string>;
}

export async function layoutTwoLevel(elk: Elk, model: DiagramModel, direction: Direction, options: Record<string, string>, groupOptions: Record<string, string>, sizeOf: (n: DiagramNode) => Size): Promise<Layout> {
  const plan = planBlocks(model, direction, sizeOf);
  const ports = new Map<string, ElkPort[]>();
  const endpoint = (nodeId: string, end: 'in' | 'out'): string => {
    const owner = plan.ownerOf.get(nodeId);
    if (!owner) return nodeId;
    const id = `${nodeId}>${end}`;
    const list = ports.get(owner) ?? [];
    if (!list.some((p) => p.id === id)) list.push(port(id, plan.blocks.get(owner)!, plan.blocks.get(owner)!.members.get(nodeId)!, end, direction));
    ports.set(owner, list);
    return id;
  };
  const inner: DiagramEdge[] = [];
  const edges: ElkExtendedEdge[] = [];
  const sideways = sidewaysEdges(model, plan.ownerOf);
  for (const e of model.edges) {
    const owner = plan.ownerOf.get(e.source);
    if ((owner && owner === plan.ownerOf.get(e.target)) || sideways.has(e.id)) inner.push(e);
    else edges.push({ id: e.id, sources: [endpoint(e.source, 'out')], targets: [endpoint(e.target, 'in')] });
  }
  const root: ElkNode = { id: '__root', layoutOptions: options, children: [], edges };
  const elkNodes = new Map<string, ElkNode>();
  for (const id of plan.compound) elkNodes.set(id, { id, layoutOptions: groupOptions, children: [] });
  for (const b of plan.blocks.values()) elkNodes.set(b.id, { id: b.id, width: b.width, height: b.height, ports: ports.get(b.id) ?? [], layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } });
  for (const n of model.nodes) if (!plan.ownerOf.has(n.id)) elkNodes.set(n.id, { id: n.id, ...sizeOf(n) });
  const parentOf = new Map<string, string | undefined>([...model.groups.map((g) => [g.id, g.parent] as const), ...model.nodes.map((n) => [n.id, n.parent] as const)]);
  for (const [id, node] of elkNodes) {
    const parent = parentOf.get(id);
    ((parent !== undefined && plan.compound.has(parent) && elkNodes.get(parent)) || root).children!.push(node);
  }
  const out = await elk.layout(root);
  return collect(out, model, plan, inner, direction);
}

/** Which groups are leaf frames (only cards inside) and which hold other frames. */
function planBlocks(model: DiagramModel, direction: Direction, sizeOf: (n: DiagramNode) => Size): Plan {
  const compound = new Set<string>();
  for (const g of model.groups) if (g.parent) compound.add(g.parent);
  const membersOf = new Map<string, DiagramNode[]>();
  for (const n of model.nodes) {
    if (n.parent && !compound.has(n.parent)) addTo(membersOf, n.parent, n);
  }
  const ownerOf = new Map<string, string>();
  for (const [g, members] of membersOf) for (const n of members) ownerOf.set(n.id, g);
  const innerOf = new Map<string, DiagramEdge[]>();
  for (const e of model.edges) {
    const g = ownerOf.get(e.source);
    if (g && g === ownerOf.get(e.target)) addTo(innerOf, g, e);
  }
  const blocks = new Map<string, Block>();
  for (const g of model.groups) {
    if (!compound.has(g.id)) blocks.set(g.id, buildBlock(g, membersOf.get(g.id) ?? [], innerOf.get(g.id) ?? [], direction, sizeOf));
  }
  return { blocks, ownerOf, compound };
}

/** A fixed port on the frame's border, level with (or aligned under) its card. */
function port(id: string, block: Block, card: Box, end: 'in' | 'out', direction: Direction): ElkPort {
  const inbound = end === 'in';
  if (direction === 'RIGHT') {
    return { id, width: 0, height: 0, x: inbound ? 0 : block.width, y: card.y + card.height / 2, layoutOptions: { 'elk.port.side': inbound ? 'WEST' : 'EAST' } };
  }
  return { id, width: 0, height: 0, x: card.x + card.width / 2, y: inbound ? 0 : block.height, layoutOptions: { 'elk.port.side': inbound ? 'NORTH' : 'SOUTH' } };
}

function collect(root: ElkNode, model: DiagramModel, plan: Plan, inner: readonly DiagramEdge[], direction: Direction): Layout {
  const groupIds = new Set(model.groups.map((g) => g.id));
  const { nodes, groups } = boxesOf(root, groupIds, (id) => plan.blocks.get(id)?.members ?? []);
  const edges = new Map<string, Point[]>();
  const byId = new Map(model.edges.map((e) => [e.id, e]));
  for (const e of root.edges ?? []) {
    const s = e.sections?.[0];
    const d = byId.get(e.id);
    if (!s || !d) continue;
    const route: Point[] = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
    // Stubs between the port on the frame's border and the card itself.
    const from = plan.ownerOf.has(d.source) ? nodes.get(d.source) : undefined;
    const to = plan.ownerOf.has(d.target) ? nodes.get(d.target) : undefined;
    if (from) route.unshift(direction === 'RIGHT' ? { x: from.x + from.width, y: s.startPoint.y } : { x: s.startPoint.x, y: from.y + from.height });
    if (to) route.push(direction === 'RIGHT' ? { x: to.x, y: s.endPoint.y } : { x: s.endPoint.x, y: to.y });
    edges.set(e.id, route);
  }
  let lane = 0;
  for (const e of inner) {
    const a = nodes.get(e.source);
    const b = nodes.get(e.target);
    if (!a || !b) continue;
    const [oa, ob] = [plan.ownerOf.get(e.source), plan.ownerOf.get(e.target)];
    if (oa && oa === ob) edges.set(e.id, innerRoute(a, b, direction));
    else edges.set(e.id, sidewaysRoute(a, b, (oa && groups.get(oa)) || a, (ob && groups.get(ob)) || b, direction, lane++));
  }
  return { nodes, groups, edges, width: root.width ?? 0, height: root.height ?? 0 };
}
