/**
 * The web entry (vscode.dev, github.dev): the language server runs in a web
 * worker started from the extension's own files. It cannot find the rule
 * pages by file path, so the client tells it where they are.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './extension';

export { deactivate } from './extension';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js');
  const docsBase = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString();
  let worker: Worker | undefined;
  // A fresh worker per start, so that a restart never talks to a dead one.
  const startWorker = async (): Promise<Worker> => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true));
    return worker;
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateWith(context, (id, name, clientOptions) => new LanguageClient(id, name, startWorker, { ...clientOptions, initializationOptions: { docsBase } }));
}
