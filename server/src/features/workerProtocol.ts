/**
 * The messages between the request thread (AnalysisPool) and the analysis
 * worker (analysisWorker.ts), declared once for both sides.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { CommandIds } from '../analysis/languageService';
import type { AnalysisDone, PostedJob } from './analysisJob';
import type { HeapReport } from './heapReport';
import type { ModelMethod } from './modelRequests';

/** To the worker. Messages arrive in the order they were posted: a document's changes always precede the requests made on them. */
export type WorkerMessage =
  | { readonly type: 'job'; readonly job: PostedJob }
  | { readonly type: 'open'; readonly uri: string; readonly languageId: string; readonly version: number; readonly text: string }
  | { readonly type: 'change'; readonly uri: string; readonly version: number; readonly changes: TextDocumentContentChangeEvent[] }
  | { readonly type: 'close'; readonly uri: string }
  | { readonly type: 'request'; readonly id: number; readonly method: ModelMethod; readonly params: unknown }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'configure'; readonly options: { readonly docsBase?: string; readonly commands: CommandIds } }
  | { readonly type: 'heap'; readonly collect: boolean };

/** A request's answer: its value, `cancelled` (the handler saw the cancellation), or the exception it threw. */
export type RequestAnswer = { readonly id: number; readonly value: { value: unknown } | { cancelled: true } } | { readonly id: number; readonly error: string };

/** From the worker: a job's result, error or cancellation; a request's answer; a heap report. */
export type WorkerReply =
  | AnalysisDone
  | { readonly id: number; readonly error: string }
  | { readonly id: number; readonly cancelled: true }
  | { readonly answer: RequestAnswer }
  | { readonly heapReport: HeapReport };
