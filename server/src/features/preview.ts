/**
 * The preview's custom requests: the diagram model of a document and the
 * request-flow simulation on it. Wiring only: get the document, get the
 * cached analysis, call the core, answer `{ value } | { error }`. The
 * simulation runs in slices between which other requests are answered, and
 * stops when the request is cancelled.
 */
import { CancellationToken, Connection, LSPErrorCodes, RequestType, ResponseError, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DIAGRAM_METHOD, DiagramAnswer, DiagramRequestParams, SIMULATE_METHOD, SimulateAnswer, SimulateRequestParams,
} from '../../../common/lspProtocol';
import type { Analysis } from '../analysis/analyze';
import type { LanguageService } from '../analysis/languageService';
import { simulateSteps } from '../analysis/simulate/simulate';
import { buildDiagram } from '../analysis/view/diagram';
import type { Settings } from './settings';

const DiagramRequest = new RequestType<DiagramRequestParams, DiagramAnswer, void>(DIAGRAM_METHOD);
const SimulateRequest = new RequestType<SimulateRequestParams, SimulateAnswer, void>(SIMULATE_METHOD);

/** Milliseconds of simulation between two turns of the event loop: requests and diagnostics get through in between. */
const SLICE_MS = 8;

/** Runs a sliced computation, letting other work through between slices; `undefined` once cancelled. */
async function drive<T>(steps: Generator<void, T>, token: CancellationToken): Promise<T | undefined> {
  for (;;) {
    const t0 = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - t0 < SLICE_MS) r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) return undefined;
  }
}

export function registerPreviewFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, settings: Settings): void {
  const fail = (name: string, e: unknown): { error: string } => {
    connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return { error: `${name} failed: ${e instanceof Error ? e.message : String(e)}` };
  };
  const analysisOf = (uri: string, get: (doc: TextDocument) => Analysis): Analysis | { error: string } => {
    const doc = documents.get(uri);
    if (!doc) return { error: `${uri} is not open` };
    const a = get(doc);
    const syntax = a.parsed.errors[0];
    if (syntax) return { error: `The YAML does not parse (line ${a.parsed.lineCounter.linePos(syntax.span.start).line}): ${syntax.message}` };
    return a;
  };
  // Badges follow the user's rule settings, like the squiggles do.
  connection.onRequest(DiagramRequest, async (p) => {
    const rules = await settings.rules(p.uri);
    try {
      const a = analysisOf(p.uri, (d) => service.analyze(d));
      return 'error' in a ? a : { value: buildDiagram(a, rules) };
    } catch (e) {
      return fail('diagram', e);
    }
  });
  // The simulation reads only the topology: the newest model will do, and the run is sliced and cancellable.
  connection.onRequest(SimulateRequest, async (p, token) => {
    const { uri, ...params } = p;
    try {
      const a = analysisOf(uri, (d) => service.newest(d));
      if ('error' in a) return a;
      const value = await drive(simulateSteps(a, params), token);
      return value ? { value } : new ResponseError(LSPErrorCodes.RequestCancelled, 'simulation cancelled');
    } catch (e) {
      return fail('simulate', e);
    }
  });
}
