/**
 * The Infra YAML language server: wiring only. Each capability's adapter is
 * a few lines that get the document, call the core, and convert.
 * Run standalone with `node dist/server.js --stdio` for any LSP client.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, createConnection, LSPErrorCodes, InitializeResult, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { createLanguageService } from './analysis/languageService';
import { FIX_ALL_KIND } from './analysis/services/codeActions';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from './analysis/services/semanticTokens';
import { AnalysisPool } from './features/analysisPool';
import { DiagnosticsPublisher } from './features/diagnostics';
import { exitOnFramingErrors } from './features/framing';
import { registerLanguageFeatures } from './features/language';
import { registerPreviewFeatures } from './features/preview';
import { safe } from './features/runner';
import { ClampedTextDocument } from './features/textSync';
import { Settings } from './features/settings';

// A request cancelled while it still waits in the queue is answered as cancelled, not run.
const connection = createConnection(ProposedFeatures.all, {
  connectionStrategy: { cancelUndispatched: (m) => ({ jsonrpc: '2.0', id: (m as { id?: number | string }).id ?? null, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' } }) },
});
const documents = new TextDocuments(ClampedTextDocument);
const docsBase = process.env.INFRA_YAML_DOCS_BASE ?? pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules')).href;
const service = createLanguageService({ docsBase });
const settings = new Settings(connection);
const pool = new AnalysisPool(path.join(__dirname, 'analysisWorker.js'), (m) => connection.console.error(m));
const diagnostics = new DiagnosticsPublisher(connection, documents, service, settings, pool, docsBase);

connection.onInitialize((params): InitializeResult => {
  settings.supported = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'], resolveProvider: false },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: { label: 'Infra YAML' },
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
      inlayHintProvider: true,
    },
    serverInfo: { name: 'infra-yaml-language-server', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  diagnostics.refreshAll();
});

documents.onDidOpen((e) => diagnostics.schedule(e.document, true));
documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
documents.onDidClose((e) => {
  service.forget(e.document.uri);
  settings.forget(e.document.uri);
  diagnostics.clear(e.document.uri);
});

connection.onCompletion(safe(connection, 'completion', null, (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.complete(doc, p.position) : null;
}));

connection.onHover(safe(connection, 'hover', null, (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.hover(doc, p.position) : null;
}));

connection.onCodeLens(safe(connection, 'codeLens', [], (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.codeLenses(doc) : [];
}));

registerLanguageFeatures(connection, documents, service, settings);
registerPreviewFeatures(connection, documents, service, settings);

connection.onExit(() => pool.dispose());
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));

// Over stdio a framing error would leave us alive but deaf: exit instead.
if (process.argv.includes('--stdio')) exitOnFramingErrors(process.stdin, (m) => process.stderr.write(`${m}\n`), (code) => process.exit(code));

documents.listen(connection);
connection.listen();
