/**
 * The VS Code side, shared by the desktop entry (node.ts: the server is a
 * Node process) and the web entry (browser.ts: the server is a web worker).
 * Starts the language server through the entry's client and connects it to
 * the editor. Everything the user sees comes from the server.
 */
import * as vscode from 'vscode';
import { BaseLanguageClient, CloseAction, ErrorAction, ErrorHandler, LanguageClientOptions, State } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { CrashTracker } from './crashes';
import { registerExplainDesign } from './explainDesign';
import { registerExportDiagram } from './exportDiagram';
import { registerPreview } from './preview';
import { RESTART_SERVER, ServerStatus, SHOW_OUTPUT, StatusSnapshot } from './status';

/** Makes the entry's language client from the options every host shares. */
export type ClientFactory = (id: string, name: string, clientOptions: LanguageClientOptions) => BaseLanguageClient;

/** What the extension exports (the e2e tests read it). */
export interface InfraYamlApi {
  status(): StatusSnapshot;
}

let client: BaseLanguageClient | undefined;

export async function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<InfraYamlApi> {
  const output = vscode.window.createOutputChannel('Infra YAML', { log: true });
  const crashes = new CrashTracker();
  const status = new ServerStatus();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'infra-yaml' }],
    synchronize: { configurationSection: 'infraYaml' },
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: crashHandler(crashes, output, () => client),
    // The commands this extension runs itself; other editors get the server's (features/commands.ts).
    initializationOptions: { commands: ['infraYaml.explainRule', 'workbench.actions.view.problems'] },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => { status.analysed(uri); next(uri, diagnostics); },
    },
  };
  const languageClient = createClient('infraYaml', 'Infra YAML', clientOptions);
  client = languageClient;
  context.subscriptions.push(
    output, ...trackDocuments(crashes), status, status.watch(languageClient),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_SERVER, async () => {
      output.info('Restarting the language server');
      crashes.reset();
      // stop() then start(): what the Node client's restart() does, for either host's client.
      if (languageClient.isRunning()) await languageClient.stop();
      await languageClient.start();
    }),
  );
  registerCommands(context);
  await languageClient.start();
  registerPreview(context, languageClient);
  registerExportDiagram(context, languageClient);
  registerExplainDesign(context, languageClient);
  void showWalkthroughOnce(context);
  return { status: () => status.snapshot() };
}

const WALKTHROUGH = 'infra-yaml.infra-yaml#gettingStarted';
const WALKTHROUGH_SHOWN = 'infraYaml.walkthroughShown';

/** The first time the extension runs, open its walkthrough once (as VS Code does for installs it sees). */
async function showWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get<boolean>(WALKTHROUGH_SHOWN)) return;
  await context.globalState.update(WALKTHROUGH_SHOWN, true);
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) return;
  try {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  } catch {
    // A host without walkthroughs: nothing to show.
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Remembers which Infra YAML document was sent to the server last. */
function trackDocuments(crashes: CrashTracker): vscode.Disposable[] {
  const mine = (d: vscode.TextDocument): boolean => d.languageId === 'infra-yaml';
  return [
    vscode.workspace.onDidOpenTextDocument((d) => { if (mine(d)) crashes.touched(d.uri.toString()); }),
    vscode.workspace.onDidChangeTextDocument((e) => { if (mine(e.document) && e.contentChanges.length) crashes.touched(e.document.uri.toString()); }),
    vscode.workspace.onDidCloseTextDocument((d) => crashes.closed(d.uri.toString())),
  ];
}

const displayName = (uri: string): string => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);

/**
 * On a crash: log the cause and the suspect document, restart up to
 * MAX_RESTARTS times in CRASH_WINDOW_MS, tell the user which design was
 * being checked, and after the last crash offer to close it and restart.
 */
function crashHandler(crashes: CrashTracker, output: vscode.LogOutputChannel, current: () => BaseLanguageClient | undefined): ErrorHandler {
  return {
    error(error, _message, count) {
      output.error(`connection error: ${error.message}`);
      return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },
    closed() {
      const d = crashes.crashed(displayName);
      output.error(d.log);
      if (d.restart) {
        void vscode.window.showWarningMessage(d.message, 'Show Log').then((pick) => { if (pick) output.show(true); });
        return { action: CloseAction.Restart, handled: true };
      }
      const actions = d.suspect ? ['Close It and Restart', 'Show Log'] : ['Restart', 'Show Log'];
      void vscode.window.showErrorMessage(d.message, ...actions).then(async (pick) => {
        if (pick === 'Show Log') return output.show(true);
        if (!pick) return;
        if (d.suspect) await closeDocument(d.suspect);
        crashes.reset();
        const c = current();
        if (c && c.state === State.Stopped) await c.start();
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

/** Closes every tab showing the document, so that it is not sent to the restarted server. */
async function closeDocument(uri: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri);
  await vscode.window.tabGroups.close(tabs);
}
