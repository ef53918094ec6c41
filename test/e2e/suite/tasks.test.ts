// The CLI in the editor, as a CI run reports it: the "Infra YAML: check" task runs
// infra-yaml-check over the folder and its `$infra-yaml` problem matcher fills Problems.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SIMPLE_STACK, exampleUri, waitFor } from './helpers';

suite('The check task', () => {
  test('the task provider offers "Infra YAML: check" for the folder', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'infra-yaml' });
    assert.deepStrictEqual(tasks.map(t => `${t.source}: ${t.name}`), ['Infra YAML: check']);
    assert.deepStrictEqual(tasks[0]!.problemMatchers, ['$infra-yaml']);
  });

  test('running it exits 1 on the examples and its matcher reports the CLI\'s findings in Problems', async function () {
    this.timeout(120_000);
    const [task] = await vscode.tasks.fetchTasks({ type: 'infra-yaml' });
    assert.ok(task);
    const ended = new Promise<number | undefined>(resolve => {
      const sub = vscode.tasks.onDidEndTaskProcess(e => {
        if (e.execution.task.definition.type === 'infra-yaml') { sub.dispose(); resolve(e.exitCode); }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.strictEqual(await ended, 1, 'database-exposed in the simple stack is an error: the task must fail');
    const fromCli = () => vscode.languages.getDiagnostics(exampleUri(SIMPLE_STACK)).filter(d => d.source === 'infra-yaml-check');
    // The matcher reports lines as the task prints them: wait for the last one of the file.
    await waitFor('the problem matcher\'s database-exposed on the simple stack', () => fromCli().some(d => /mysql can be reached/.test(d.message)), {
      explain: () => JSON.stringify(vscode.languages.getDiagnostics().map(([u, ds]) => [u.path, ds.map(d => d.source)])),
    });
    const exposed = fromCli().find(d => /mysql can be reached/.test(d.message));
    assert.ok(exposed, `no database-exposed line matched: ${fromCli().map(d => d.message).join(' | ')}`);
    assert.strictEqual(exposed.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(String(typeof exposed.code === 'object' ? exposed.code.value : exposed.code), 'database-exposed');
  });
});
