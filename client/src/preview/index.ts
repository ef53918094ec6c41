/**
 * The preview commands and the panel serializer, modelled on VS Code's
 * Markdown preview: one preview follows the active Infra YAML editor; the
 * lock pins a preview to its design (a pinned preview is reused for that
 * design, and the next "Open Preview" opens a new following one). Ctrl+K V
 * with a preview focused goes back to its design.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PREVIEW_VIEW_TYPE, WebviewState } from '../../../common/webviewProtocol';
import { PreviewPanel } from './panel';

export const SHOW_PREVIEW = 'infraYaml.showPreview';
export const SHOW_PREVIEW_TO_SIDE = 'infraYaml.showPreviewToSide';
export const TOGGLE_LOCK = 'infraYaml.togglePreviewLock';
export const SHOW_SOURCE = 'infraYaml.showPreviewSource';
const LOCKED_CONTEXT = 'infraYamlPreviewLocked';

const isDesign = (d: vscode.TextDocument): boolean => d.languageId === 'infra-yaml';

export function registerPreview(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const previews = new Set<PreviewPanel>();
  let lastActive: PreviewPanel | undefined;
  const following = (): PreviewPanel | undefined => [...previews].find((p) => !p.locked);
  const updateContext = (): void => { void vscode.commands.executeCommand('setContext', LOCKED_CONTEXT, !!lastActive?.locked); };
  const track = (panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): PreviewPanel => {
    const p = new PreviewPanel(panel, uri, context.extensionUri, client, locked, () => { previews.delete(p); if (lastActive === p) lastActive = undefined; });
    previews.add(p);
    panel.onDidChangeViewState((e) => { if (e.webviewPanel.active) { lastActive = p; updateContext(); } });
    if (panel.active) lastActive = p;
    return p;
  };
  const open = (uri: vscode.Uri | undefined, column: vscode.ViewColumn): void => {
    // With a preview focused there is no text editor: Ctrl+K V goes back to its design.
    const focused = uri ? undefined : focusedPreview();
    if (focused) { void showSource(focused); return; }
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) { void vscode.window.showInformationMessage('Open an Infra YAML design to preview it.'); return; }
    const pinned = [...previews].find((p) => p.locked && p.uri.toString() === target.toString());
    const reuse = pinned ?? following();
    if (reuse) { reuse.show(target); reuse.panel.reveal(reuse.panel.viewColumn ?? column, true); return; }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Infra YAML preview', { viewColumn: column, preserveFocus: true }, {
      enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    });
    track(panel, target, false);
  };
  // The preview that has the focus, if any: by its view state, or (when that
  // event has not arrived yet) by the active tab of the active group.
  const focusedPreview = (): PreviewPanel | undefined => {
    if (vscode.window.activeTextEditor) return undefined;
    const byState = [...previews].find((p) => p.panel.active);
    if (byState) return byState;
    const group = vscode.window.tabGroups.activeTabGroup;
    const input = group.activeTab?.input;
    if (!(input instanceof vscode.TabInputWebview) || !input.viewType.endsWith(PREVIEW_VIEW_TYPE)) return undefined;
    // Right after the focus moved, the panels' own view state (active, viewColumn) may not have
    // caught up with the tabs: then the panel whose title the focused tab shows.
    const all = [...previews];
    return all.find((p) => p.panel.viewColumn === group.viewColumn) ?? all.find((p) => p.panel.title === group.activeTab!.label) ?? (all.length === 1 ? all[0] : undefined);
  };
  const showSource = async (p: PreviewPanel): Promise<void> => {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === p.uri.toString());
    await vscode.window.showTextDocument(p.uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
  };
  const toggleLock = (): void => {
    const p = lastActive ?? following();
    if (!p) return;
    if (p.locked) for (const other of previews) if (other !== p && !other.locked) other.panel.dispose();
    p.setLocked(!p.locked);
    updateContext();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_PREVIEW, (uri?: vscode.Uri) => open(uri, vscode.ViewColumn.Active)),
    vscode.commands.registerCommand(SHOW_PREVIEW_TO_SIDE, (uri?: vscode.Uri) => open(uri, vscode.ViewColumn.Beside)),
    vscode.commands.registerCommand(TOGGLE_LOCK, toggleLock),
    vscode.commands.registerCommand(SHOW_SOURCE, () => { const p = lastActive ?? following(); if (p) void showSource(p); }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isDesign(editor.document)) following()?.show(editor.document.uri);
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined) {
        if (!state?.uri) { panel.dispose(); return; }
        track(panel, vscode.Uri.parse(state.uri), !!state.locked);
      },
    }),
    { dispose: () => { for (const p of [...previews]) p.panel.dispose(); } },
  );
}
