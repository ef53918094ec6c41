/**
 * The inner arrangement of a leaf frame (a server or cluster holding only
 * components), computed here rather than by elk: a server holds a handful of
 * components, so a column (left-to-right flow) or a row (top-to-bottom flow)
 * in request order is enough, and it keeps every card's inbound and outbound
 * side on the frame's border, where the outer layout attaches the edges.
 */
import type { DiagramEdge, DiagramGroup, DiagramNode } from '../webviewProtocol';
import type { Box, Point } from './layout';

export type Direction = 'RIGHT' | 'DOWN';

export interface Block {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Member cards, relative to the block's top-left corner. */
  readonly members: ReadonlyMap<string, Box>;
}

/** Room for the frame's label above the cards, and around them. */
const PAD_TOP = 34;
const PAD = 12;
const GAP = 24;
/** Rough width of one 11px bold label character, to keep the title clear of the badges. */
const CHAR_W = 6.8;
const BADGES_W = 100;

type Size = { width: number; height: number };

export function buildBlock(group: DiagramGroup, nodes: readonly DiagramNode[], inner: readonly DiagramEdge[], direction: Direction, sizeOf: (n: DiagramNode) => Size): Block {
  const title = (group.kind === 'server' ? 7 : group.kind === 'zone' ? 5 : 0) + group.label.length;
  const minWidth = title * CHAR_W + 2 * PAD + (group.badges ? BADGES_W : 0);
  const members = new Map<string, Box>();
  let along = 0;
  let across = 0;
  for (const n of requestOrder(nodes, inner)) {
    const s = sizeOf(n);
    if (direction === 'RIGHT') {
      members.set(n.id, { x: PAD, y: PAD_TOP + along, ...s });
      along += s.height + GAP;
      across = Math.max(across, s.width);
    } else {
      members.set(n.id, { x: PAD + along, y: PAD_TOP, ...s });
      along += s.width + GAP;
      across = Math.max(across, s.height);
    }
  }
  along = Math.max(0, along - GAP);
  const [width, height] = direction === 'RIGHT' ? [across + 2 * PAD, PAD_TOP + along + PAD] : [along + 2 * PAD, PAD_TOP + across + PAD];
  return { id: group.id, width: Math.max(width, minWidth), height: Math.max(height, PAD_TOP + PAD), members };
}

/** Members ordered so that requests inside the frame flow forward (a topological order, ties by name). */
function requestOrder(nodes: readonly DiagramNode[], inner: readonly DiagramEdge[]): DiagramNode[] {
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  for (const e of inner) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const left = [...nodes];
  const out: DiagramNode[] = [];
  while (left.length) {
    // On a cycle no member is free: take the first one left, which breaks it.
    const i = Math.max(0, left.findIndex((n) => indegree.get(n.id) === 0));
    const [n] = left.splice(i, 1);
    out.push(n!);
    for (const e of inner) if (e.source === n!.id) indegree.set(e.target, (indegree.get(e.target) ?? 0) - 1);
  }
  return out;
}

/**
 * The route of an edge inside one frame. Neighbours in flow order get a
 * short straight arrow; anything else detours along the side of the cards
 * that faces away from the frame's own edges (left in a column, below in a row).
 */
export function innerRoute(a: Box, b: Box, direction: Direction): Point[] {
  if (direction === 'RIGHT') {
    const x = a.x + 24;
    if (b.y > a.y && b.y - (a.y + a.height) <= GAP + 1) return [{ x, y: a.y + a.height }, { x, y: b.y }];
    const side = Math.min(a.x, b.x) - 6;
    return [{ x: a.x, y: a.y + a.height / 2 }, { x: side, y: a.y + a.height / 2 }, { x: side, y: b.y + b.height / 2 }, { x: b.x, y: b.y + b.height / 2 }];
  }
  const y = a.y + a.height / 2;
  if (b.x > a.x && b.x - (a.x + a.width) <= GAP + 1) return [{ x: a.x + a.width, y }, { x: b.x, y }];
  const below = Math.max(a.y + a.height, b.y + b.height) + 6;
  return [{ x: a.x + a.width / 2, y: a.y + a.height }, { x: a.x + a.width / 2, y: below }, { x: b.x + b.width / 2, y: below }, { x: b.x + b.width / 2, y: b.y + b.height }];
}
