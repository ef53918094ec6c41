// A newcomer's first steps: the walkthrough opens once, each of its buttons works, and
// "Open an Example Design" gives a real file to keep.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FirstRun } from './index';
import { EXTENSION_ID, LANGUAGE_ID, ourDiagnostics, waitFor, workspaceRoot } from './helpers';

interface Step { id: string; description: string }

function walkthroughSteps(): Step[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const pkg = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
  return pkg.contributes.walkthroughs[0].steps as Step[];
}

/** The `[label](command:id)` buttons of a walkthrough step. */
const buttons = (step: Step): string[] => [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map(m => m[1]!);

suite('First run', () => {
  suiteTeardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  test('the walkthrough opens by itself the first time the extension runs', () => {
    const first = (globalThis as { infraYamlFirstRun?: FirstRun }).infraYamlFirstRun;
    assert.ok(first, 'the suite did not record the first activation');
    assert.ok(first.walkthroughTab, `no walkthrough tab after the first activation; tabs: ${JSON.stringify(first.tabs)}`);
  });

  test('the walkthrough teaches the preview: a step to see the topology and break a node', () => {
    const preview = walkthroughSteps().find(s => /topology/i.test(s.description) || s.id === 'preview');
    assert.ok(preview, 'no preview step in the walkthrough');
    assert.deepStrictEqual(buttons(preview), ['infraYaml.showPreviewToSide']);
  });

  test('every button of every walkthrough step names a command that exists', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const links = walkthroughSteps().flatMap(buttons);
    assert.ok(links.length >= 4, `only ${links.length} buttons`);
    for (const id of links) assert.ok(all.has(id), `walkthrough button runs ${id}, which is not a command`);
  });

  test('"Open an Example Design" opens a named file in the folder, saved, that the user can keep', async () => {
    const name = '1-distributed.infra.yaml';
    const target = vscode.Uri.joinPath(workspaceRoot(), name);
    // The workspace already holds the examples: the command reopens the file, never overwrites it.
    const before = fs.readFileSync(target.fsPath, 'utf8');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('infraYaml.openExample', name);
    assert.ok(uri, 'the command returned no document');
    assert.strictEqual(uri.scheme, 'file');
    assert.strictEqual(uri.fsPath, target.fsPath);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === uri.toString(), 'the example is not the active editor');
    assert.strictEqual(doc.isUntitled, false);
    assert.strictEqual(doc.isDirty, false, 'the example opens dirty: closing it would ask to save');
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.strictEqual(fs.readFileSync(target.fsPath, 'utf8'), before);
  });

  test('into a folder without that example, the command writes the bundled design as a new file', async () => {
    const name = '2-secured-monitored.infra.yaml';
    const target = vscode.Uri.joinPath(workspaceRoot(), name);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(target); // the e2e workspace is a copy of examples/
    const uri = await vscode.commands.executeCommand<vscode.Uri>('infraYaml.openExample', name);
    assert.ok(uri);
    assert.strictEqual(uri.fsPath, target.fsPath);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(fs.readFileSync(target.fsPath, 'utf8'), fs.readFileSync(path.join(ext.extensionPath, 'examples', name), 'utf8'));
    const doc = vscode.window.activeTextEditor!.document;
    assert.strictEqual(doc.uri.fsPath, target.fsPath);
    assert.strictEqual(doc.isDirty, false);
    await waitFor('diagnostics on the written example', () => ourDiagnostics(doc.uri).length > 0);
  });

  test('the walkthrough\'s preview button opens the preview of the open design', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('infraYaml.openExample', '0-simple-web-stack.infra.yaml');
    assert.ok(uri);
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await waitFor('a preview tab', () => vscode.window.tabGroups.all.some(g => g.tabs.some(t => /preview/i.test(t.label))), {
      explain: () => JSON.stringify(vscode.window.tabGroups.all.flatMap(g => g.tabs.map(t => t.label))),
    });
  });
});
