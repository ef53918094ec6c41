/**
 * The preview commands and the panel serializer. One panel per design; the
 * "to the side" variant opens beside the editor, like Markdown's preview.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PREVIEW_VIEW_TYPE, WebviewState } from '../../../common/webviewProtocol';
import { PreviewPanel } from './panel';

export const SHOW_PREVIEW = 'infraYaml.showPreview';
export const SHOW_PREVIEW_TO_SIDE = 'infraYaml.showPreviewToSide';

export function registerPreview(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const panels = new Map<string, PreviewPanel>();
  const track = (panel: vscode.WebviewPanel, uri: vscode.Uri): PreviewPanel => {
    const key = uri.toString();
    const p = new PreviewPanel(panel, uri, context.extensionUri, client, () => panels.delete(key));
    panels.set(key, p);
    return p;
  };
  const open = (uri: vscode.Uri | undefined, column: vscode.ViewColumn): void => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) { void vscode.window.showInformationMessage('Open an Infra YAML design to preview it.'); return; }
    const existing = panels.get(target.toString());
    if (existing) { existing.panel.reveal(column, true); return; }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Infra YAML preview', { viewColumn: column, preserveFocus: true }, {
      enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    });
    track(panel, target);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_PREVIEW, (uri?: vscode.Uri) => open(uri, vscode.ViewColumn.Active)),
    vscode.commands.registerCommand(SHOW_PREVIEW_TO_SIDE, (uri?: vscode.Uri) => open(uri, vscode.ViewColumn.Beside)),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined) {
        if (!state?.uri) { panel.dispose(); return; }
        track(panel, vscode.Uri.parse(state.uri));
      },
    }),
    { dispose: () => { for (const p of [...panels.values()]) p.panel.dispose(); } },
  );
}
