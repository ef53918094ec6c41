/**
 * Every request that reads the analysis, in one table: method → handler over
 * plain JSON params. The same table answers in the thread that owns the
 * analysis — the request thread of the web-worker server (and of the Node
 * server when no worker can start), or the Node server's analysis worker
 * (analysisWorker.ts), which the request thread asks through the pool
 * (AnalysisPool.request). So the logic exists once, and the answers are
 * plain data that cross a thread as they are.
 *
 * Params are the LSP ones; handlers that follow the user's rule settings take
 * them as `rules`, fetched by the request thread (only it talks to the client).
 * A handler never throws to the transport: `undefined` means cancelled, the
 * rest is the answer.
 */
import type {
  CodeAction, CodeActionParams, CodeLens, CodeLensParams, CompletionList, CompletionParams, DefinitionParams, DocumentHighlight, DocumentHighlightParams,
  DocumentSymbol, DocumentSymbolParams, FoldingRange, FoldingRangeParams, Hover, HoverParams, InlayHint, InlayHintParams, Location, PrepareRenameParams,
  Range, ReferenceParams, RenameParams, SelectionRange, SelectionRangeParams, SemanticTokens, SemanticTokensParams, SymbolInformation, WorkspaceEdit,
  WorkspaceSymbolParams,
} from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DiagramAnswer, DiagramRequestParams, ExplainAnswer, ExplainParams, ExportDiagramAnswer, ExportDiagramParams, SimulateAnswer, SimulateRequestParams,
} from '../../../common/lspProtocol';
import type { Analysis, RuleSettings } from '../analysis/analyze';
import type { LanguageService } from '../analysis/languageService';
import { simulateSteps } from '../analysis/simulate/simulate';
import { buildDiagram } from '../analysis/view/diagram';
import { isGraphFormat, writeDiagram } from '../analysis/view/writers';
import { explainDesign } from '../analysis/explain/explain';
import type { RuleDocs } from '../analysis/explain/issues';

/** What a handler reads: the owning thread's service and its copy of the open documents. */
export interface RequestScope {
  readonly service: LanguageService;
  doc(uri: string): TextDocument | undefined;
  all(): Iterable<TextDocument>;
  /** Reads a rule's page for the explanation (files on Node, none in a web worker). */
  readonly ruleDocs: RuleDocs;
}

/** Cancellation as the handlers see it: an LSP token, or the worker's flag for a forwarded request. */
export interface Cancelled { readonly isCancellationRequested: boolean }

type WithRules<P> = P & { readonly rules?: RuleSettings };
type Failure = { error: string };

/** Milliseconds of simulation between two turns of the event loop: requests and diagnostics get through in between. */
const SLICE_MS = 8;

