/**
 * The VS Code side, shared by the desktop entry (node.ts: the server is a
 * Node process) and the web entry (browser.ts: the server is a web worker).
 * Starts the language server through the entry's client and connects it to
 * the editor. Everything the user sees comes from the server.
 */
import * as vscode from 'vscode';
import { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { crashHandler, CrashNotice, sendingDocuments } from './crashHandler';
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
  /** The crash notifications shown so far (message and buttons), oldest first. */
  crashNotices(): readonly CrashNotice[];
}

let client: BaseLanguageClient | undefined;

export async function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<InfraYamlApi> {
  const output = vscode.window.createOutputChannel('Infra YAML', { log: true });
  const crashes = new CrashTracker();
  const status = new ServerStatus();
  const notices: CrashNotice[] = [];
  const restart = async (): Promise<void> => {
    // stop() then start(): what the Node client's restart() does, for either host's client.
    if (languageClient.isRunning()) await languageClient.stop();
    await languageClient.start();
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'infra-yaml' }],
    synchronize: { configurationSection: 'infraYaml' },
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: crashHandler({ crashes, output, status, notices, restart }),
    // The commands this extension runs itself; other editors get the server's (features/commands.ts).
    initializationOptions: { commands: ['infraYaml.explainRule', 'workbench.actions.view.problems'] },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => { status.analysed(uri); next(uri, diagnostics); },
      ...sendingDocuments(crashes),
    },
  };
  const languageClient = createClient('infraYaml', 'Infra YAML', clientOptions);
  client = languageClient;
  context.subscriptions.push(
    output, status, status.watch(languageClient),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_SERVER, async () => {
      output.info('Restarting the language server');
      crashes.reset();
      await restart();
    }),
  );
  registerCommands(context);
  await languageClient.start();
  registerPreview(context, languageClient);
  registerExportDiagram(context, languageClient);
  registerExplainDesign(context, languageClient);
  void showWalkthroughOnce(context);
  return { status: () => status.snapshot(), crashNotices: () => [...notices] };
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
