/**
 * A standalone SVG of the diagram at the positions the preview's elk layout
 * gives, drawn like the preview's cards (light theme, styles inline so it
 * shows the same in a browser, a Markdown preview or an image viewer).
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode } from '../../../../../common/webviewProtocol';
import { Box, Layout, nodeSize, Point, STACK } from '../../../../../common/layout/layout';
import { outermostFirst } from '../../../../../common/layout/frameOrder';
import { midpoint } from '../../../../../common/layout/geometry';
import { titleRow } from '../../../../../common/layout/titles';
import { edgeLabel, KIND_LABEL, markText, SEVERITY_COLOR, SEVERITIES, worst } from './shared';
import { attrs, escapeXml } from './xml';

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

const el = (name: string, a: Readonly<Record<string, string | number>>, body?: string): string =>
  body === undefined ? `<${name} ${attrs(a)}/>` : `<${name} ${attrs(a)}>${body}</${name}>`;

export function toSvg(model: DiagramModel, layout: Layout): string {
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  const parts: string[] = [];
  for (const g of outermostFirst(model.groups)) {
    const box = layout.groups.get(g.id);
    if (box) parts.push(group(g, box, layout.shortTitles?.has(g.id) ?? false));
  }
  for (const e of model.edges) {
    const pts = layout.edges.get(e.id);
    if (pts) parts.push(edge(e, pts));
  }
  for (const n of model.nodes) {
    const box = layout.nodes.get(n.id);
    if (box) parts.push(node(n, box));
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" ${attrs({ width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img' })} ${FONT} font-size="11">`,
    `<title>${escapeXml(model.title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker></defs>',
    el('rect', { width: w, height: h, fill: '#ffffff' }),
    ...parts,
    '</svg>',
  ].join('\n') + '\n';
}

/**
 * A frame, its title row laid out as the preview lays it out (titles.ts): the
 * layout moved the edges off that row, or shortened the title (`short`) to let one pass.
 */
function group(g: DiagramGroup, box: Box, short: boolean): string {
  const sev = worst(g.findings);
  const row = titleRow(g, box.width, short);
  const body = [
    el('rect', { width: box.width, height: box.height, rx: g.kind === 'zone' ? 10 : 6, fill: g.kind === 'zone' ? '#f6f8fa' : '#ffffff', stroke: sev ? SEVERITY_COLOR[sev] : '#8b949e', 'stroke-width': sev ? 2 : 1, ...(g.kind === 'cluster' ? { 'stroke-dasharray': '5 3' } : {}) }),
    el('text', { x: row.title[0], y: 18, 'font-weight': 'bold', fill: '#24292f' }, escapeXml(row.text)),
    g.badges && row.badges ? badges(g.badges, row.badges[0], 5) : '',
    mark(g, box.width),
  ];
  return el('g', { class: `group kind-${g.kind}`, 'data-id': g.id, transform: `translate(${box.x},${box.y})` }, body.join(''));
}

function node(n: DiagramNode, box: Box): string {
  const { width, height } = nodeSize(n);
  const stacked = n.instances > 1 ? 2 * STACK : 0;
  const w = width - stacked;
  const hh = height - stacked;
  const sev = worst(n.findings);
  const body: string[] = [];
  for (let i = stacked ? 2 : 0; i > 0; i--) body.push(el('rect', { x: i * STACK, y: i * STACK, width: w, height: hh, rx: 6, fill: '#eaeef2', stroke: '#8b949e' }));
  body.push(el('rect', { width: w, height: hh, rx: 6, fill: '#ffffff', stroke: sev ? SEVERITY_COLOR[sev] : '#57606a', 'stroke-width': sev ? 2 : 1 }));
  body.push(el('text', { x: 10, y: 18, 'font-weight': 'bold', fill: '#24292f' }, escapeXml(n.label)));
  if (n.kind !== 'users' && n.kind !== 'dns') body.push(el('text', { x: 10, y: 33, fill: '#57606a' }, escapeXml([KIND_LABEL[n.kind] ?? n.kind, n.software, n.role].filter(Boolean).join(' · '))));
  if (n.instances > 1) body.push(el('text', { x: w - 8, y: 18, 'text-anchor': 'end', fill: '#24292f' }, `×${n.instances}`));
  if (n.badges) body.push(badges(n.badges, 10, 48));
  body.push(mark(n, w));
  return el('g', { class: `node kind-${n.kind}`, 'data-id': n.id, transform: `translate(${box.x},${box.y})` }, body.join(''));
}

function badges(b: NonNullable<DiagramNode['badges']>, x: number, y: number): string {
  const pill = (dx: number, label: string, on: boolean, title: string): string => el('g', { transform: `translate(${x + dx},${y})` }, [
    `<title>${escapeXml(title)}</title>`,
    el('rect', { width: 30, height: 15, rx: 3, fill: on ? '#dafbe1' : '#ffebe9', stroke: on ? '#1a7f37' : '#cf222e' }),
    el('text', { x: 15, y: 11, 'text-anchor': 'middle', 'font-size': 9, fill: on ? '#1a7f37' : '#cf222e' }, label),
    on ? '' : el('line', { x1: 2, y1: 13, x2: 28, y2: 2, stroke: '#cf222e' }),
  ].join(''));
  return pill(0, 'FW', b.firewall, b.firewall ? 'firewall' : 'no firewall')
    + pill(34, 'MON', b.monitoring !== false, b.monitoring === false ? 'no monitoring' : `monitoring: ${b.monitoring === true ? 'yes' : b.monitoring}`);
}

/** The red/orange/blue count circle on a card's or frame's top-right corner. */
function mark(item: DiagramNode | DiagramGroup, width: number): string {
  const sev = worst(item.findings);
  if (!sev) return '';
  const total = SEVERITIES.reduce((n, s) => n + item.findings[s], 0);
  return el('g', { class: `findings ${sev}`, transform: `translate(${width - 2},-2)` }, [
    `<title>${escapeXml(markText(item.findings)!)}</title>`,
    el('circle', { r: 9, fill: SEVERITY_COLOR[sev] }),
    el('text', { y: 4, 'text-anchor': 'middle', fill: '#ffffff', 'font-weight': 'bold' }, String(total)),
  ].join(''));
}

function edge(e: DiagramEdge, pts: readonly Point[]): string {
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
  const dashed = e.kind === 'replication' || e.kind === 'lookup';
  const color = e.security === 'terminated-plain' ? SEVERITY_COLOR.warning : '#57606a';
  const body = [el('path', { d, fill: 'none', stroke: color, 'stroke-width': 1.4, 'marker-end': 'url(#arrow)', ...(dashed ? { 'stroke-dasharray': '4 3' } : {}) })];
  const label = edgeLabel(e);
  if (label && e.kind !== 'replication') {
    const mid = midpoint(pts);
    body.push(el('text', { x: mid.x, y: mid.y - 4, 'text-anchor': 'middle', 'font-size': 9, fill: color }, escapeXml(label === 'HTTPS' ? '🔒' : label)));
  }
  return el('g', { class: `edge ${e.kind} ${e.security}`, 'data-id': e.id }, body.join(''));
}
