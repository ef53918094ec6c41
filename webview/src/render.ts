/**
 * Draws a laid-out diagram as SVG: frames (zones, servers, clusters), edges
 * styled by security (a lock on encrypted hops; the plain hop behind TLS
 * termination highlighted), and component cards with their badges,
 * findings and live-load line. Returns handles the animation updates.
 */
import type { Badges, DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, SeverityCounts } from '../../common/webviewProtocol';
import { svg, tooltip } from './dom';
import { outermostFirst } from '../../common/layout/frameOrder';
import { midpoint } from '../../common/layout/geometry';
import { Box, Layout, nodeSize, Point, STACK } from '../../common/layout/layout';
import { fitText, titleRow } from '../../common/layout/titles';

export { pointAt, polylineLength } from '../../common/layout/geometry';

export interface NodeHandle {
  readonly element: SVGGElement;
  readonly load: SVGTextElement;
  readonly bar: SVGRectElement;
  readonly barWidth: number;
  /** How wide the load line may be before it reaches the card's right edge. */
  readonly loadRoom: number;
  /** What the load line and the bar show now, so that a tick that changes nothing touches nothing. */
  shown?: string;
  barState?: string;
  /** The load line set while the card was culled (not measurable then): fitted when it is shown. */
  pending?: readonly string[];
}

