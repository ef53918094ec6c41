/**
 * Runs analyses on a worker thread, one at a time, newest first: a job for a
 * document replaces its queued job, and a job for the document being
 * analysed cancels that analysis cooperatively: the pool raises a shared flag
 * (a SharedArrayBuffer the worker reads between phases) and the worker drops
 * the rest of the superseded job. The worker is never restarted for that, so
 * the parse it keeps stays valid and the next job re-parses only what its edit
 * touched. When no worker can be started the job runs in-thread. Node only
 * (server.ts).
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Analyser, AnalysisDone, AnalysisJob, runJob } from './analysisJob';
import type { HeapReport } from './heapReport';

type Job = Omit<AnalysisJob, 'id'>;
/** What the worker answers: a result, an error, or that the job was cancelled (superseded). */
type Reply = AnalysisDone | { id: number; error: string } | { id: number; cancelled: true } | { heapReport: HeapReport };
interface Pending { readonly job: AnalysisJob; readonly resolve: (r: AnalysisDone | undefined) => void; readonly reject: (e: Error) => void }

export class AnalysisPool implements Analyser {
  private worker: Worker | undefined;
  private running: Pending | undefined;
  private readonly queue = new Map<string, Pending>();
  private nextId = 1;
  private disposed = false;
  /** Slot 0: the id of the newest job that was cancelled; the worker stops a job whose id is at most this. */
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(4));
  /** How many workers were started (for tests: a superseded job must not restart the worker). */
  workersStarted = 0;
  /** The memory benchmark's questions to the worker, answered in order (heapReport.ts). */
  private readonly heapWaiters: ((r: HeapReport | undefined) => void)[] = [];

  constructor(private workerFile: string | undefined, private readonly log: (message: string) => void) {}

  /** Resolves with the result, or `undefined` when a newer job for the same document replaced this one. */
  run(job: Job): Promise<AnalysisDone | undefined> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { job: { ...job, id: this.nextId++ }, resolve, reject };
      this.queue.get(job.uri)?.resolve(undefined);
      this.queue.set(job.uri, pending);
      if (this.running?.job.uri === job.uri && this.worker) this.cancelRunning();
      this.pump();
    });
  }

  /** Drops a document's queued and running work (it was closed). */
  cancel(uri: string): void {
    this.queue.get(uri)?.resolve(undefined);
    this.queue.delete(uri);
    if (this.running?.job.uri === uri && this.worker) this.cancelRunning();
  }

  /**
   * The worker's heap (features/heapReport.ts), answered once the running job is done;
   * `undefined` when no worker runs.
   */
  heap(collect: boolean): Promise<HeapReport | undefined> {
    const w = this.worker;
    if (!w) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.heapWaiters.push(resolve);
      w.postMessage({ heap: { collect } });
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const r of this.heapWaiters.splice(0)) r(undefined);
    for (const p of this.queue.values()) p.resolve(undefined);
    this.queue.clear();
    this.running?.resolve(undefined);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /**
   * Tells the worker to drop the running job at its next check and resolves it as superseded at
   * once; the worker stays busy until it answers (finished() then starts the next job).
   */
  private cancelRunning(): void {
    const p = this.running;
    if (!p) return;
    Atomics.store(this.cancelled, 0, p.job.id);
    p.resolve(undefined);
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.queue.values().next();
    if (next.done) return;
    const p = next.value;
    this.queue.delete(p.job.uri);
    this.running = p;
    const w = this.ensureWorker();
    if (w) {
      w.postMessage(p.job);
      return;
    }
    // No worker: run here, after the current turn so that callers see the same async shape.
    setImmediate(() => {
      if (this.running !== p) return;
      this.running = undefined;
      try { p.resolve(runJob(p.job)); } catch (e) { p.reject(e instanceof Error ? e : new Error(String(e))); }
      this.pump();
    });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!this.workerFile || !fs.existsSync(this.workerFile)) return undefined;
    try {
      const w = new Worker(this.workerFile, { workerData: { cancelled: this.cancelled } });
      this.workersStarted++;
      w.on('message', (m: Reply) => this.finished(w, m));
      w.on('error', (e) => this.failed(w, e));
      w.on('exit', (code) => { if (this.worker === w) this.failed(w, new Error(`analysis worker exited with code ${code}`)); });
      w.unref();
      return (this.worker = w);
    } catch (e) {
      this.log(`analysis worker could not start, analysing in-thread: ${e instanceof Error ? e.message : String(e)}`);
      this.workerFile = undefined;
      return undefined;
    }
  }

  private finished(w: Worker, m: Reply): void {
    if ('heapReport' in m) {
      if (w === this.worker) this.heapWaiters.shift()?.(m.heapReport);
      return;
    }
    const p = this.running;
    if (w !== this.worker || !p || p.job.id !== m.id) return;
    this.running = undefined;
    // A promise already resolved as superseded ignores these.
    if ('error' in m) p.reject(new Error(m.error));
    else if ('cancelled' in m) p.resolve(undefined);
    else p.resolve(m);
    this.pump();
  }

  private failed(w: Worker, e: Error): void {
    if (w !== this.worker) return;
    this.worker = undefined;
    for (const r of this.heapWaiters.splice(0)) r(undefined);
    const p = this.running;
    this.running = undefined;
    this.log(`analysis worker failed: ${e.stack ?? e.message}`);
    p?.reject(e);
    this.pump();
  }
}
