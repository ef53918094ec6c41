/**
 * The diagram model written out for other tools: one model (what the
 * preview draws), several writers. SVG and draw.io need positions and get
 * them from the preview's own elk layout (common/layout).
 */
import type { DiagramModel } from '../../../../../common/webviewProtocol';
import { layoutDiagram } from '../../../../../common/layout/layout';
import { toD2 } from './d2';
import { toDot } from './dot';
import { toDrawio } from './drawio';
import { toMermaid } from './mermaid';
import { toSvg } from './svg';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'd2', 'drawio', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const isGraphFormat = (s: string): s is GraphFormat => (GRAPH_FORMATS as readonly string[]).includes(s);

/** The usual file extension of each format (draw.io opens `.drawio`). */
export const GRAPH_EXTENSION: Readonly<Record<GraphFormat, string>> = { mermaid: 'mmd', dot: 'dot', d2: 'd2', drawio: 'drawio', svg: 'svg' };

export const GRAPH_LABEL: Readonly<Record<GraphFormat, string>> = {
  mermaid: 'Mermaid flowchart', dot: 'Graphviz DOT', d2: 'D2', drawio: 'draw.io / diagrams.net', svg: 'SVG image',
};

export async function writeDiagram(model: DiagramModel, format: GraphFormat): Promise<string> {
  switch (format) {
    case 'mermaid': return toMermaid(model);
    case 'dot': return toDot(model);
    case 'd2': return toD2(model);
    case 'drawio': return toDrawio(model, await layoutDiagram(model));
    case 'svg': return toSvg(model, await layoutDiagram(model));
  }
}