export interface Rendered {
  readonly root: SVGGElement;
  readonly dots: SVGGElement;
  readonly nodes: Map<string, NodeHandle>;
  /** Frames and nodes by id, for selection, highlight and failure marks. */
  readonly targets: Map<string, SVGGElement>;
  readonly edges: Map<string, SVGGElement>;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
/** Rough width of one character of a 15 px bold label, to shorten names that would overflow the card. */
const LABEL_CHAR_W = 8.6;


const KIND_LABEL: Readonly<Record<string, string>> = {
  users: 'users', dns: 'DNS', 'load-balancer': 'load balancer', 'web-server': 'web server', 'app-server': 'app server',
  database: 'database', cache: 'cache', cdn: 'CDN', queue: 'queue', storage: 'storage', unknown: 'component',
};

export function renderDiagram(model: DiagramModel, layout: Layout, into: SVGGElement, dots: SVGGElement): Rendered {
  const frames = svg('g', { class: 'frames' }, into);
  const edgeLayer = svg('g', { class: 'edges' }, into);
  const nodeLayer = svg('g', { class: 'nodes' }, into);
  const targets = new Map<string, SVGGElement>();
  for (const g of outermostFirst(model.groups)) {
    const box = layout.groups.get(g.id);
    if (box) targets.set(g.id, drawGroup(g, box, frames, !!layout.shortTitles?.has(g.id)));
  }
  const edges = new Map<string, SVGGElement>();
  for (const e of model.edges) {
    const pts = layout.edges.get(e.id);
    if (pts) edges.set(e.id, drawEdge(e, pts, edgeLayer));
  }
  const nodes = new Map<string, NodeHandle>();
  for (const n of model.nodes) {
    const box = layout.nodes.get(n.id);
    if (!box) continue;
    const h = drawNode(n, box, nodeLayer);
    nodes.set(n.id, h);
    targets.set(n.id, h.element);
  }
  return { root: into, dots, nodes, targets, edges };
}

/** What a card, frame or edge draws: everything but where it is in the file and the unit it fails. */
const drawnAs = ({ nameRange: _n, range: _r, unit: _u, ...drawn }: DiagramNode | DiagramGroup): string => JSON.stringify(drawn);

/**
 * An update of a drawing whose shape is unchanged (same nodes, frames, edges
 * and sizes, so the same layout): only the cards, frames and edges whose
 * drawing differs are drawn again, each in its place; everything else is left
 * as it is. Returns the ids redrawn.
 */
export function patchDiagram(prev: DiagramModel, next: DiagramModel, layout: Layout, r: Rendered): string[] {
  const changed: string[] = [];
  const before = new Map<string, DiagramNode | DiagramGroup | DiagramEdge>();
  for (const x of prev.nodes) before.set(x.id, x);
  for (const x of prev.groups) before.set(x.id, x);
  const same = (a: DiagramNode | DiagramGroup, id: string): boolean => { const b = before.get(id) as DiagramNode | DiagramGroup | undefined; return b === a || (!!b && drawnAs(a) === drawnAs(b)); };
  for (const n of next.nodes) {
    const old = r.nodes.get(n.id);
    const box = layout.nodes.get(n.id);
    if (!old || !box || same(n, n.id)) continue;
    const h = drawNode(n, box, r.root);
    old.element.replaceWith(h.element);
    r.nodes.set(n.id, h);
    r.targets.set(n.id, h.element);
    changed.push(n.id);
  }
  for (const g of next.groups) {
    const old = r.targets.get(g.id);
    const box = layout.groups.get(g.id);
    if (!old || !box || same(g, g.id)) continue;
    const el = drawGroup(g, box, r.root, !!layout.shortTitles?.has(g.id));
    old.replaceWith(el);
    r.targets.set(g.id, el);
    changed.push(g.id);
  }
  const edgesBefore = new Map(prev.edges.map((e) => [e.id, e]));
  for (const e of next.edges) {
    const b = edgesBefore.get(e.id);
    const old = r.edges.get(e.id);
    const pts = layout.edges.get(e.id);
    if (!old || !pts || (b && b.kind === e.kind && b.security === e.security && b.source === e.source && b.target === e.target)) continue;
    const el = drawEdge(e, pts, r.root);
    old.replaceWith(el);
    r.edges.set(e.id, el);
    changed.push(e.id);
  }
  return changed;
}

function describe(n: DiagramNode): string {
  const parts = [n.detail ? `${n.label} ×${n.instances}: ${n.detail}, click to open` : `${KIND_LABEL[n.kind] ?? n.kind} ${n.label}`];
  if (n.software) parts.push(`software ${n.software}`);
  if (n.instances > 1 && !n.detail) parts.push(`${n.instances} instances`);
  if (n.role) parts.push(n.role);
  if (n.algorithm) parts.push(`algorithm ${n.algorithm}`);
  if (n.tls) parts.push(`TLS ${n.tls}`);
  if (n.certificate) parts.push(`certificate ${n.certificate}`);
  if (n.codes.length) parts.push(`findings: ${n.codes.join(', ')}`);
  return parts.join(', ');
}

function drawNode(n: DiagramNode, box: Box, layer: SVGGElement): NodeHandle {
  const g = svg('g', { class: `node kind-${n.kind}${n.codes.includes('single-point-of-failure') ? ' spof' : ''}${n.detail ? ' tier' : ''}`, 'data-id': n.id, tabindex: 0, role: 'button', 'aria-label': describe(n), transform: `translate(${box.x},${box.y})` }, layer);
  tooltip(g, describe(n));
  const { width, height } = nodeSize(n);
  const stacked = n.instances > 1 ? 2 * STACK : 0;
  for (let i = stacked ? 2 : 0; i > 0; i--) svg('rect', { class: 'card stack', x: i * STACK, y: i * STACK, width: width - stacked, height: height - stacked, rx: 6 }, g);
  const w = width - stacked;
  const edge = (n.kind === 'users' || n.kind === 'dns') && !n.detail;
  // Users and DNS, where requests enter, are pills. The radius is in the markup, not the
  // stylesheet, so that an exported SVG or PNG (which carries no stylesheet) has the same shape.
  const radius = edge ? 20 : 6;
  // Selection and cursor highlight draw this ring, so the card keeps its severity border.
  svg('rect', { class: 'halo', x: -4, y: -4, width: w + 8, height: height - stacked + 8, rx: radius + 3 }, g);
  svg('rect', { class: `card ${worst(n.findings) ?? ''}`, width: w, height: height - stacked, rx: radius }, g);
  const times = n.instances > 1 ? `×${n.instances}` : '';
  svg('text', { class: 'label', x: 10, y: 19 }, g, fitText(n.label, (w - 28) / LABEL_CHAR_W - times.length));
  // Users and DNS cards are small: their second line is the live load alone.
  if (!edge) svg('text', { class: 'sub', x: 10, y: 34 }, g, fitText(n.detail ?? [KIND_LABEL[n.kind] ?? n.kind, n.software, n.role].filter(Boolean).join(' · '), (w - 16) / 5.6));
  if (times) svg('text', { class: 'instances', x: w - 8, y: 19, 'text-anchor': 'end' }, g, times);
  if (n.badges) drawBadges(n.badges, g, 10, 40);
  findingsMark(n.findings, g, w);
  // Beside the badges, or from the left edge of a card that has none.
  const loadX = !edge && n.badges ? 80 : 10;
  const load = svg('text', { class: 'load', x: loadX, y: edge ? 36 : 52 }, g, '');
  const barWidth = w - 20;
  svg('rect', { class: 'bar-bg', x: 10, y: height - stacked - 6, width: barWidth, height: 3 }, g);
  const bar = svg('rect', { class: 'bar', x: 10, y: height - stacked - 6, width: 0, height: 3 }, g);
  if (edge) bar.remove();
  return { element: g, load, bar, barWidth, loadRoom: w - 8 - loadX };
}

/** Rough width of one character of the 11 px load line: measured only when the line may not fit. */
const LOAD_CHAR_W = 6.2;

/**
 * The load line ("51 rps · 10% · ✕3"), shortened until it fits its card:
 * tighter separators, then without the busy share (the bar shows it), then squeezed.
 */
export function setLoad(h: NodeHandle, parts: readonly string[]): void {
  const key = parts.join('|');
  if (h.shown === key) return;
  h.shown = key;
  const kept = parts.filter(Boolean);
  const tries = [kept.join(' · '), kept.join('·'), kept.filter((p) => !p.endsWith('%')).join(' · '), kept.filter((p) => !p.endsWith('%')).join('·')];
  h.load.removeAttribute('textLength');
  h.load.removeAttribute('lengthAdjust');
  // A culled card has no text to measure: the first try for now, fitted when it is shown (showLoad).
  h.pending = h.element.style.display === 'none' ? parts : undefined;
  for (const text of tries) {
    h.load.textContent = text;
    if (h.pending || text.length * LOAD_CHAR_W < h.loadRoom * 0.8 || h.load.getComputedTextLength() <= h.loadRoom) return;
  }
  h.load.setAttribute('textLength', String(h.loadRoom));
  h.load.setAttribute('lengthAdjust', 'spacingAndGlyphs');
}

/** A culled card shown again: its load line, set meanwhile, is fitted now that it can be measured. */
export function showLoad(h: NodeHandle): void {
  const parts = h.pending;
  if (!parts) return;
  h.shown = undefined;
  setLoad(h, parts);
}

function drawGroup(gr: DiagramGroup, box: Box, layer: SVGGElement, short: boolean): SVGGElement {
  const g = svg('g', { class: `group kind-${gr.kind}`, 'data-id': gr.id, tabindex: 0, role: 'button', 'aria-label': `${gr.kind} ${gr.label}${gr.codes.length ? `, findings: ${gr.codes.join(', ')}` : ''}`, transform: `translate(${box.x},${box.y})` }, layer);
  tooltip(g, `${gr.kind} ${gr.label}`);
  svg('rect', { class: 'halo', x: -4, y: -4, width: box.width + 8, height: box.height + 8, rx: 12 }, g);
  svg('rect', { class: `frame ${worst(gr.findings) ?? ''}`, width: box.width, height: box.height, rx: gr.kind === 'zone' ? 10 : 6 }, g);
  // The name, then the badges at the row's right end; edges keep clear of both (titles.ts).
  const row = titleRow(gr, box.width, short);
  svg('text', { class: 'frame-label', x: row.title[0], y: 18 }, g, row.text);
  if (gr.badges && row.badges) drawBadges(gr.badges, g, row.badges[0], 5);
  findingsMark(gr.findings, g, box.width);
  return g;
}

/** Firewall and monitoring pills; a missing one is drawn struck through. */
function drawBadges(b: Badges, g: SVGGElement, x: number, y: number): void {
  const pill = (dx: number, text: string, on: boolean, title: string): void => {
    const p = svg('g', { class: `badge ${on ? 'on' : 'off'}`, transform: `translate(${x + dx},${y})` }, g);
    tooltip(p, title);
    svg('rect', { width: 30, height: 15, rx: 3 }, p);
    svg('text', { x: 15, y: 11, 'text-anchor': 'middle' }, p, text);
    if (!on) svg('line', { x1: 2, y1: 13, x2: 28, y2: 2 }, p);
  };
  pill(0, 'FW', b.firewall, b.firewall ? 'firewall' : 'no firewall');
  pill(34, 'MON', b.monitoring !== false, b.monitoring === false ? 'no monitoring' : `monitoring: ${b.monitoring === true ? 'yes' : b.monitoring}`);
}

function worst(c: SeverityCounts): string | undefined {
  return SEVERITIES.find((s) => c[s] > 0);
}

function findingsMark(c: SeverityCounts, g: SVGGElement, width: number): void {
  const sev = worst(c);
  if (!sev) return;
  const total = SEVERITIES.reduce((n, s) => n + c[s], 0);
  const m = svg('g', { class: `findings ${sev}`, transform: `translate(${width - 2},-2)` }, g);
  tooltip(m, SEVERITIES.filter((s) => c[s]).map((s) => `${c[s]} ${s}`).join(', '));
  svg('circle', { r: 9 }, m);
  svg('text', { y: 4, 'text-anchor': 'middle' }, m, String(total));
}

function drawEdge(e: DiagramEdge, pts: readonly Point[], layer: SVGGElement): SVGGElement {
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
  const g = svg('g', { class: `edge ${e.kind} ${e.security}`, 'data-id': e.id }, layer);
  svg('path', { d, 'marker-end': 'url(#arrow)' }, g);
  tooltip(g, `${e.source.replace(/^c:/, '')} → ${e.target.replace(/^c:/, '')}: ${e.kind === 'request' ? e.security.replace('-', ' ') : e.kind}`);
  if (e.kind !== 'request' && e.kind !== 'resolve') return g;
  const mid = midpoint(pts);
  if (e.security === 'encrypted') svg('use', { href: '#lock', x: mid.x - 5, y: mid.y - 13, class: 'lock' }, g);
  if (e.security === 'terminated-plain') svg('text', { class: 'plain-label', x: mid.x, y: mid.y - 4, 'text-anchor': 'middle' }, g, 'plain HTTP');
  return g;
}

/** Markers and the lock symbol, once per SVG. */
export function defs(svgRoot: SVGSVGElement): void {
  const d = svg('defs', {}, svgRoot);
  const m = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 10, markerHeight: 10, orient: 'auto-start-reverse' }, d);
  svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }, m);
  const lock = svg('symbol', { id: 'lock', viewBox: '0 0 10 12', width: 10, height: 12 }, d);
  svg('path', { d: 'M2.5,5 V3.5 a2.5,2.5 0 0 1 5,0 V5', class: 'lock-shackle' }, lock);
  svg('rect', { x: 1, y: 5, width: 8, height: 6.5, rx: 1, class: 'lock-body' }, lock);
}
