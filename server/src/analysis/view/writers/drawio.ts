/**
 * A draw.io / diagrams.net file: an `mxfile` holding one `mxGraphModel`.
 * Zones, servers and clusters are container cells (moving one moves what it
 * holds), components are editable shapes inside them, edges are connectors
 * between the cells, at the positions the preview's elk layout gives. Child
 * geometry in draw.io is relative to its container, so boxes are shifted.
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode } from '../../../../../common/webviewProtocol';
import type { Box, Layout } from '../../../../../common/layout/layout';
import { edgeLabel, groupLines, nodeLines, SEVERITY_COLOR, Tree, treeOf, worst } from './shared';
import { attrs, escapeXml } from './xml';

const SHAPE: Readonly<Record<string, string>> = {
  users: 'ellipse;', dns: 'hexagon;perimeter=hexagonPerimeter2;size=0.1;', database: 'shape=cylinder3;boundedLbl=1;size=8;',
  storage: 'shape=cylinder3;boundedLbl=1;size=8;', queue: 'shape=parallelogram;perimeter=parallelogramPerimeter;size=0.1;',
  'load-balancer': 'rounded=1;', unknown: 'rounded=1;',
};

export function toDrawio(model: DiagramModel, layout: Layout): string {
  const tree = treeOf(model);
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  const parentCell = (id: string): string => tree.path(id).map((p) => tree.short.get(p)!).pop() ?? '1';
  const origin = (id: string): { x: number; y: number } => {
    const p = tree.path(id).pop();
    const b = p !== undefined ? layout.groups.get(p) : undefined;
    return b ? { x: b.x, y: b.y } : { x: 0, y: 0 };
  };
  // Containers before what they hold: draw.io needs a cell's parent defined first.
  const ordered = [...model.groups].sort((a, b) => tree.path(a.id).length - tree.path(b.id).length);
  for (const g of ordered) cells.push(groupCell(g, tree, layout.groups.get(g.id), parentCell(g.id), origin(g.id)));
  for (const n of model.nodes) cells.push(nodeCell(n, tree, layout.nodes.get(n.id), parentCell(n.id), origin(n.id)));
  for (const e of model.edges) cells.push(edgeCell(e, tree, layout.edges.get(e.id) ?? []));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mxfile ${attrs({ host: 'infra-yaml', type: 'device' })}>`,
    `  <diagram ${attrs({ id: 'design', name: model.title })}>`,
    `    <mxGraphModel ${attrs({ dx: 0, dy: 0, grid: 1, gridSize: 10, guides: 1, tooltips: 1, connect: 1, arrows: 1, fold: 1, page: 0, pageScale: 1, pageWidth: Math.ceil(layout.width), pageHeight: Math.ceil(layout.height) })}>`,
    '      <root>',
    ...cells.map((c) => `        ${c}`),
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
  ].join('\n') + '\n';
}

const html = (lines: readonly string[]): string => lines.map((l, i) => (i === 0 ? `<b>${escapeXml(l)}</b>` : escapeXml(l))).join('<br>');

function geometry(box: Box | undefined, origin: { x: number; y: number }): string {
  const b = box ?? { x: 0, y: 0, width: 160, height: 60 };
  return `<mxGeometry ${attrs({ x: round(b.x - origin.x), y: round(b.y - origin.y), width: round(b.width), height: round(b.height), as: 'geometry' })}/>`;
}

const round = (v: number): number => Math.round(v * 10) / 10;

function stroke(item: DiagramNode | DiagramGroup, fallback: string): string {
  const sev = worst(item.findings);
  return sev ? `strokeColor=${SEVERITY_COLOR[sev]};strokeWidth=2;` : `strokeColor=${fallback};`;
}

function groupCell(g: DiagramGroup, tree: Tree, box: Box | undefined, parent: string, origin: { x: number; y: number }): string {
  const style = `rounded=1;arcSize=${g.kind === 'zone' ? 4 : 6};container=1;collapsible=0;recursiveResize=0;html=1;whiteSpace=wrap;verticalAlign=top;align=left;spacingLeft=8;fillColor=${g.kind === 'zone' ? '#f6f8fa' : '#ffffff'};${g.kind === 'cluster' ? 'dashed=1;' : ''}${stroke(g, '#8b949e')}`;
  return `<mxCell ${attrs({ id: tree.short.get(g.id)!, value: html(groupLines(g)), style, vertex: 1, parent })}>${geometry(box, origin)}</mxCell>`;
}

function nodeCell(n: DiagramNode, tree: Tree, box: Box | undefined, parent: string, origin: { x: number; y: number }): string {
  const style = `${SHAPE[n.kind] ?? 'rounded=1;'}html=1;whiteSpace=wrap;fillColor=#ffffff;${n.instances > 1 ? 'shadow=1;' : ''}${stroke(n, '#57606a')}`;
  return `<mxCell ${attrs({ id: tree.short.get(n.id)!, value: html(nodeLines(n)), style, vertex: 1, parent })}>${geometry(box, origin)}</mxCell>`;
}

function edgeCell(e: DiagramEdge, tree: Tree, points: readonly { x: number; y: number }[]): string {
  const dashed = e.kind === 'replication' || e.kind === 'lookup';
  const style = `edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=block;${dashed ? 'dashed=1;' : ''}${e.security === 'terminated-plain' ? `strokeColor=${SEVERITY_COLOR.warning};` : ''}`;
  // The elk route's inner points become waypoints (edges live in the top-level layer, so they stay absolute).
  const inner = points.slice(1, -1).map((p) => `<mxPoint ${attrs({ x: round(p.x), y: round(p.y) })}/>`).join('');
  const geo = `<mxGeometry relative="1" as="geometry">${inner ? `<Array as="points">${inner}</Array>` : ''}</mxGeometry>`;
  return `<mxCell ${attrs({ id: `e${tree.short.get(e.source)}-${tree.short.get(e.target)}`, value: edgeLabel(e) ?? '', style, edge: 1, parent: '1', source: tree.short.get(e.source)!, target: tree.short.get(e.target)! })}>${geo}</mxCell>`;
}
