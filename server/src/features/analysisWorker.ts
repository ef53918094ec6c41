/**
 * The analysis worker: runs analysis jobs (analysisJob.ts) off the thread
 * that answers requests. It runs inside a `worker_threads` Worker started by
 * `AnalysisPool` (dist/analysisWorker.js). Node only: the web-worker server
 * analyses in its own thread.
 */
import { parentPort } from 'node:worker_threads';
import { AnalysisJob, runJob } from './analysisJob';

parentPort?.on('message', (job: AnalysisJob) => {
  try {
    parentPort!.postMessage(runJob(job));
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
