/**
 * D2: frames are nested containers, cards are shapes by kind, finding marks
 * colour the stroke (worst severity) and add a "⚠" line to the label. A D2
 * key is scoped by its container, so edges name the full path.
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode } from '../../../../../common/webviewProtocol';
import { edgeLabel, groupLines, nodeLines, SEVERITY_COLOR, Tree, treeOf, worst } from './shared';

/** A D2 double-quoted string; `\n` separates lines. */
const quote = (lines: readonly string[]): string => `"${lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;

const SHAPE: Readonly<Record<string, string>> = {
  users: 'person', dns: 'hexagon', database: 'cylinder', storage: 'stored_data', queue: 'queue', cdn: 'cloud',
};

export function toD2(model: DiagramModel): string {
  const tree = treeOf(model);
  const out = [`title: ${quote([model.title])} {`, '  near: top-center', '  shape: text', '}', 'direction: right'];
  writeLevel('', tree, out, '');
  const path = (id: string): string => [...tree.path(id), id].map((x) => tree.short.get(x)).join('.');
  for (const e of model.edges) out.push(edgeLine(e, path));
  return out.join('\n') + '\n';
}

function writeLevel(parent: string, tree: Tree, out: string[], indent: string): void {
  for (const g of tree.groupsIn.get(parent) ?? []) writeGroup(g, tree, out, indent);
  for (const n of tree.nodesIn.get(parent) ?? []) writeNode(n, tree, out, indent);
}

function writeGroup(g: DiagramGroup, tree: Tree, out: string[], indent: string): void {
  const sev = worst(g.findings);
  out.push(`${indent}${tree.short.get(g.id)}: ${quote(groupLines(g))} {`);
  if (sev) out.push(`${indent}  style.stroke: "${SEVERITY_COLOR[sev]}"`);
  if (g.kind === 'cluster') out.push(`${indent}  style.stroke-dash: 4`);
  writeLevel(g.id, tree, out, indent + '  ');
  out.push(`${indent}}`);
}

function writeNode(n: DiagramNode, tree: Tree, out: string[], indent: string): void {
  const sev = worst(n.findings);
  const props: string[] = [];
  const shape = SHAPE[n.kind];
  if (shape) props.push(`shape: ${shape}`);
  if (sev) props.push(`style.stroke: "${SEVERITY_COLOR[sev]}"`, 'style.stroke-width: 3');
  if (n.instances > 1) props.push('style.multiple: true');
  const label = `${indent}${tree.short.get(n.id)}: ${quote(nodeLines(n))}`;
  if (!props.length) { out.push(label); return; }
  out.push(`${label} {`, ...props.map((p) => `${indent}  ${p}`), `${indent}}`);
}

function edgeLine(e: DiagramEdge, path: (id: string) => string): string {
  const label = edgeLabel(e);
  const style: string[] = [];
  if (e.kind === 'replication' || e.kind === 'lookup') style.push('style.stroke-dash: 3');
  if (e.security === 'terminated-plain') style.push(`style.stroke: "${SEVERITY_COLOR.warning}"`);
  const colon = label ? `: ${quote([label])}` : style.length ? ':' : '';
  return `${path(e.source)} -> ${path(e.target)}${colon}${style.length ? ` {${style.join('; ')}}` : ''}`;
}
