/** Commands the extension contributes (besides the preview). */
import * as vscode from 'vscode';

export const EXPLAIN_RULE = 'infraYaml.explainRule';
export const OPEN_EXAMPLE = 'infraYaml.openExample';

const EXAMPLES: readonly { file: string; label: string; detail: string }[] = [
  { file: '0-simple-web-stack.infra.yaml', label: 'Simple web stack', detail: 'one server runs the web server, the app and the database' },
  { file: '1-distributed.infra.yaml', label: 'Distributed', detail: 'a load balancer, two servers, a primary and a replica' },
  { file: '2-secured-monitored.infra.yaml', label: 'Secured and monitored', detail: 'firewalls, monitoring, HTTPS that ends at the load balancer' },
  { file: '3-scaled-up.infra.yaml', label: 'Scaled up', detail: 'no single point of failure, HTTPS to the web servers' },
];

/** Opens a rule's documentation page, bundled with the extension, as a rendered preview. */
export function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_RULE, async (code?: string) => {
      const pick = code ?? (await pickRule(context));
      if (!pick) return;
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${pick}.md`);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
    }),
    vscode.commands.registerCommand(OPEN_EXAMPLE, async (file?: string) => {
      const pick = EXAMPLES.find((e) => e.file === file) ?? (await vscode.window.showQuickPick(EXAMPLES, { placeHolder: 'Which reference design?' }));
      if (!pick) return undefined;
      const target = await exampleTarget(pick.file);
      if (!target) return undefined;
      if (!(await exists(target))) {
        await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'examples', pick.file)));
      }
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
      return editor.document.uri;
    }),
  );
}

/**
 * Where an example is copied so that the user has a real file to keep and edit: the first
 * workspace folder (an existing copy is reopened, never overwritten), or, with no folder
 * open, a place the user chooses.
 */
async function exampleTarget(file: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) return vscode.Uri.joinPath(folder.uri, file);
  return vscode.window.showSaveDialog({ title: 'Save the example design as', saveLabel: 'Save and open', filters: { 'Infra YAML': ['infra.yaml'] } });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The rule codes, read from the manifest's generated `infraYaml.rules.*` settings: no directory listing, so it works on a web host too. */
function ruleCodes(packageJSON: unknown): string[] {
  const props = (packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes?.configuration?.properties ?? {};
  const prefix = 'infraYaml.rules.';
  return Object.keys(props).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
}

async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  return vscode.window.showQuickPick(ruleCodes(context.extension.packageJSON), { placeHolder: 'Which rule?' });
}
