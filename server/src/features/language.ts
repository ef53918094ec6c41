/**
 * The LSP handlers of every request that reads the analysis. Each is the
 * same short shape: forward the params (and the rule settings, for those
 * that follow them) to the thread that owns the analysis, through the
 * requester (features/modelRequests.ts), and answer. `ask` turns an
 * exception into a logged error and an empty answer, and a cancellation
 * into a cancelled answer, at once, even while the owner is still busy.
 */
import { CancellationToken, CodeAction, Connection, LSPErrorCodes, RequestType, ResponseError } from 'vscode-languageserver';
import {
  DIAGRAM_METHOD, DiagramAnswer, DiagramRequestParams, EXPORT_DIAGRAM_METHOD, ExportDiagramAnswer, ExportDiagramParams,
  EXPLAIN_METHOD, ExplainAnswer, ExplainParams, SIMULATE_METHOD, SimulateAnswer, SimulateRequestParams,
} from '../../../common/lspProtocol';
import type { ModelMethod, ModelParams, ModelRequester, ModelResult } from './modelRequests';
import type { Settings } from './settings';

const DiagramRequest = new RequestType<DiagramRequestParams, DiagramAnswer, void>(DIAGRAM_METHOD);
const ExportRequest = new RequestType<ExportDiagramParams, ExportDiagramAnswer, void>(EXPORT_DIAGRAM_METHOD);
const ExplainRequest = new RequestType<ExplainParams, ExplainAnswer, void>(EXPLAIN_METHOD);
const SimulateRequest = new RequestType<SimulateRequestParams, SimulateAnswer, void>(SIMULATE_METHOD);

const cancelledError = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
/** A failure answered as an LSP error (rename's "cannot rename this"). */
const orThrow = <T>(r: T | { error: string } | undefined | null): T | null => {
  if (r && typeof r === 'object' && 'error' in r) throw new ResponseError(0, r.error);
  return (r ?? null) as T | null;
};

export function registerLanguageFeatures(connection: Connection, requests: ModelRequester, settings: Settings): void {
  const log = (name: string, e: unknown): void => connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  /** Forwards one request; the fallback when it fails, a cancelled answer as soon as the client cancels. */
  const ask = async <M extends ModelMethod, F>(method: M, params: ModelParams<M>, fallback: F, token?: CancellationToken): Promise<Exclude<ModelResult<M>, undefined> | F | ResponseError<void>> => {
    if (token?.isCancellationRequested) return cancelledError();
    let onCancel: { dispose(): void } | undefined;
    const cancelled = new Promise<ResponseError<void>>((resolve) => { onCancel = token?.onCancellationRequested(() => resolve(cancelledError())); });
    try {
      const r = await Promise.race([requests.call(method, params, token), cancelled]);
      if (r instanceof ResponseError) return r;
      return r === undefined ? cancelledError() : (r as Exclude<ModelResult<M>, undefined>);
    } catch (e) {
      log(method, e);
      return fallback;
    } finally {
      onCancel?.dispose();
    }
  };
  const rulesOf = (uri: string) => settings.rules(uri);

  connection.onCompletion((p, t) => ask('completion', p, null, t));
  connection.onHover((p, t) => ask('hover', p, null, t));
  connection.onCodeLens((p, t) => ask('codeLens', p, [], t));
  connection.onCodeAction((p, t) => ask('codeAction', p, [], t));
  connection.onCodeActionResolve(async (action: CodeAction, token) => {
    const uri = (action.data as { uri?: string } | undefined)?.uri;
    if (!uri) return action;
    const rules = await rulesOf(uri);
    // Cancelled while the settings were on their way: answer so, not with a late edit.
    if (token.isCancellationRequested) return cancelledError();
    return ask('codeActionResolve', { action, uri, rules }, action, token);
  });
  connection.onDefinition((p, t) => ask('definition', p, null, t));
  connection.onReferences((p, t) => ask('references', p, [], t));
  connection.onDocumentHighlight((p, t) => ask('documentHighlight', p, [], t));
  connection.onPrepareRename(async (p, t) => {
    const r = await ask('prepareRename', p, { error: 'internal error' }, t);
    return r instanceof ResponseError ? r : orThrow(r);
  });
  connection.onRenameRequest(async (p, t) => {
    const r = await ask('rename', p, { error: 'internal error' }, t);
    return r instanceof ResponseError ? r : orThrow(r);
  });
  connection.onDocumentSymbol((p, t) => ask('documentSymbol', p, [], t));
  connection.onWorkspaceSymbol((p, t) => ask('workspaceSymbol', p, [], t));
  connection.onFoldingRanges((p, t) => ask('foldingRanges', p, [], t));
  connection.onSelectionRanges((p, t) => ask('selectionRanges', p, [], t));
  connection.languages.semanticTokens.on((p, t) => ask('semanticTokens', p, { data: [] }, t));
  connection.languages.inlayHint.on((p, t) => ask('inlayHint', p, [], t));

  // The preview's requests (common/lspProtocol.ts): badges follow the user's rule settings, like the squiggles do.
  const failed = (name: string) => ({ error: `${name} failed` });
  connection.onRequest(DiagramRequest, async (p, t) => ask('diagram', { ...p, rules: await rulesOf(p.uri) }, failed('diagram'), t));
  connection.onRequest(ExportRequest, async (p, t) => ask('exportDiagram', { ...p, rules: await rulesOf(p.uri) }, failed('export'), t));
  connection.onRequest(ExplainRequest, async (p, t) => ask('explain', { ...p, rules: await rulesOf(p.uri) }, failed('explain'), t));
  connection.onRequest(SimulateRequest, (p, t) => ask('simulate', p, failed('simulate'), t));
}
