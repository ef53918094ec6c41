/** Commands the extension contributes (besides the preview). */
import * as vscode from 'vscode';

export const EXPLAIN_RULE = 'infraYaml.explainRule';

/** Opens a rule's documentation page, bundled with the extension, as a rendered preview. */
export function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_RULE, async (code?: string) => {
      const pick = code ?? (await pickRule(context));
      if (!pick) return;
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${pick}.md`);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
    }),
  );
}

async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  const dir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const codes = entries.map(([n]) => n).filter((n) => n.endsWith('.md') && n !== 'README.md').map((n) => n.slice(0, -3)).sort();
  return vscode.window.showQuickPick(codes, { placeHolder: 'Which rule?' });
}
