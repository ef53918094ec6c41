/**
 * A diagram update as what changed since the last one posted. A one-value
 * edit at 1,000 components changes one card of 1,133, but the whole model
 * is 0.9 MB of JSON, which took the preview's main thread about 30 ms to
 * parse and 9 ms more to receive, on every edit. When the nodes, frames and
 * edges are the same ids in the same order, the host posts only the ones that
 * differ, by position, and the page applies them to the model it has; else it
 * posts the whole model. Imported by the extension (and the tests and the
 * benchmark, which post as it posts) and the webview.
 */
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode } from './webviewProtocol';

/** What differs from the diagram numbered `base`, each changed element with its position. */
export interface DiagramChanges {
  readonly base: number;
  readonly nodes: readonly (readonly [number, DiagramNode])[];
  readonly groups: readonly (readonly [number, DiagramGroup])[];
  readonly edges: readonly (readonly [number, DiagramEdge])[];
  /** Everything else of the model (title, traffic, tiers), as it is now. */
  readonly rest: Omit<DiagramModel, 'nodes' | 'groups' | 'edges'>;
}

/** The changed elements of two lists of the same ids in the same order; undefined when the ids differ. */
function changed<T extends { readonly id: string }>(prev: readonly T[], next: readonly T[]): [number, T][] | undefined {
  if (prev.length !== next.length) return undefined;
  const out: [number, T][] = [];
  for (let i = 0; i < next.length; i++) {
    const [a, b] = [prev[i]!, next[i]!];
    if (a.id !== b.id) return undefined;
    if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) out.push([i, b]);
  }
  return out;
}

/** `next` as changes to `prev` (numbered `base`), or undefined when it is another shape and goes whole. */
export function diagramChanges(prev: DiagramModel, next: DiagramModel, base: number): DiagramChanges | undefined {
  const nodes = changed(prev.nodes, next.nodes);
  const groups = nodes && changed(prev.groups, next.groups);
  const edges = groups && changed(prev.edges, next.edges);
  if (!nodes || !groups || !edges) return undefined;
  const { nodes: _n, groups: _g, edges: _e, ...rest } = next;
  return { base, nodes, groups, edges, rest };
}

/**
 * The model the changes make of `prev`; unchanged elements are the same
 * objects. Undefined when they do not fit it (a position out of range or
 * holding another id): the page then asks for the whole model.
 */
export function applyChanges(prev: DiagramModel, c: DiagramChanges): DiagramModel | undefined {
  const nodes = patched(prev.nodes, c.nodes);
  const groups = patched(prev.groups, c.groups);
  const edges = patched(prev.edges, c.edges);
  if (!nodes || !groups || !edges || typeof c.rest !== 'object' || c.rest === null) return undefined;
  return { ...c.rest, nodes, groups, edges };
}

function patched<T extends { readonly id: string }>(list: readonly T[], changes: unknown): T[] | undefined {
  if (!Array.isArray(changes)) return undefined;
  const out = [...list];
  for (const change of changes as unknown[]) {
    if (!Array.isArray(change) || change.length !== 2) return undefined;
    const [i, item] = change as [unknown, T | null];
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= out.length || typeof item !== 'object' || item === null || item.id !== out[i]!.id) return undefined;
    out[i] = item;
  }
  return out;
}

/**
 * What the host last posted to one page, to post the next diagram as changes
 * to it. `reset` when the page (re)starts or a post may not have arrived:
 * the next diagram goes whole.
 */
export class DiagramPoster {
  private last: { uri: string; version: number; model: DiagramModel } | undefined;
  private version = 0;

  reset(): void { this.last = undefined; }

  /** The message that brings the page to `model` (whole, or as changes to the last one posted). */
  message(uri: string, model: DiagramModel, locked?: boolean): { type: 'diagram'; uri: string; model: DiagramModel; version: number; locked?: boolean } | { type: 'diagramChanges'; uri: string; changes: DiagramChanges; version: number; locked?: boolean } {
    const version = ++this.version;
    const prev = this.last;
    this.last = { uri, version, model };
    const changes = prev && prev.uri === uri ? diagramChanges(prev.model, model, prev.version) : undefined;
    const lock = locked === undefined ? {} : { locked };
    return changes ? { type: 'diagramChanges', uri, changes, version, ...lock } : { type: 'diagram', uri, model, version, ...lock };
  }
}
