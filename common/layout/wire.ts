/**
 * A Layout as plain arrays, to cross a worker's postMessage as data that any
 * host clones the same way (the preview lays out in a Web Worker, see
 * webview/src/layoutClient.ts): Maps become entry arrays, the Set a list.
 */
import type { Box, Layout, Point } from './layout';

export interface WireLayout {
  readonly nodes: readonly (readonly [string, Box])[];
  readonly groups: readonly (readonly [string, Box])[];
  readonly edges: readonly (readonly [string, readonly Point[]])[];
  readonly width: number;
  readonly height: number;
  readonly shortTitles?: readonly string[];
}

export function toWire(l: Layout): WireLayout {
  return {
    nodes: [...l.nodes], groups: [...l.groups], edges: [...l.edges], width: l.width, height: l.height,
    ...(l.shortTitles ? { shortTitles: [...l.shortTitles] } : {}),
  };
}

export function fromWire(w: WireLayout): Layout {
  return {
    nodes: new Map(w.nodes), groups: new Map(w.groups), edges: new Map(w.edges), width: w.width, height: w.height,
    ...(w.shortTitles ? { shortTitles: new Set(w.shortTitles) } : {}),
  };
}

/** What the page asks the layout worker, and what it answers. */
export interface LayoutRequest { readonly id: number; readonly model: import('../webviewProtocol').DiagramModel; readonly direction: 'RIGHT' | 'DOWN' }
export type LayoutAnswer =
  | { readonly type: 'ready' }
  | { readonly type: 'layout'; readonly id: number; readonly layout: WireLayout }
  | { readonly type: 'error'; readonly id: number; readonly error: string };
