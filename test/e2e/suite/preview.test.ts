import * as assert from 'assert';
import * as vscode from 'vscode';
import { openExample, waitFor } from './helpers';

// Needs the preview wiring (registerPreview in extension.ts, the commands in package.json).
suite('Preview', () => {
  test('Open Preview to the Side opens a preview panel beside the design', async () => {
    const doc = await openExample('1-distributed.infra.yaml');
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    const isPreview = (t: vscode.Tab): boolean => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('infraYaml.preview');
    const tab = await waitFor('a preview tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isPreview), {
      explain: () => `tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`,
    });
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview is beside the editor');
    assert.match(tab.label, /1-distributed/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
