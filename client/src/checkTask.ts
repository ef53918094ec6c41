/**
 * A task provider (desktop only: it runs the bundled CLI with Node): "Infra YAML: check" runs
 * infra-yaml-check over the workspace folder, and the `$infra-yaml` problem matcher turns its
 * lines into Problems, as a CI run would report them. Configurable in tasks.json as
 * `{ "type": "infra-yaml", "paths": ["designs"], "failOn": "warning" }`.
 */
import * as vscode from 'vscode';

export const TASK_TYPE = 'infra-yaml';

interface CheckTaskDefinition extends vscode.TaskDefinition {
  readonly paths?: readonly string[];
  readonly failOn?: string;
}

export function registerCheckTask(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  const make = (folder: vscode.WorkspaceFolder, definition: CheckTaskDefinition): vscode.Task => {
    const args = [cli, ...(definition.failOn ? ['--fail-on', definition.failOn] : []), ...(definition.paths?.length ? definition.paths : ['.'])];
    // The extension host's own runtime runs the CLI: Node, or Electron told to act as Node.
    const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task(definition, folder, 'check', 'Infra YAML', execution, ['$infra-yaml']);
    task.group = vscode.TaskGroup.Test;
    task.detail = `infra-yaml-check ${args.slice(1).join(' ')}`;
    return task;
  };
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => make(f, { type: TASK_TYPE })),
    resolveTask: (task) => {
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return folder ? make(folder, task.definition as CheckTaskDefinition) : undefined;
    },
  });
}
