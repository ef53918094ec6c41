/**
 * The language server's wiring, shared by the Node entry (server.ts: stdio or
 * IPC) and the web-worker entry (browserServer.ts). It takes a connection the
 * entry made and knows nothing of processes, files or workers: each
 * capability's adapter is a few lines that get the document, call the core,
 * and convert.
 */
import { CodeActionKind, Connection, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CommandIds, createLanguageService, LanguageService, VSCODE_COMMANDS } from './analysis/languageService';
import { FIX_ALL_KIND } from './analysis/services/codeActions';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from './analysis/services/semanticTokens';
import { commandsFor, docsBaseFrom, registerServerCommands } from './features/commands';
import { DiagnosticsPublisher } from './features/diagnostics';
import { registerLanguageFeatures } from './features/language';
import type { RuleDocs } from './analysis/explain/issues';
import { localRequester, ModelRequester, RequestScope } from './features/modelRequests';
import { Settings } from './features/settings';
import { ClampedTextDocument, DocumentMirror, mirrored } from './features/textSync';

/** What publishes diagnostics; an entry may plug in its own (e.g. one that analyses on another thread). */
export interface DiagnosticsScheduler {
  schedule(doc: TextDocument, immediate?: boolean): void;
  clear(uri: string): void;
  refreshAll(): void;
}

export interface StartOptions {
  /** Base URL of the rule pages; the client's `initializationOptions.docsBase` takes precedence. */
  readonly docsBase?: string;
  /** The package version, for serverInfo (the entry knows how to read it). */
  readonly version: string;
  /** Reads a rule's page (docs/rules/CODE.md) for "Explain This Design"; none where there is no file system. */
  readonly ruleDocs?: RuleDocs;
  /** Replaces the default in-thread diagnostics publisher; `docsBase` reads the rule pages' base URL as it is now (initialize may set it). */
  readonly diagnostics?: (connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, settings: Settings, docsBase: () => string | undefined) => DiagnosticsScheduler;
  /** Called each time the request thread has built a new analysis (LanguageServiceOptions.analysed). */
  readonly analysed?: () => void;
  /**
   * Who answers the requests that read the analysis; by default this thread, from `scope` (its own
   * service and documents). The Node server forwards them to its analysis worker.
   */
  readonly requests?: (scope: RequestScope) => ModelRequester;
  /** Told every open, change (clamped) and close of a document, so that another thread can keep a copy. */
  readonly mirror?: DocumentMirror;
  /** Told the options the service reads (docsBase, commands) once initialize has set them. */
  readonly configured?: (options: { docsBase?: string; commands: CommandIds }) => void;
}

export interface StartedServer {
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
}

export function startServer(connection: Connection, options: StartOptions): StartedServer {
  const documents = new TextDocuments(options.mirror ? mirrored(options.mirror) : ClampedTextDocument);
  // Read by the service at each publication, so that initialize can still set it.
  const serviceOptions: { docsBase?: string; commands: CommandIds; analysed?: () => void } = { docsBase: options.docsBase, commands: VSCODE_COMMANDS, analysed: options.analysed };
  const service = createLanguageService(serviceOptions);
  const settings = new Settings(connection);
  const diagnostics = (options.diagnostics ?? ((c, d, s, st) => new DiagnosticsPublisher(c, d, s, st)))(connection, documents, service, settings, () => serviceOptions.docsBase);

  connection.onInitialize((params): InitializeResult => {
    settings.supported = !!params.capabilities.workspace?.configuration;
    // Commands the client runs itself stay its own; the rest the server serves (features/commands.ts).
    const commands = commandsFor(params);
    serviceOptions.commands = commands.ids;
    serviceOptions.docsBase = docsBaseFrom(params) ?? serviceOptions.docsBase;
    options.configured?.({ docsBase: serviceOptions.docsBase, commands: commands.ids });
    return {
      capabilities: { ...capabilities(), ...(commands.served.length ? { executeCommandProvider: { commands: commands.served } } : {}) },
      serverInfo: { name: 'infra-yaml-language-server', version: options.version },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    diagnostics.refreshAll();
  });

  documents.onDidOpen((e) => diagnostics.schedule(e.document, true));
  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => {
    options.mirror?.close(e.document.uri);
    service.forget(e.document.uri);
    settings.forget(e.document.uri);
    diagnostics.clear(e.document.uri);
  });

  const scope: RequestScope = { service, doc: (uri) => documents.get(uri), all: () => documents.all(), ruleDocs: options.ruleDocs ?? (() => undefined) };
  registerLanguageFeatures(connection, options.requests?.(scope) ?? localRequester(scope), settings);
  registerServerCommands(connection, () => serviceOptions.docsBase ?? '');

  documents.listen(connection);
  connection.listen();
  return { documents, service };
}

function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    // No trigger characters: a list that opens by itself on `:` or a space stands open at the end of
    // finished lines, where Enter would accept it. Lists open as the user types a word, or on Ctrl+Space.
    completionProvider: { resolveProvider: false },
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
  };
}
