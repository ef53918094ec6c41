/**
 * The analysis worker: runs analysis jobs (analysisJob.ts) off the thread
 * that answers requests. It runs inside a `worker_threads` Worker started by
 * `AnalysisPool` (dist/analysisWorker.js). Node only: the web-worker server
 * analyses in its own thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AnalysisJob, runCancellableJob } from './analysisJob';
import { heapReport } from './heapReport';

/** Slot 0: the newest cancelled job id, raised by the pool when a newer version arrives (AnalysisPool). */
const cancelled: Int32Array | undefined = (workerData as { cancelled?: Int32Array } | null)?.cancelled;

/** The memory benchmark's question (features/heapReport.ts): this thread's heap, answered between jobs. */
interface HeapQuestion { readonly heap: { readonly collect: boolean } }

parentPort?.on('message', (job: AnalysisJob | HeapQuestion) => {
  if ('heap' in job) {
    parentPort!.postMessage({ heapReport: heapReport(job.heap.collect) });
    return;
  }
  try {
    const done = runCancellableJob(job, () => cancelled !== undefined && Atomics.load(cancelled, 0) >= job.id);
    parentPort!.postMessage(done ?? { id: job.id, cancelled: true });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
