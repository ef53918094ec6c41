/**
 * Mermaid flowchart (renders on GitHub, GitLab and most wikis): frames are
 * nested subgraphs, cards are nodes shaped by kind, and the finding marks
 * are classes coloured by the worst severity plus a "⚠" line in the label.
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode } from '../../../../../common/webviewProtocol';
import { edgeLabel, groupLines, nodeLines, SEVERITIES, SEVERITY_COLOR, Tree, treeOf, worst } from './shared';
import { addTo } from '../../../../../common/addTo';

/** Mermaid strings are quoted; quotes and markup characters become entity codes. */
const text = (lines: readonly string[]): string =>
  `"${lines.map((l) => l.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`)).join('<br/>')}"`;

const SHAPE: Readonly<Record<string, [string, string]>> = {
  users: ['([', '])'], dns: ['{{', '}}'], database: ['[(', ')]'], queue: ['[/', '/]'], storage: ['[(', ')]'],
};

export function toMermaid(model: DiagramModel): string {
  const tree = treeOf(model);
  const out = ['---', `title: ${text([model.title])}`, '---', 'flowchart LR'];
  writeLevel('', tree, out, '  ');
  model.edges.forEach((e) => out.push(`  ${edgeLine(e, tree)}`));
  for (const s of SEVERITIES) out.push(`  classDef ${s} stroke:${SEVERITY_COLOR[s]},stroke-width:2px`);
  const marked = new Map<string, string[]>();
  for (const item of [...model.nodes, ...model.groups]) {
    const sev = worst(item.findings);
    if (sev) addTo(marked, sev, tree.short.get(item.id)!);
  }
  for (const [sev, ids] of marked) out.push(`  class ${ids.join(',')} ${sev}`);
  return out.join('\n') + '\n';
}

function writeLevel(parent: string, tree: Tree, out: string[], indent: string): void {
  for (const g of tree.groupsIn.get(parent) ?? []) writeGroup(g, tree, out, indent);
  for (const n of tree.nodesIn.get(parent) ?? []) out.push(`${indent}${nodeLine(n, tree)}`);
}

function writeGroup(g: DiagramGroup, tree: Tree, out: string[], indent: string): void {
  out.push(`${indent}subgraph ${tree.short.get(g.id)}[${text(groupLines(g))}]`);
  writeLevel(g.id, tree, out, indent + '  ');
  out.push(`${indent}end`);
}

function nodeLine(n: DiagramNode, tree: Tree): string {
  const [open, close] = SHAPE[n.kind] ?? ['[', ']'];
  return `${tree.short.get(n.id)}${open}${text(nodeLines(n))}${close}`;
}

function edgeLine(e: DiagramEdge, tree: Tree): string {
  const label = edgeLabel(e);
  const arrow = e.kind === 'replication' || e.kind === 'lookup' ? '-.->' : '-->';
  return `${tree.short.get(e.source)} ${arrow}${label ? `|${text([label])}|` : ''} ${tree.short.get(e.target)}`;
}
