/**
 * The VS Code side, shared by the desktop entry (node.ts: the server is a
 * Node process) and the web entry (browser.ts: the server is a web worker).
 * Starts the language server through the entry's client and connects it to
 * the editor. Everything the user sees comes from the server.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { registerPreview } from './preview';

/** Makes the entry's language client from the options every host shares. */
export type ClientFactory = (id: string, name: string, clientOptions: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

export async function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<void> {
  const output = vscode.window.createOutputChannel('Infra YAML', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'infra-yaml' }],
    synchronize: { configurationSection: 'infraYaml' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = createClient('infraYaml', 'Infra YAML', clientOptions);
  context.subscriptions.push(output);
  registerCommands(context);
  await client.start();
  registerPreview(context, client);
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
