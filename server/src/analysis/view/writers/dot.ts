/**
 * Graphviz DOT: frames are nested `cluster_` subgraphs, cards are nodes
 * shaped by kind, finding marks colour the outline (worst severity) and add
 * a "⚠" line to the label.
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode } from '../../../../../common/webviewProtocol';
import { edgeLabel, groupLines, nodeLines, SEVERITY_COLOR, Tree, treeOf, worst } from './shared';

/** A DOT double-quoted string; `\n` separates lines. */
const quote = (lines: readonly string[]): string => `"${lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;

const SHAPE: Readonly<Record<string, string>> = {
  users: 'oval', dns: 'hexagon', database: 'cylinder', storage: 'cylinder', queue: 'parallelogram', 'load-balancer': 'box',
};

export function toDot(model: DiagramModel): string {
  const tree = treeOf(model);
  const out = [
    'digraph design {',
    `  label=${quote([model.title])}; labelloc=t; rankdir=LR; compound=true; fontname="Helvetica";`,
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  writeLevel('', tree, out, '  ');
  for (const e of model.edges) out.push(`  ${edgeLine(e, tree)}`);
  out.push('}');
  return out.join('\n') + '\n';
}

function writeLevel(parent: string, tree: Tree, out: string[], indent: string): void {
  for (const g of tree.groupsIn.get(parent) ?? []) writeGroup(g, tree, out, indent);
  for (const n of tree.nodesIn.get(parent) ?? []) out.push(`${indent}${nodeLine(n, tree)}`);
}

function writeGroup(g: DiagramGroup, tree: Tree, out: string[], indent: string): void {
  const sev = worst(g.findings);
  out.push(`${indent}subgraph cluster_${tree.short.get(g.id)} {`);
  out.push(`${indent}  label=${quote(groupLines(g))}; style="rounded${g.kind === 'cluster' ? ',dashed' : ''}"; color="${sev ? SEVERITY_COLOR[sev] : '#8b949e'}";`);
  writeLevel(g.id, tree, out, indent + '  ');
  out.push(`${indent}}`);
}

function nodeLine(n: DiagramNode, tree: Tree): string {
  const sev = worst(n.findings);
  const attrs = [`label=${quote(nodeLines(n))}`, `shape=${SHAPE[n.kind] ?? 'box'}`];
  if (sev) attrs.push(`color="${SEVERITY_COLOR[sev]}"`, 'penwidth=2');
  if (n.instances > 1) attrs.push('peripheries=2');
  return `${tree.short.get(n.id)} [${attrs.join(', ')}];`;
}

function edgeLine(e: DiagramEdge, tree: Tree): string {
  const label = edgeLabel(e);
  const attrs: string[] = [];
  if (label) attrs.push(`label=${quote([label])}`);
  if (e.kind === 'replication' || e.kind === 'lookup') attrs.push('style=dashed');
  if (e.security === 'terminated-plain') attrs.push(`color="${SEVERITY_COLOR.warning}"`);
  return `${tree.short.get(e.source)} -> ${tree.short.get(e.target)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`;
}
