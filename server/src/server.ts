/**
 * The Infra YAML language server: wiring only. Each capability's adapter is
 * a few lines that get the document, call the core, and convert.
 * Run standalone with `node dist/server.js --stdio` for any LSP client.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, createConnection, InitializeResult, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { CommandIds, createLanguageService, VSCODE_COMMANDS } from './analysis/languageService';
import { commandsFor, docsBaseFrom, registerServerCommands } from './features/commands';
import { FIX_ALL_KIND } from './analysis/services/codeActions';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from './analysis/services/semanticTokens';
import { DiagnosticsPublisher } from './features/diagnostics';
import { exitOnFramingErrors } from './features/framing';
import { registerLanguageFeatures } from './features/language';
import { registerPreviewFeatures } from './features/preview';
import { safe } from './features/runner';
import { ClampedTextDocument } from './features/textSync';
import { Settings } from './features/settings';
import { serverPreflight } from './cli/info';
import { VERSION } from './version';

const preflight = serverPreflight(process.argv.slice(2));
if (preflight) {
  if (preflight.out !== undefined) process.stdout.write(preflight.out + '\n');
  if (preflight.err !== undefined) process.stderr.write(preflight.err + '\n');
  process.exit(preflight.code);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(ClampedTextDocument);
// Read by the service on every use: initialize may replace them for this client.
const serviceOptions: { docsBase: string; commands: CommandIds } = {
  docsBase: process.env.INFRA_YAML_DOCS_BASE ?? pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules')).href,
  commands: VSCODE_COMMANDS,
};
const service = createLanguageService(serviceOptions);
const settings = new Settings(connection);
const diagnostics = new DiagnosticsPublisher(connection, documents, service, settings);

connection.onInitialize((params): InitializeResult => {
  settings.supported = !!params.capabilities.workspace?.configuration;
  const commands = commandsFor(params);
  serviceOptions.commands = commands.ids;
  serviceOptions.docsBase = docsBaseFrom(params) ?? serviceOptions.docsBase;
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
      ...(commands.served.length ? { executeCommandProvider: { commands: commands.served } } : {}),
    },
    serverInfo: { name: 'infra-yaml-language-server', version: VERSION },
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
registerServerCommands(connection, () => serviceOptions.docsBase);

process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));

// Over stdio a framing error would leave us alive but deaf: exit instead.
if (process.argv.includes('--stdio')) exitOnFramingErrors(process.stdin, (m) => process.stderr.write(`${m}\n`), (code) => process.exit(code));

documents.listen(connection);
connection.listen();
