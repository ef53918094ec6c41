/**
 * Layout with elkjs (layered, left to right) over the diagram's frames:
 * zones hold servers and clusters, which hold components. Small designs get
 * elk's full hierarchical layout; larger ones the two-level one of twoLevel.ts. Coordinates come
 * back absolute (`elk.json.*Coords: ROOT`) so the renderer never has to add
 * up parent offsets. The bundled elk (no eval) runs in the preview's layout
 * worker (webview/src/layoutWorker.ts; in the page if no worker can start) and
 * as is in Node for the exported SVG and draw.io files.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { DiagramModel, DiagramNode } from '../webviewProtocol';
import { layoutNested } from './nested';
import { layoutWithTierGrids } from './tierGrid';
import { clearTitles } from './titles';
import { layoutTwoLevel } from './twoLevel';

export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
export interface Point { readonly x: number; readonly y: number }

export interface Layout {
  readonly nodes: ReadonlyMap<string, Box>;
  readonly groups: ReadonlyMap<string, Box>;
  readonly edges: ReadonlyMap<string, readonly Point[]>;
  readonly width: number;
  readonly height: number;
  /** Frames whose title drops its kind word so that an edge can pass (titles.ts). */
  readonly shortTitles?: ReadonlySet<string>;
}

export const NODE_W = 176;
export const NODE_H = 64;
export const TIER_W = 236;
/** Offset of each card behind a replicated component. */
export const STACK = 5;

const elk = new ELK();

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.spacing.nodeNode': '20',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};
/**
 * Above this many nodes and frames, elk's full hierarchical layout (frames
 * inside frames, INCLUDE_CHILDREN) grows past the 2 s budget (2.5 s at ~100
 * nodes with 45 frames, over a minute at 500), so servers and clusters are
 * arranged on their own and laid out as single nodes (twoLevel.ts).
 */
export const LARGE_DESIGN = 40;
const LARGE_OPTIONS: Record<string, string> = { 'elk.layered.thoroughness': '1' };
const GROUP_OPTIONS = { 'elk.padding': '[top=34,left=12,bottom=12,right=12]' };

export function nodeSize(n: DiagramNode): { width: number; height: number } {
  const extra = n.instances > 1 ? 2 * STACK : 0;
  if ((n.kind === 'users' || n.kind === 'dns') && !n.detail) return { width: 150, height: 46 };
  // A tier card of the overview says how many machines and zones it runs on.
  if (n.detail) return { width: TIER_W + extra, height: NODE_H + extra };
  return { width: NODE_W + extra, height: NODE_H + extra };
}

/** Whether a model is laid out in two levels (see LARGE_DESIGN). */
export const isLarge = (model: DiagramModel): boolean => model.nodes.length + model.groups.length > LARGE_DESIGN;

/** `direction`: left to right in a wide panel, top to bottom in a tall, narrow one. */
export async function layoutDiagram(model: DiagramModel, direction: 'RIGHT' | 'DOWN' = 'RIGHT'): Promise<Layout> {
  return clearTitles(model, await place(model, direction));
}

async function place(model: DiagramModel, direction: 'RIGHT' | 'DOWN'): Promise<Layout> {
  const base = { ...ROOT_OPTIONS, 'elk.direction': direction };
  if (model.groups.some((g) => g.kind === 'tier')) return layoutWithTierGrids(model, (m, size) => layoutNested(elk, m, direction, base, GROUP_OPTIONS, size), nodeSize);
  if (isLarge(model)) return layoutTwoLevel(elk, model, direction, { ...base, ...LARGE_OPTIONS }, GROUP_OPTIONS, nodeSize);
  return layoutNested(elk, model, direction, base, GROUP_OPTIONS, nodeSize);
}
