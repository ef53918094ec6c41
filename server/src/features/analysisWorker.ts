/**
 * The analysis worker: the one thread of the Node server that keeps an
 * analysis. It runs `worker_threads` inside `AnalysisPool` (dist/analysisWorker.js)
 * and holds a copy of the open documents (the request thread sends each open,
 * change and close), one language service, the analysis jobs that publish
 * diagnostics (analysisJob.ts) and the requests that read the model
 * (modelRequests.ts). A job yields to the event loop between its phases, so
 * requests that arrive while it runs are answered in between, from the newest
 * model there is: the job's version once its parse and model are built (its
 * rules then run on demand if a request reads them), the previous version's
 * through a stale view before that. Node only: the web-worker server keeps its
 * analysis in its own thread.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../analysis/languageService';
import { jobSteps, PostedJob } from './analysisJob';
import { heapReport } from './heapReport';
import { HeapTrimmer } from './heapTrim';
import { TrimSchedule } from './trimSchedule';
import { answer, nextTurn, RequestScope } from './modelRequests';
import { ruleDocs } from './ruleDocs';
import type { WorkerMessage, WorkerReply } from './workerProtocol';

/** Slot 0: the newest cancelled job id, raised by the pool when a newer version arrives (AnalysisPool). */
const cancelled: Int32Array | undefined = (workerData as { cancelled?: Int32Array } | null)?.cancelled;
const port = parentPort!;

const serviceOptions: { docsBase?: string; commands?: { explain: string | null; summary: string }; rulesInJobs: true } = { rulesInJobs: true };
const service = createLanguageService(serviceOptions);
const documents = new Map<string, TextDocument>();
const scope: RequestScope = { service, doc: (uri) => documents.get(uri), all: () => documents.values(), ruleDocs: ruleDocs() };
/** Requests forwarded and not yet answered, by id: the pool's cancel raises their flag. */
const asked = new Map<number, { isCancellationRequested: boolean }>();
/** After a job that left much garbage (the open's whole-file analysis), one full collection (heapTrim.ts). */
const trimmer = new HeapTrimmer();
/** When to run it: at once after a whole-file parse, once the worker is quiet after an edit (trimSchedule.ts). */
const trimming = new TrimSchedule(() => trimmer.trim());

/** A job's phases with a turn of the event loop between them; the time is the phases' own, not the requests' between them. */
async function runJob(job: PostedJob): Promise<void> {
  let whole = false;
  const doc = jobDocument(job);
  if (!doc) {
    port.postMessage({ id: job.id, cancelled: true } satisfies WorkerReply);
    return;
  }
  const steps = jobSteps(job, doc, () => cancelled !== undefined && Atomics.load(cancelled, 0) >= job.id, (d) => service.analyze(d));
  let ms = 0;
  for (;;) {
    const t0 = performance.now();
    const r = steps.next();
    ms += performance.now() - t0;
    if (r.done) {
      port.postMessage(r.value ? { ...r.value, ms } : { id: job.id, cancelled: true });
      whole = r.value?.parse.incremental === false;
      break;
    }
    // The messages that came during the phase, taken now: the next turn of the event loop runs the
    // job's next phase before it polls for messages again.
    drain();
    await nextTurn();
  }
  // One full collection when much has piled up: the garbage of a large whole-file parse, not an edit's.
  trimming.afterJob(whole);
}

/**
 * The document a job analyses: the one posted with it, else this thread's copy when it is at the
 * job's version (the pool posts a job without its text only then; a copy at another version means
 * the job was superseded).
 */
function jobDocument(job: PostedJob): TextDocument | undefined {
  if (job.text !== undefined) return TextDocument.create(job.uri, 'infra-yaml', job.version, job.text);
  const d = documents.get(job.uri);
  return d?.version === job.version ? d : undefined;
}

async function request(id: number, method: Parameters<typeof answer>[1], params: unknown): Promise<void> {
  const token = { isCancellationRequested: false };
  asked.set(id, token);
  try {
    const value = await answer(scope, method, params as never, token);
    port.postMessage({ answer: { id, value: value === undefined ? { cancelled: true } : { value } } } satisfies WorkerReply);
  } catch (e) {
    port.postMessage({ answer: { id, error: e instanceof Error ? e.stack ?? e.message : String(e) } });
  } finally {
    asked.delete(id);
  }
}

/** Jobs run one at a time, in order; requests and the documents' changes are handled as they come, between a job's phases. */
let jobs: Promise<void> = Promise.resolve();

function handle(m: WorkerMessage): void {
  if (m.type !== 'heap') trimming.activity();
  switch (m.type) {
    case 'heap': port.postMessage({ heapReport: heapReport(m.collect) }); break;
    case 'configure': Object.assign(serviceOptions, m.options); break;
    case 'open': documents.set(m.uri, TextDocument.create(m.uri, m.languageId, m.version, m.text)); break;
    case 'change': {
      const d = documents.get(m.uri);
      if (d) documents.set(m.uri, TextDocument.update(d, m.changes, m.version));
      break;
    }
    case 'close': documents.delete(m.uri); service.forget(m.uri); break;
    case 'request': void request(m.id, m.method, m.params); break;
    case 'cancel': { const t = asked.get(m.id); if (t) t.isCancellationRequested = true; break; }
    case 'job': {
      const job = m.job;
      jobs = jobs.then(() => runJob(job)).catch((e: unknown) => {
        port.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      });
      break;
    }
  }
}

/** Handles the messages waiting on the port, at once. */
function drain(): void {
  for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) handle(r.message as WorkerMessage);
}

port.on('message', handle);
