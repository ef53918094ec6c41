/**
 * The web entry (vscode.dev, github.dev): the language server runs in a web
 * worker started from the extension's own files. It cannot find the rule
 * pages by file path, so the client tells it where they are.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, MessageTransports } from 'vscode-languageclient/browser';
import { activateWith, InfraYamlApi } from './extension';

export { deactivate } from './extension';

export function activate(context: vscode.ExtensionContext): Promise<InfraYamlApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js');
  const docsBase = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString();
  let running: { worker: Worker; url: string } | undefined;
  const stop = (): void => {
    running?.worker.terminate();
    if (running?.url.startsWith('blob:')) URL.revokeObjectURL(running.url);
    running = undefined;
  };
  // A fresh worker per start, so that a restart never talks to a dead one. The
  // transports are made here: VS Code's extension host wraps `Worker`, so the
  // library's `instanceof Worker` test would not recognise the worker.
  const startWorker = async (): Promise<MessageTransports> => {
    stop();
    const url = await workerUrl(serverMain);
    const worker = new Worker(url);
    running = { worker, url };
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: stop });
  return activateWith(context, (id, name, clientOptions) => new LanguageClient(id, name, startWorker, { ...clientOptions, initializationOptions: { ...clientOptions.initializationOptions, docsBase } }));
}

/**
 * Where the worker loads from. VS Code starts workers from the extension's
 * own web address (vscode.dev), but not from a remote host's files
 * (code-server, a codespace in the browser): there it gets the script's text.
 */
async function workerUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme !== 'vscode-remote') return script.toString(true);
  const code = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([new TextDecoder().decode(code)], { type: 'text/javascript' }));
}
