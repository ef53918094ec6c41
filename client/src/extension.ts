/**
 * The VS Code side: starts the language server and connects it to the
 * editor. Everything the user sees comes from the server.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerExplainDesign } from './explainDesign';
import { registerExportDiagram } from './exportDiagram';
import { registerPreview } from './preview';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const output = vscode.window.createOutputChannel('Infra YAML', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'infra-yaml' }],
    synchronize: { configurationSection: 'infraYaml' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('infraYaml', 'Infra YAML', serverOptions, clientOptions);
  context.subscriptions.push(output);
  registerCommands(context);
  await client.start();
  registerPreview(context, client);
  registerExportDiagram(context, client);
  registerExplainDesign(context, client);
  void showWalkthroughOnce(context);
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
