/**
 * The analysis worker seen from the request thread. The worker keeps the
 * server's only analysis: the pool sends it a copy of each open document and
 * of each change (DocumentMirror), forwards the requests that read the model
 * (ModelRequester, answered there by the table of modelRequests.ts), and runs
 * the analysis jobs that publish diagnostics.
 *
 * Jobs run one at a time, newest first: a job for a
 * document replaces its queued job, and a job for the document being
 * analysed cancels that analysis cooperatively: the pool raises a shared flag
 * (a SharedArrayBuffer the worker reads between phases) and the worker drops
 * the rest of the superseded job. The worker is never restarted for that, so
 * the parse it keeps stays valid and the next job re-parses only what its edit
 * touched. When no worker can be started, jobs and requests run in-thread
 * (the request thread's own service answers then, as in the web-worker
 * server). Node only (server.ts).
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommandIds } from '../analysis/languageService';
import { Analyser, AnalysisDone, AnalysisJob, runJob } from './analysisJob';
import type { HeapReport } from './heapReport';
import type { Cancelled, ModelMethod, ModelParams, ModelRequester, ModelResult } from './modelRequests';
import type { DocumentMirror } from './textSync';
import type { RequestAnswer, WorkerMessage, WorkerReply } from './workerProtocol';

type Job = Omit<AnalysisJob, 'id'>;
interface Pending { readonly job: AnalysisJob; readonly resolve: (r: AnalysisDone | undefined) => void; readonly reject: (e: Error) => void }
interface Asked { readonly resolve: (a: RequestAnswer) => void; readonly reject: (e: Error) => void }

/** What the pool needs from the request thread: its documents (replayed to a worker that starts), and who answers when no worker runs. */
export interface PoolHost {
  documents(): Iterable<TextDocument>;
  readonly local: ModelRequester;
}

export class AnalysisPool implements Analyser, DocumentMirror, ModelRequester {
  private worker: Worker | undefined;
  private running: Pending | undefined;
  private readonly queue = new Map<string, Pending>();
  private nextId = 1;
  private disposed = false;
  /** Slot 0: the id of the newest job that was cancelled; the worker stops a job whose id is at most this. */
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(4));
  /** How many workers were started (for tests: a superseded job must not restart the worker). */
  workersStarted = 0;
  /** How many jobs were posted with their text (for tests: the others were read from the worker's copy). */
  jobTextsPosted = 0;
  /** The version of each document the worker's copy is at (each open and change posted to it). */
  private readonly mirroredAt = new Map<string, number>();
  /** The memory benchmark's questions to the worker, answered in order (heapReport.ts). */
  private readonly heapWaiters: ((r: HeapReport | undefined) => void)[] = [];
  /** Forwarded requests not yet answered, by id. */
  private readonly asked = new Map<number, Asked>();
  private nextRequest = 1;
  private options: { docsBase?: string; commands: CommandIds } | undefined;
  private host: PoolHost | undefined;

  constructor(private workerFile: string | undefined, private readonly log: (message: string) => void) {}

  /** Where the documents are and who answers without a worker (the server's wiring, once it exists). */
  attach(host: PoolHost): void {
    this.host = host;
  }

  /** True while a job is being analysed (requests may then wait for one of its phases). */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** True when a worker runs, so that it, not this thread, keeps the analysis. */
  get hasWorker(): boolean {
    return this.worker !== undefined;
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    // Started here rather than at the first job: the worker must see every document from its open on.
    this.post({ type: 'open', uri, languageId, version, text }, true);
    this.mirrored(uri, version);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.post({ type: 'change', uri, version, changes });
    this.mirrored(uri, version);
  }

  close(uri: string): void {
    this.post({ type: 'close', uri });
    this.mirroredAt.delete(uri);
  }

  private mirrored(uri: string, version: number): void {
    if (this.worker) this.mirroredAt.set(uri, version);
    else this.mirroredAt.delete(uri);
  }

  /** The options the worker's service reads (docsBase, commands), kept for a worker that starts later. */
  configure(options: { docsBase?: string; commands: CommandIds }): void {
    this.options = options;
    this.post({ type: 'configure', options });
  }

  /**
   * Asks the worker; `undefined` when the handler saw the cancellation. Without a worker (none could
   * start, or it failed and no new one could) the request thread's own requester answers.
   */
  async call<M extends ModelMethod>(method: M, params: ModelParams<M>, token?: Cancelled & { onCancellationRequested?: (f: () => void) => { dispose(): void } }): Promise<ModelResult<M> | undefined> {
    const w = this.ensureWorker();
    if (!w) {
      if (!this.host) throw new Error('no worker and no request thread to answer');
      return this.host.local.call(method, params, token);
    }
    const id = this.nextRequest++;
    const answered = new Promise<RequestAnswer>((resolve, reject) => this.asked.set(id, { resolve, reject }));
    w.postMessage({ type: 'request', id, method, params } satisfies WorkerMessage);
    const onCancel = token?.onCancellationRequested?.(() => this.worker?.postMessage({ type: 'cancel', id } satisfies WorkerMessage));
    try {
      const a = await answered;
      if ('error' in a) throw new Error(a.error);
      return 'cancelled' in a.value ? undefined : (a.value.value as ModelResult<M>);
    } finally {
      onCancel?.dispose();
    }
  }

  private post(m: WorkerMessage, start = false): void {
    (start ? this.ensureWorker() : this.worker)?.postMessage(m);
  }

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
      w.postMessage({ type: 'heap', collect } satisfies WorkerMessage);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const r of this.heapWaiters.splice(0)) r(undefined);
    this.rejectAsked(new Error('the analysis pool was disposed'));
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
      // Messages arrive in order: the worker's copy has every change posted before this job.
      const copied = this.mirroredAt.get(p.job.uri) === p.job.version;
      if (!copied) this.jobTextsPosted++;
      w.postMessage({ type: 'job', job: copied ? { ...p.job, text: undefined } : p.job } satisfies WorkerMessage);
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
      w.on('message', (m: WorkerReply) => this.finished(w, m));
      w.on('error', (e) => this.failed(w, e));
      w.on('exit', (code) => { if (this.worker === w) this.failed(w, new Error(`analysis worker exited with code ${code}`)); });
      w.unref();
      this.worker = w;
      // A worker that starts (again, after a failure) gets the documents already open and the options.
      if (this.options) w.postMessage({ type: 'configure', options: this.options } satisfies WorkerMessage);
      this.mirroredAt.clear();
      for (const d of this.host?.documents() ?? []) {
        w.postMessage({ type: 'open', uri: d.uri, languageId: d.languageId, version: d.version, text: d.getText() } satisfies WorkerMessage);
        this.mirroredAt.set(d.uri, d.version);
      }
      return w;
    } catch (e) {
      this.log(`analysis worker could not start, analysing in-thread: ${e instanceof Error ? e.message : String(e)}`);
      this.workerFile = undefined;
      return undefined;
    }
  }

  private finished(w: Worker, m: WorkerReply): void {
    if ('answer' in m) {
      const a = this.asked.get(m.answer.id);
      this.asked.delete(m.answer.id);
      a?.resolve(m.answer);
      return;
    }
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
    this.rejectAsked(e);
    const p = this.running;
    this.running = undefined;
    this.log(`analysis worker failed: ${e.stack ?? e.message}`);
    p?.reject(e);
    this.pump();
  }

  private rejectAsked(e: Error): void {
    const asked = [...this.asked.values()];
    this.asked.clear();
    for (const a of asked) a.reject(e);
  }
}
