/**
 * The analysis worker: parse → model → rules → diagnostics for one document
 * version, off the thread that answers requests. It runs inside a
 * `worker_threads` Worker started by `AnalysisPool` (dist/analysisWorker.js);
 * `runJob` is also what the pool calls in-thread when no worker can start.
 */
import { parentPort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, reportedFindings, RuleSettings } from '../analysis/analyze';
import { toDiagnostic } from '../analysis/diagnostics';

export interface AnalysisJob {
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly rules: RuleSettings;
  readonly docsBase?: string;
}

/**
 * Diagnostics and findings travel as JSON text: for large results that is
 * several times cheaper than the structured clone of as many objects, and the
 * findings are parsed only if a request needs them.
 */
export interface AnalysisDone {
  readonly id: number;
  /** `Diagnostic[]` as JSON. */
  readonly diagnostics: string;
  /** Every finding, before settings, as JSON: the request thread adopts them so hover and the summary never recompute them. */
  readonly findings: string;
  /** Milliseconds the analysis took (drives the typing debounce). */
  readonly ms: number;
}

export function runJob(job: AnalysisJob): AnalysisDone {
  const t0 = performance.now();
  const doc = TextDocument.create(job.uri, 'infra-yaml', job.version, job.text);
  const a = analyzeText(job.text);
  const diagnostics = reportedFindings(a, job.rules).map((f) => toDiagnostic(doc, f, job.docsBase));
  return { id: job.id, diagnostics: JSON.stringify(diagnostics), findings: JSON.stringify(a.findings()), ms: performance.now() - t0 };
}

parentPort?.on('message', (job: AnalysisJob) => {
  try {
    parentPort!.postMessage(runJob(job));
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
