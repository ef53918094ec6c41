/**
 * The preview's layout worker (dist/layoutWorker.js): runs the whole
 * layoutDiagram (elk, tier grids, title clearing) off the page's main thread
 * and answers each request with its id. Started by layoutClient.ts.
 */
import { layoutDiagram } from '../../common/layout/layout';
import { LayoutAnswer, LayoutRequest, toWire } from '../../common/layout/wire';

interface WorkerScope { onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null; postMessage(m: LayoutAnswer): void }
const scope = self as unknown as WorkerScope;
const answer = (m: LayoutAnswer): void => scope.postMessage(m);

// The bundled elk, seeing no document, makes this worker an elk worker of its own
// (self.onmessage = its dispatcher); this handler replaces that one.
scope.onmessage = (e) => {
  const { id, model, direction } = e.data;
  layoutDiagram(model, direction).then(
    (l) => answer({ type: 'layout', id, layout: toWire(l) }),
    (err: unknown) => answer({ type: 'error', id, error: err instanceof Error ? err.message : String(err) }),
  );
};
answer({ type: 'ready' });
