/** Reads node and frame boxes out of an elk result (both layouts share this). */
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Box } from './layout';

/**
 * Every elk child as a box, frames apart from nodes. `members` returns the
 * boxes a fixed block holds, relative to it (the two-level layout's frames).
 */
export function boxesOf(
  root: ElkNode,
  groupIds: ReadonlySet<string>,
  members: (id: string) => Iterable<[string, Box]> = () => [],
): { nodes: Map<string, Box>; groups: Map<string, Box> } {
  const nodes = new Map<string, Box>();
  const groups = new Map<string, Box>();
  const stack = [...(root.children ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    const box = { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 };
    (groupIds.has(n.id) ? groups : nodes).set(n.id, box);
    for (const [id, m] of members(n.id)) nodes.set(id, { ...m, x: box.x + m.x, y: box.y + m.y });
    for (const child of n.children ?? []) stack.push(child);
  }
  return { nodes, groups };
}
