/**
 * One analysis job: parse → model → rules → diagnostics for one document
 * version. Pure (no Node built-in), so that the worker thread
 * (analysisWorker.ts) and the in-thread fallback share it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analyzeEdit, analyzeText, reportedFindings, RuleSettings } from '../analysis/analyze';
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
 * A job as posted to the worker: without its text when the worker's copy of the document is at the
 * job's version already (the pool sent it each change), so that an edit of a 10k design does not
 * clone its 2.25 MB into the worker once more (~4 ms on the request thread, as much garbage there).
 */
export type PostedJob = Omit<AnalysisJob, 'text'> & { readonly text?: string };

/**
 * Diagnostics and findings travel as JSON text: for large results that is
 * several times cheaper than the structured clone of as many objects, and the
 * findings are parsed only if a request needs them.
 */
export interface AnalysisDone {
  readonly id: number;
  /** `Diagnostic[]` as JSON. */
  readonly diagnostics: string;
  /**
   * Every finding, before settings, as JSON: the request thread adopts them so hover and the summary
   * never recompute them. Absent when the thread that ran the job keeps the analysis and answers the
   * requests itself (the worker): the request thread then has no model to give them to.
   */
  readonly findings?: string;
  /** Milliseconds the analysis took (drives the typing debounce). */
  readonly ms: number;
  /** How the worker parsed this version: whole, or only the entries the edit touched. */
  readonly parse: Analysis['parse'];
}

/** What runs analyses off the request path (AnalysisPool on Node). */
export interface Analyser {
  /** Resolves with the result, or `undefined` when a newer job for the same document replaced this one. */
  run(job: Omit<AnalysisJob, 'id'>): Promise<AnalysisDone | undefined>;
  /** Drops a document's queued and running work (it was closed). */
  cancel(uri: string): void;
}

/**
 * The last parse of each recent document, private to the thread that runs the jobs: the next job
 * for the document re-parses only the entries its edit touched (analyzeEdit). Only the parse is
 * kept (the model, topology and findings are rebuilt), for a few documents, the most recent.
 */
const previous = new Map<string, Pick<Analysis, 'parsed' | 'parse'>>();
const KEEP = 3;

function analyseKept(uri: string, text: string): Analysis {
  const prev = previous.get(uri);
  previous.delete(uri);
  const a = prev ? analyzeEdit(prev, text) : analyzeText(text);
  previous.set(uri, { parsed: a.parsed, parse: a.parse });
  if (previous.size > KEEP) previous.delete(previous.keys().next().value!);
  return a;
}

/** How the last analysis of a document was parsed (for tests). */
export function lastParse(uri: string): Analysis['parse'] | undefined {
  return previous.get(uri)?.parse;
}

/**
 * One job's phases, as a generator that yields between them (parse + model, each rule family, serialising):
 * the worker answers queued requests at each yield. `analyse` gives the analysis of the job's
 * version (by default from the parse kept here; the worker's from its language service, the one
 * that answers its requests) of `doc`, the job's version (the worker's own copy of the document when
 * it has that version: its line table is kept up to date edit by edit). Returns `undefined` when `isCancelled` said so at a yield.
 */
export function* jobSteps(job: Omit<AnalysisJob, 'text'>, doc: TextDocument, isCancelled: () => boolean, analyse?: (doc: TextDocument) => Analysis): Generator<void, AnalysisDone | undefined> {
  const a = analyse ? analyse(doc) : analyseKept(job.uri, doc.getText());
  yield;
  if (isCancelled()) return undefined;
  // The rules family by family (~200 ms at 10k after an edit of the edges): requests in between.
  const rules = a.findingSteps();
  while (!rules.next().done) {
    yield;
    if (isCancelled()) return undefined;
  }
  const reported = reportedFindings(a, job.rules);
  yield;
  if (isCancelled()) return undefined;
  const diagnostics = reported.map((f) => toDiagnostic(doc, f, job.docsBase));
  const findings = analyse ? undefined : JSON.stringify(a.findings());
  return { id: job.id, diagnostics: JSON.stringify(diagnostics), findings, ms: 0, parse: a.parse };
}

/**
 * Runs one job; `undefined` when `isCancelled` said so between phases. The kept parse is updated
 * first, so a cancelled job still leaves a valid parse of its text for the next job to edit from.
 */
export function runCancellableJob(job: AnalysisJob, isCancelled: () => boolean): AnalysisDone | undefined {
  const t0 = performance.now();
  const steps = jobSteps(job, TextDocument.create(job.uri, 'infra-yaml', job.version, job.text), isCancelled);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value && { ...r.value, ms: performance.now() - t0 };
}
/** Runs one job to the end. */
export function runJob(job: AnalysisJob): AnalysisDone {
  return runCancellableJob(job, () => false)!;
}
