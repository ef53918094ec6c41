/**
 * Edges that would fold the outer layout into a long chain. A frame holds
 * several tiers at once (web and app on one server), so an edge from the web
 * on one server to the app on the next one would make elk put the second
 * server a layer after the first: servers that hold the same tiers then form
 * a chain of dozens of layers, and elk's time grows with every long edge
 * crossing them. Such "sideways" edges are kept out of elk and drawn here as
 * a bracket beside the frames (out of the source's outbound side, into the
 * target's outbound side).
 */
import type { DiagramModel } from '../webviewProtocol';
import type { Direction } from './blocks';
import type { Box, Point } from './layout';
import { addTo } from '../addTo';

/** Each node's tier: the longest chain of edges leading to it, back edges of cycles ignored. */
export function tiers(model: DiagramModel): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of model.edges) addTo(out, e.source, e.target);
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): void => {
    // Iterative depth-first search: a 500-component chain must not overflow the stack.
    const stack: [string, number][] = [[id, 0]];
    state.set(id, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top[0])?.[top[1]++];
      if (next === undefined) { state.set(top[0], 'done'); order.push(top[0]); stack.pop(); }
      else if (!state.has(next)) { state.set(next, 'open'); stack.push([next, 0]); }
    }
  };
  for (const n of model.nodes) if (!state.has(n.id)) visit(n.id);
  const tier = new Map<string, number>(model.nodes.map((n) => [n.id, 0]));
  const position = new Map(order.map((id, i) => [id, i]));
  // `order` is a reverse topological order of the forward edges.
  for (const id of [...order].reverse()) {
    for (const t of out.get(id) ?? []) {
      if ((position.get(t) ?? 0) < (position.get(id) ?? 0)) tier.set(t, Math.max(tier.get(t) ?? 0, (tier.get(id) ?? 0) + 1));
    }
  }
  return tier;
}

/** Forward edges whose target's frame starts no later than the source's frame ends. */
export function sidewaysEdges(model: DiagramModel, ownerOf: ReadonlyMap<string, string>): Set<string> {
  const tier = tiers(model);
  const span = new Map<string, [number, number]>();
  for (const n of model.nodes) {
    const owner = ownerOf.get(n.id) ?? n.id;
    const t = tier.get(n.id) ?? 0;
    const s = span.get(owner);
    span.set(owner, s ? [Math.min(s[0], t), Math.max(s[1], t)] : [t, t]);
  }
  const sideways = new Set<string>();
  for (const e of model.edges) {
    const a = ownerOf.get(e.source) ?? e.source;
    const b = ownerOf.get(e.target) ?? e.target;
    if (a === b || (tier.get(e.target) ?? 0) <= (tier.get(e.source) ?? 0)) continue;
    if (span.get(b)![0] <= span.get(a)![1]) sideways.add(e.id);
  }
  return sideways;
}

/**
 * A bracket from the source card's outbound side to the target card's
 * outbound side, in the gap just past the frames that hold them; `lane`
 * staggers brackets so that they do not lie on top of each other.
 */
export function sidewaysRoute(from: Box, to: Box, outerFrom: Box, outerTo: Box, direction: Direction, lane: number): Point[] {
  const offset = 4 + (lane % 3) * 3;
  if (direction === 'RIGHT') {
    const x = Math.max(outerFrom.x + outerFrom.width, outerTo.x + outerTo.width) + offset;
    const ys = from.y + from.height / 2;
    const yt = to.y + to.height / 2;
    return [{ x: from.x + from.width, y: ys }, { x, y: ys }, { x, y: yt }, { x: to.x + to.width, y: yt }];
  }
  const y = Math.max(outerFrom.y + outerFrom.height, outerTo.y + outerTo.height) + offset;
  const xs = from.x + from.width / 2;
  const xt = to.x + to.width / 2;
  return [{ x: xs, y: from.y + from.height }, { x: xs, y }, { x: xt, y }, { x: xt, y: to.y + to.height }];
}
