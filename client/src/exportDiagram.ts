/**
 * "Infra YAML: Export Diagram As…": asks the server for the design's
 * diagram in another tool's format and saves it beside the design (the save
 * dialog starts there). The preview's "Export as…" runs the same command.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { EXPORT_DIAGRAM_METHOD, ExportDiagramAnswer, ExportFormat } from '../../common/lspProtocol';

export const EXPORT_DIAGRAM = 'infraYaml.exportDiagram';

const FORMATS: readonly { format: ExportFormat; label: string; detail: string; ext: string }[] = [
  { format: 'mermaid', label: 'Mermaid', detail: 'a flowchart for Markdown (GitHub, GitLab, wikis)', ext: 'mmd' },
  { format: 'drawio', label: 'draw.io', detail: 'servers and zones as containers, editable in draw.io / diagrams.net', ext: 'drawio' },
  { format: 'dot', label: 'Graphviz DOT', detail: 'for dot, and tools that read DOT', ext: 'dot' },
  { format: 'd2', label: 'D2', detail: 'for the D2 diagram language', ext: 'd2' },
  { format: 'svg', label: 'SVG', detail: 'an image laid out as the preview draws it', ext: 'svg' },
];

export function registerExportDiagram(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand(EXPORT_DIAGRAM, async (uri?: vscode.Uri, format?: ExportFormat, to?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) { void vscode.window.showInformationMessage('Open an Infra YAML design to export its diagram.'); return undefined; }
    const pick = FORMATS.find((f) => f.format === format) ?? (await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Export the diagram as…' }));
    if (!pick) return undefined;
    await vscode.workspace.openTextDocument(target);
    const answer = await client.sendRequest<ExportDiagramAnswer>(EXPORT_DIAGRAM_METHOD, { uri: target.toString(), format: pick.format });
    if ('error' in answer) { void vscode.window.showErrorMessage(`Infra YAML: ${answer.error}`); return undefined; }
    const base = (target.path.split('/').pop() ?? 'design').replace(/\.infra\.ya?ml$/, '');
    // `to` (from scripts and tasks) skips the save dialog.
    const file = to instanceof vscode.Uri ? to : await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(target, '..', `${base}.${pick.ext}`), filters: { [pick.label]: [pick.ext] } });
    if (!file) return undefined;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(answer.value));
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(file)}`);
    return file;
  }));
}