/** One turn of the event loop: setImmediate on Node; a zero timeout in a web worker, which has none. */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Runs a sliced computation, letting other work through between slices; `undefined` once cancelled. */
async function drive<T>(steps: Generator<void, T>, token: Cancelled): Promise<T | undefined> {
  for (;;) {
    const t0 = performance.now();
    let r = steps.next();
    while (!r.done && performance.now() - t0 < SLICE_MS) r = steps.next();
    if (r.done) return r.value;
    await nextTurn();
    if (token.isCancellationRequested) return undefined;
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The analysis a preview request reads, or why there is none (not open, does not parse). */
function analysisOf(s: RequestScope, uri: string, get: (doc: TextDocument) => Analysis): Analysis | Failure {
  const doc = s.doc(uri);
  if (!doc) return { error: `${uri} is not open` };
  const a = get(doc);
  const syntax = a.parsed.errors[0];
  if (syntax) return { error: `The YAML does not parse (line ${a.parsed.lineCounter.linePos(syntax.span.start).line}): ${syntax.message}` };
  return a;
}

/** The current version's analysis through `fn`, an exception answered as an error. */
function withAnalysis<T>(s: RequestScope, name: string, uri: string, fn: (a: Analysis) => T): { value: T } | Failure {
  try {
    const a = analysisOf(s, uri, (d) => s.service.analyze(d));
    return 'error' in a ? a : { value: fn(a) };
  } catch (e) {
    return { error: `${name} failed: ${message(e)}` };
  }
}

/** A document's handler: the fallback when the document is not open here. */
const onDoc = <P extends { textDocument: { uri: string } }, R>(fallback: R, fn: (s: RequestScope, doc: TextDocument, p: P) => R) =>
  (s: RequestScope, p: P): R => {
    const doc = s.doc(p.textDocument.uri);
    return doc ? fn(s, doc, p) : fallback;
  };

function workspaceSymbols(s: RequestScope, p: WorkspaceSymbolParams): SymbolInformation[] {
  const query = p.query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const d of s.all()) {
    for (const group of s.service.symbols(d)) {
      const leaves = group.children?.flatMap((c) => (c.kind === SymbolKind.Enum ? c.children ?? [] : [c])) ?? [];
      for (const l of leaves) {
        if (l.name.toLowerCase().includes(query)) out.push({ name: l.name, kind: l.kind, location: { uri: d.uri, range: l.selectionRange }, containerName: group.name });
      }
    }
  }
  return out;
}

async function exportDiagram(s: RequestScope, p: WithRules<ExportDiagramParams>): Promise<ExportDiagramAnswer> {
  if (!isGraphFormat(p.format)) return { error: `unknown format ${String(p.format)}` };
  const model = withAnalysis(s, 'export', p.uri, (a) => buildDiagram(a, p.rules ?? {}));
  if ('error' in model) return model;
  try { return { value: await writeDiagram(model.value, p.format) }; } catch (e) { return { error: `export failed: ${message(e)}` }; }
}

/** The simulation reads only the topology: the newest model will do, and the run is sliced and cancellable. */
async function simulate(s: RequestScope, p: SimulateRequestParams, token: Cancelled): Promise<SimulateAnswer | undefined> {
  const { uri, ...params } = p;
  try {
    const a = analysisOf(s, uri, (d) => s.service.newest(d));
    if ('error' in a) return a;
    const value = await drive(simulateSteps(a, params), token);
    return value ? { value } : undefined;
  } catch (e) {
    return { error: `simulate failed: ${message(e)}` };
  }
}

/** The handlers, by the method name the request thread forwards. */
export const MODEL_REQUESTS = {
  completion: onDoc<CompletionParams, CompletionList | null>(null, (s, d, p) => s.service.complete(d, p.position)),
  hover: onDoc<HoverParams, Hover | null>(null, (s, d, p) => s.service.hover(d, p.position)),
  codeLens: onDoc<CodeLensParams, CodeLens[]>([], (s, d) => s.service.codeLenses(d)),
  codeAction: onDoc<CodeActionParams, CodeAction[]>([], (s, d, p) => s.service.codeActions(d, p.context.diagnostics, p.context.only)),
  codeActionResolve(s: RequestScope, p: { action: CodeAction; uri: string; rules?: RuleSettings }): CodeAction {
    const d = s.doc(p.uri);
    return d ? s.service.resolveCodeAction(d, p.action, p.rules) : p.action;
  },
  definition: onDoc<DefinitionParams, Location | null>(null, (s, d, p) => s.service.definition(d, p.position)),
  references: onDoc<ReferenceParams, Location[]>([], (s, d, p) => s.service.references(d, p.position, p.context.includeDeclaration)),
  documentHighlight: onDoc<DocumentHighlightParams, DocumentHighlight[]>([], (s, d, p) => s.service.highlights(d, p.position)),
  prepareRename: onDoc<PrepareRenameParams, { range: Range; placeholder: string } | Failure | null>(null, (s, d, p) => s.service.prepareRename(d, p.position)),
  rename: onDoc<RenameParams, WorkspaceEdit | Failure | null>(null, (s, d, p) => s.service.rename(d, p.position, p.newName)),
  documentSymbol: onDoc<DocumentSymbolParams, DocumentSymbol[]>([], (s, d) => s.service.symbols(d)),
  workspaceSymbol: workspaceSymbols,
  foldingRanges: onDoc<FoldingRangeParams, FoldingRange[]>([], (s, d) => s.service.foldingRanges(d)),
  selectionRanges: onDoc<SelectionRangeParams, SelectionRange[]>([], (s, d, p) => s.service.selectionRanges(d, p.positions)),
  semanticTokens: onDoc<SemanticTokensParams, SemanticTokens>({ data: [] }, (s, d) => ({ data: s.service.semanticTokens(d) })),
  inlayHint: onDoc<InlayHintParams, InlayHint[]>([], (s, d, p) => s.service.inlayHints(d, p.range)),
  diagram: (s: RequestScope, p: WithRules<DiagramRequestParams>): DiagramAnswer => withAnalysis(s, 'diagram', p.uri, (a) => buildDiagram(a, p.rules ?? {})),
  exportDiagram,
  explain: (s: RequestScope, p: WithRules<ExplainParams>): ExplainAnswer =>
    withAnalysis(s, 'explain', p.uri, (a) => explainDesign(a, { file: p.file, diagram: p.diagram, docs: s.ruleDocs, settings: p.rules ?? {} })),
  simulate,
};

export type ModelMethod = keyof typeof MODEL_REQUESTS;
export type ModelParams<M extends ModelMethod> = Parameters<(typeof MODEL_REQUESTS)[M]>[1];
export type ModelResult<M extends ModelMethod> = Awaited<ReturnType<(typeof MODEL_REQUESTS)[M]>>;

/** Asks the thread that owns the analysis; `undefined` when the request was cancelled. */
export interface ModelRequester {
  call<M extends ModelMethod>(method: M, params: ModelParams<M>, token?: Cancelled): Promise<ModelResult<M> | undefined>;
}

/** Runs one handler of the table here (what the owning thread does with a request). */
export async function answer<M extends ModelMethod>(scope: RequestScope, method: M, params: ModelParams<M>, token: Cancelled = { isCancellationRequested: false }): Promise<ModelResult<M> | undefined> {
  const handler = MODEL_REQUESTS[method] as (s: RequestScope, p: ModelParams<M>, t: Cancelled) => ModelResult<M> | Promise<ModelResult<M> | undefined> | undefined;
  return handler(scope, params, token);
}

/** The requester of a thread that owns its analysis: the table, called in place. */
export function localRequester(scope: RequestScope): ModelRequester {
  return { call: (method, params, token) => answer(scope, method, params, token) };
}
