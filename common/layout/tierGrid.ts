/**
 * An opened tier of the overview is laid out as one block: its members in a
 * grid inside the tier's frame, the frame itself a single node for elk with
 * the edges of the tier attached to it.
 */
import type { DiagramModel, DiagramNode } from '../webviewProtocol';
import type { Box, Layout } from './layout';

const PAD_TOP = 34;
const PAD = 12;
const GAP = 12;

type Size = { width: number; height: number };
type Lay = (model: DiagramModel, sizeOf: (n: DiagramNode) => Size) => Promise<Layout>;

export async function layoutWithTierGrids(model: DiagramModel, lay: Lay, sizeOf: (n: DiagramNode) => Size): Promise<Layout> {
  const tiers = model.groups.filter((g) => g.kind === 'tier');
  const grids = new Map(tiers.map((t) => [t.id, grid(model.nodes.filter((n) => n.parent === t.id), sizeOf)]));
  const placeholders: DiagramNode[] = tiers.map((t) => ({ id: t.id, kind: 'unknown', label: t.label, instances: 1, findings: t.findings, codes: [] }));
  const reduced: DiagramModel = { ...model, groups: model.groups.filter((g) => g.kind !== 'tier'), nodes: [...model.nodes.filter((n) => !grids.has(n.parent ?? '')), ...placeholders] };
  const sized = (n: DiagramNode): Size => grids.get(n.id)?.size ?? sizeOf(n);
  const out = await lay(reduced, sized);
  const nodes = new Map(out.nodes);
  const groups = new Map(out.groups);
  for (const [id, g] of grids) {
    const box = nodes.get(id);
    if (!box) continue;
    nodes.delete(id);
    groups.set(id, box);
    for (const [m, b] of g.members) nodes.set(m, { ...b, x: box.x + b.x, y: box.y + b.y });
  }
  return { ...out, nodes, groups };
}

/** Members in rows, about as many columns as rows (cards are wider than tall, so a little fewer). */
function grid(members: readonly DiagramNode[], sizeOf: (n: DiagramNode) => Size): { size: Size; members: Map<string, Box> } {
  const cols = Math.max(1, Math.ceil(Math.sqrt(members.length * 0.6)));
  const cell = members.reduce((c, n) => { const s = sizeOf(n); return { width: Math.max(c.width, s.width), height: Math.max(c.height, s.height) }; }, { width: 0, height: 0 });
  const boxes = new Map<string, Box>();
  members.forEach((n, i) => boxes.set(n.id, { x: PAD + (i % cols) * (cell.width + GAP), y: PAD_TOP + Math.floor(i / cols) * (cell.height + GAP), ...sizeOf(n) }));
  const rows = Math.ceil(members.length / cols);
  return { size: { width: 2 * PAD + cols * cell.width + (cols - 1) * GAP, height: PAD_TOP + PAD + rows * cell.height + (rows - 1) * GAP }, members: boxes };
}
