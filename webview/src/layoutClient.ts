/**
 * Lays the preview out in a Web Worker, so that the page (and in code-server
 * the editor sharing its process) never freezes while a large design's
 * detail is laid out: about 0.6 s at 300 components, 2 s at 1,000.
 *
 * A webview may not start a worker from the extension's resource origin, so
 * the worker's script (dist/layoutWorker.js) is fetched from there and started
 * from a `blob:` URL (CSP: `connect-src` the resource origin, `worker-src blob:`).
 * The newest model wins: `supersede()` drops every request not yet answered
 * (their promises never settle, so nothing stale is ever drawn) and restarts a
 * busy worker rather than wait for a layout nobody wants. If the worker cannot
 * start or dies, the same layoutDiagram runs in the page, logged once.
 */
import { Layout, layoutDiagram } from '../../common/layout/layout';
import { fromWire, LayoutAnswer, LayoutRequest } from '../../common/layout/wire';
import type { DiagramModel } from '../../common/webviewProtocol';

type Direction = 'RIGHT' | 'DOWN';
interface Pending { readonly model: DiagramModel; readonly direction: Direction; resolve(l: Layout): void; reject(e: unknown): void }

/** How long a worker may take to load its script before the page lays out itself. */
const START_LIMIT_MS = 20000;

export class LayoutClient {
  private worker: Worker | undefined;
  private script: string | undefined;
  private inPage = false;
  private ready: Promise<boolean>;
  private readonly pending = new Map<number, Pending>();
  /** Requests handed to the worker and not answered yet. */
  private readonly sent = new Set<number>();
  private lastId = 0;

  /** `onMode` hears where layouts run: 'worker' once it answers ready, 'page' after a fallback. */
  constructor(private readonly workerUri: string | undefined, private readonly log: (text: string) => void, private readonly onMode: (mode: 'worker' | 'page') => void = () => {}) {
    this.ready = this.start();
  }

  layout(model: DiagramModel, direction: Direction): Promise<Layout> {
    if (this.inPage) return layoutDiagram(model, direction);
    const id = ++this.lastId;
    return new Promise<Layout>((resolve, reject) => {
      this.pending.set(id, { model, direction, resolve, reject });
      void this.ready.then((ok) => {
        const w = this.worker;
        if (!ok || !w || !this.pending.has(id) || this.sent.has(id)) return;
        this.sent.add(id);
        const request: LayoutRequest = { id, model, direction };
        w.postMessage(request);
      });
    });
  }

  /** A newer model arrived: what was asked before it is never answered; a busy worker starts afresh. */
  supersede(): void {
    this.pending.clear();
    if (this.worker && this.sent.size > 0) {
      this.worker.terminate();
      this.worker = undefined;
      this.sent.clear();
      this.ready = this.spawn();
    }
  }

  private async start(): Promise<boolean> {
    if (!this.workerUri || typeof Worker === 'undefined') return this.fallback('no worker script');
    try {
      const res = await fetch(this.workerUri);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.script = URL.createObjectURL(new Blob([await res.text()], { type: 'text/javascript' }));
    } catch (err) {
      return this.fallback(`fetching it failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.spawn();
  }

  private spawn(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let w: Worker;
      try {
        w = new Worker(this.script!, { name: 'infra-yaml-layout' });
      } catch (err) {
        resolve(this.fallback(`it did not start: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      let started = false;
      const timer = window.setTimeout(() => { w.terminate(); resolve(this.fallback(`it did not start in ${START_LIMIT_MS / 1000} s`)); }, START_LIMIT_MS);
      w.onmessage = (e: MessageEvent<LayoutAnswer>) => {
        const m = e.data;
        if (m.type === 'ready') {
          clearTimeout(timer);
          started = true;
          this.worker = w;
          this.onMode('worker');
          resolve(true);
          return;
        }
        this.answer(m);
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        clearTimeout(timer);
        w.terminate();
        if (started && this.worker !== w) return; // a worker already replaced by supersede()
        this.worker = undefined;
        const ok = this.fallback(`it failed: ${e.message || 'blocked'}`);
        if (!started) resolve(ok);
      };
    });
  }

  private answer(m: Exclude<LayoutAnswer, { type: 'ready' }>): void {
    const p = this.pending.get(m.id);
    this.sent.delete(m.id);
    if (!p) return; // superseded
    this.pending.delete(m.id);
    if (m.type === 'layout') p.resolve(fromWire(m.layout));
    else p.reject(new Error(m.error));
  }

  /** From now on every layout runs in the page; the requests waiting run there too. */
  private fallback(reason: string): false {
    if (!this.inPage) {
      this.inPage = true;
      this.log(`Preview layout worker unavailable (${reason}); laying out in the page instead.`);
      this.onMode('page');
    }
    this.sent.clear();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) layoutDiagram(p.model, p.direction).then(p.resolve, p.reject);
    return false;
  }
}
