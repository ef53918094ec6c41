/**
 * A frame's title row (its name, then its FW/MON badges at the right end),
 * and the edges kept out of it: an edge that would enter a frame through its
 * name or badges is moved sideways to a free part of the row, or the name
 * drops its kind word ("server server-1" → "server-1") to make room. The
 * renderer and the SVG export draw the row from the same `titleRow`.
 */
import type { DiagramGroup, DiagramModel } from '../webviewProtocol';
import type { Box, Layout, Point } from './layout';

/** Rough width of one character of the 11 px semi-bold frame title. */
export const TITLE_CHAR_W = 6.6;
/** Two 30 px pills 4 px apart. */
export const BADGES_W = 64;
const LEFT = 10;
/** Kept free at the right end for the findings circle on the frame's corner. */
const RIGHT = 14;
/** The row's band below the frame's top edge, and the clearance an edge (and its arrowhead) needs. */
const BAND: readonly [number, number] = [4, 30];
const CLEAR = 6;

export interface TitleRow {
  readonly text: string;
  /** The title's and the badges' spans, relative to the frame's left edge. */
  readonly title: readonly [number, number];
  readonly badges?: readonly [number, number];
}

/** A frame's full title, "server server-1", "zone eu-1a", or a cluster's name: the wording of the preview and of every writer. */
export function frameTitle(g: Pick<DiagramGroup, 'kind' | 'label'>): string {
  return `${g.kind === 'zone' ? 'zone ' : g.kind === 'server' ? 'server ' : ''}${g.label}`;
}

/** The title shown in a frame `width` wide; `short` drops the kind word. */
export function titleRow(g: DiagramGroup, width: number, short = false): TitleRow {
  const badges: [number, number] | undefined = g.badges ? [width - RIGHT - BADGES_W, width - RIGHT] : undefined;
  const room = (badges ? badges[0] - 8 : width - RIGHT) - LEFT;
  const full = frameTitle(g);
  const text = !short && full.length * TITLE_CHAR_W <= room ? full : fitText(g.label, room / TITLE_CHAR_W);
  return { text, title: [LEFT, LEFT + Math.min(text.length * TITLE_CHAR_W, room)], ...(badges ? { badges } : {}) };
}

/** `text` cut to about `chars` characters with an ellipsis (the whole text stays in the tooltip). */
export function fitText(text: string, chars: number): string {
  const max = Math.max(4, Math.floor(chars));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

type Span = readonly [number, number];

/**
 * The layout with every vertical edge segment that crosses a frame's title row
 * moved to a free x of that row (within the cards it starts or ends on); the
 * frames that had to drop their kind word for it are listed in `shortTitles`.
 */
export function clearTitles(model: DiagramModel, layout: Layout): Layout {
  const edges = new Map<string, Point[]>([...layout.edges].map(([id, pts]) => [id, pts.map((p) => ({ ...p }))]));
  const ends = new Map(model.edges.map((e) => [e.id, [layout.nodes.get(e.source), layout.nodes.get(e.target)] as const]));
  const short = new Set<string>();
  for (const g of model.groups) {
    const box = layout.groups.get(g.id);
    if (!box) continue;
    for (const [id, pts] of edges) {
      for (let i = 0; i + 1 < pts.length; i++) {
        if (!crossesRow(pts[i]!, pts[i + 1]!, box)) continue;
        const [from, to] = ends.get(id) ?? [undefined, undefined];
        const within = allowed(box, i === 0 ? from : undefined, i + 2 === pts.length ? to : undefined);
        let x = freeX(pts[i]!.x, within, occupied(titleRow(g, box.width, short.has(g.id)), box));
        if (x === undefined && !short.has(g.id) && g.kind !== 'cluster') {
          x = freeX(pts[i]!.x, within, occupied(titleRow(g, box.width, true), box));
          if (x !== undefined) short.add(g.id);
        }
        if (x !== undefined) pts[i] = { ...pts[i]!, x }, pts[i + 1] = { ...pts[i + 1]!, x };
      }
    }
  }
  return { ...layout, edges, shortTitles: short };
}

function crossesRow(a: Point, b: Point, box: Box): boolean {
  if (Math.abs(a.x - b.x) > 0.5 || a.x < box.x || a.x > box.x + box.width) return false;
  const [top, bottom] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return top < box.y + BAND[1] && bottom > box.y + BAND[0];
}

/** Where in the frame a segment may run: inside it, and on the card it starts or ends on. */
function allowed(box: Box, from: Box | undefined, to: Box | undefined): Span {
  let span: Span = [box.x + CLEAR, box.x + box.width - CLEAR];
  for (const c of [from, to]) if (c) span = [Math.max(span[0], c.x + 12), Math.min(span[1], c.x + c.width - 12)];
  return span;
}

function occupied(row: TitleRow, box: Box): Span[] {
  const spans: Span[] = [[box.x + row.title[0] - CLEAR, box.x + row.title[1] + CLEAR]];
  if (row.badges) spans.push([box.x + row.badges[0] - CLEAR, box.x + row.badges[1] + CLEAR]);
  return spans;
}

/** `x` if it is free, else the free x within `within` nearest to it. */
function freeX(x: number, within: Span, taken: readonly Span[]): number | undefined {
  const free = (v: number): boolean => v >= within[0] && v <= within[1] && taken.every(([a, b]) => v < a || v > b);
  if (free(x)) return x;
  const candidates = [within[0], within[1], ...taken.flatMap(([a, b]) => [a - 0.5, b + 0.5])].filter(free);
  return candidates.sort((p, q) => Math.abs(p - x) - Math.abs(q - x))[0];
}
