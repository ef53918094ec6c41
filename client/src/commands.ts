/** Commands the extension contributes (besides the preview). */
import * as vscode from 'vscode';

export const EXPLAIN_RULE = 'infraYaml.explainRule';
export const OPEN_EXAMPLE = 'infraYaml.openExample';
export const START_LESSON = 'infraYaml.startLesson';

const EXAMPLES: readonly { file: string; label: string; detail: string }[] = [
  { file: '0-simple-web-stack.infra.yaml', label: 'Simple web stack', detail: 'one server runs the web server, the app and the database' },
  { file: '1-distributed.infra.yaml', label: 'Distributed', detail: 'a load balancer, two servers, a primary and a replica' },
  { file: '2-secured-monitored.infra.yaml', label: 'Secured and monitored', detail: 'firewalls, monitoring, HTTPS that ends at the load balancer' },
  { file: '3-scaled-up.infra.yaml', label: 'Scaled up', detail: 'no single point of failure, HTTPS to the web servers' },
];

/** The lessons (the server's `lesson:` values, in course order) and their starting files in media/walkthrough/lessons. */
const LESSONS: readonly { id: string; file: string; label: string; detail: string }[] = [
  { id: 'simple-stack', file: '1-simple-stack.infra.yaml', label: 'Lesson 1: a simple web stack', detail: 'one server runs the web server, the application and the database' },
  { id: 'distributed', file: '2-distributed.infra.yaml', label: 'Lesson 2: a distributed web stack', detail: 'a load balancer, two servers, a primary-replica database' },
  { id: 'secured-monitored', file: '3-secured-monitored.infra.yaml', label: 'Lesson 3: secured and monitored', detail: 'three firewalls, an SSL certificate for www, three monitoring clients' },
  { id: 'scaled-up', file: '4-scaled-up.infra.yaml', label: 'Lesson 4: scaled up', detail: 'a load-balancer cluster, each tier on servers of its own' },
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
      return pick ? copyAndOpen(vscode.Uri.joinPath(context.extensionUri, 'examples', pick.file), pick.file) : undefined;
    }),
    vscode.commands.registerCommand(START_LESSON, async (id?: string) => {
      const pick = LESSONS.find((l) => l.id === id) ?? (await vscode.window.showQuickPick(LESSONS, { placeHolder: 'Which lesson?' }));
      return pick ? copyAndOpen(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'lessons', pick.file), `lesson-${pick.file}`) : undefined;
    }),
  );
}

/** Copies a bundled design into the user's folder (an existing copy is reopened as it is) and opens it. */
async function copyAndOpen(source: vscode.Uri, file: string): Promise<vscode.Uri | undefined> {
  const target = await exampleTarget(file);
  if (!target) return undefined;
  if (!(await exists(target))) await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(source));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  return editor.document.uri;
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
