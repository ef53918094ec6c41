/**
 * Completion that never waits long for a busy worker. The analysis worker
 * answers requests between the phases of a job, but one phase cannot be
 * split: the whole-file parse of an open, a refresh or an edit that ties
 * entries together (about a second at 10,000 components). While a job runs on
 * a large document, completion waits for the worker at most COMPLETION_WAIT_MS
 * and then answers from the text alone: the vocabulary's keys and values for
 * the cursor's context (services/cursor.ts), without the design's names. Every
 * other request waits for the worker: hover, navigation and the rest are asked
 * for, not typed through, and an empty answer would look like a bug.
 */
import type { CompletionParams } from 'vscode-languageserver';
import { STALE_COMPLETION_CHARS } from '../analysis/languageService';
import type { ModelRequester, ModelResult, RequestScope } from './modelRequests';

/** How long completion waits for a busy worker before answering from the text. */
export const COMPLETION_WAIT_MS = 15;

export function withQuickCompletion(inner: ModelRequester, scope: RequestScope, busy: () => boolean, waitMs = COMPLETION_WAIT_MS): ModelRequester {
  return {
    call(method, params, token) {
      const asked = inner.call(method, params, token);
      if (method !== 'completion' || !busy()) return asked;
      const p = params as CompletionParams;
      const doc = scope.doc(p.textDocument.uri);
      if (!doc || doc.getText().length <= STALE_COMPLETION_CHARS) return asked;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const fromText = new Promise<ModelResult<'completion'>>((resolve) => {
        timer = setTimeout(() => resolve(scope.service.completeFromText(doc, p.position)), waitMs);
      });
      asked.catch(() => undefined); // answered from the text; a late failure has no one to tell
      return Promise.race([asked, fromText as Promise<never>]).finally(() => clearTimeout(timer));
    },
  };
}
