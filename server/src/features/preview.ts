/**
 * The preview's custom requests: the diagram model of a document, its export
 * to other formats, the design's explanation, and the request-flow
 * simulation on it. Wiring only: get the document, get the cached analysis,
 * call the core, answer `{ value } | { error }`. The simulation runs in
 * slices between which other requests are answered, and stops when the
 * request is cancelled.
 */
import { CancellationToken, Connection, LSPErrorCodes, RequestType, ResponseError, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DIAGRAM_METHOD, DiagramAnswer, DiagramRequestParams, EXPORT_DIAGRAM_METHOD, ExportDiagramAnswer, ExportDiagramParams,
  EXPLAIN_METHOD, ExplainAnswer, ExplainParams, SIMULATE_METHOD, SimulateAnswer, SimulateRequestParams,
} from '../../../common/lspProtocol';
import type { Analysis } from '../analysis/analyze';
import type { LanguageService } from '../analysis/languageService';
import { simulateSteps } from '../analysis/simulate/simulate';
import { buildDiagram } from '../analysis/view/diagram';
import { isGraphFormat, writeDiagram } from '../analysis/view/writers';
import { explainDesign } from '../analysis/explain/explain';
import type { RuleDocs } from '../analysis/explain/issues';
import type { Settings } from './settings';

const DiagramRequest = new RequestType<DiagramRequestParams, DiagramAnswer, void>(DIAGRAM_METHOD);
const ExportRequest = new RequestType<ExportDiagramParams, ExportDiagramAnswer, void>(EXPORT_DIAGRAM_METHOD);
const ExplainRequest = new RequestType<ExplainParams, ExplainAnswer, void>(EXPLAIN_METHOD);
const SimulateRequest = new RequestType<SimulateRequestParams, SimulateAnswer, void>(SIMULATE_METHOD);

/** Milliseconds of simulation between two turns of the event loop: requests and diagnostics get through in between. */
const SLICE_MS = 8;

/** One turn of the event loop: setImmediate on Node; a zero timeout in a web worker, which has none. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Runs a sliced computation, letting other work through between slices; `undefined` once cancelled. */
async function drive<T>(steps: Generator<void, T>, token: CancellationToken): Promise<T | undefined> {
  for (;;) {
    const t0 = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - t0 < SLICE_MS) r = steps.next();
    if (r.done) return r.value;
    await nextTurn();
    if (token.isCancellationRequested) return undefined;
  }
}

/** `docs` reads a rule's page for the explanation; the entry supplies it (files on Node, none in a web worker). */
export function registerPreviewFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, settings: Settings, docs: RuleDocs = () => undefined): void {
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
  /** The current version's analysis through `fn`, any exception answered as an error. */
  const withAnalysis = <T>(name: string, uri: string, fn: (a: Analysis) => T): { value: T } | { error: string } => {
    try {
      const a = analysisOf(uri, (d) => service.analyze(d));
      return 'error' in a ? a : { value: fn(a) };
    } catch (e) {
      return fail(name, e);
    }
  };
  // Badges follow the user's rule settings, like the squiggles do.
  connection.onRequest(DiagramRequest, async (p) => {
    const rules = await settings.rules(p.uri);
    return withAnalysis('diagram', p.uri, (a) => buildDiagram(a, rules));
  });
  connection.onRequest(ExportRequest, async (p) => {
    if (!isGraphFormat(p.format)) return { error: `unknown format ${String(p.format)}` };
    const rules = await settings.rules(p.uri);
    const model = withAnalysis('export', p.uri, (a) => buildDiagram(a, rules));
    if ('error' in model) return model;
    try { return { value: await writeDiagram(model.value, p.format) }; } catch (e) { return { error: `export failed: ${e instanceof Error ? e.message : String(e)}` }; }
  });
  connection.onRequest(ExplainRequest, async (p) => {
    const rules = await settings.rules(p.uri);
    return withAnalysis('explain', p.uri, (a) => explainDesign(a, { file: p.file, diagram: p.diagram, docs, settings: rules }));
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
