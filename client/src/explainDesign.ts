/**
 * "Infra YAML: Explain This Design": writes DESIGN.explained.md and its
 * diagram DESIGN.explained.svg beside the design and opens the Markdown
 * preview. The server writes both; while the window is open, every edit of
 * an explained design (after a pause) rewrites them, so the preview follows.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { EXPLAIN_METHOD, ExplainAnswer, EXPORT_DIAGRAM_METHOD, ExportDiagramAnswer } from '../../common/lspProtocol';

export const EXPLAIN_DESIGN = 'infraYaml.explainDesign';
const FOLLOW_MS = 400;

export function registerExplainDesign(context: vscode.ExtensionContext, client: LanguageClient): void {
  const followed = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const write = async (design: vscode.Uri): Promise<vscode.Uri | string> => {
    const base = (design.path.split('/').pop() ?? 'design').replace(/\.infra\.ya?ml$/, '');
    const md = vscode.Uri.joinPath(design, '..', `${base}.explained.md`);
    const svg = vscode.Uri.joinPath(design, '..', `${base}.explained.svg`);
    const file = design.path.split('/').pop()!;
    const [text, picture] = await Promise.all([
      client.sendRequest<ExplainAnswer>(EXPLAIN_METHOD, { uri: design.toString(), file, diagram: `${base}.explained.svg` }),
      client.sendRequest<ExportDiagramAnswer>(EXPORT_DIAGRAM_METHOD, { uri: design.toString(), format: 'svg' }),
    ]);
    if ('error' in text) return text.error;
    if ('value' in picture) await vscode.workspace.fs.writeFile(svg, new TextEncoder().encode(picture.value));
    await vscode.workspace.fs.writeFile(md, new TextEncoder().encode(text.value));
    return md;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_DESIGN, async (uri?: vscode.Uri) => {
      const design = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      if (!design || design.scheme === 'untitled') { void vscode.window.showInformationMessage('Open a saved Infra YAML design to explain it.'); return undefined; }
      await vscode.workspace.openTextDocument(design);
      const md = await write(design);
      if (typeof md === 'string') { void vscode.window.showErrorMessage(`Infra YAML: ${md}`); return undefined; }
      followed.add(design.toString());
      await vscode.commands.executeCommand('markdown.showPreviewToSide', md);
      return md;
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const key = e.document.uri.toString();
      if (!followed.has(key)) return;
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => void write(e.document.uri), FOLLOW_MS));
    }),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); } },
  );
}
