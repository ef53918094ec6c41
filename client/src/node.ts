/** The desktop (and remote) entry: the language server runs as a Node process over IPC. */
import type * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerCheckTask } from './checkTask';
import { activateWith, InfraYamlApi } from './extension';

export { deactivate } from './extension';

export async function activate(context: vscode.ExtensionContext): Promise<InfraYamlApi> {
  context.subscriptions.push(registerCheckTask(context));
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  return activateWith(context, (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions));
}
