import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { openExample, waitFor } from './helpers';

const isPreview = (t: vscode.Tab): boolean => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('infraYaml.preview');
const previewTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPreview);
const allTabs = (): string => `tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`;
const labels = (): string[] => previewTabs().map((t) => t.label).sort();

async function showIn(name: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await openExample(name), { viewColumn: column, preview: false });
}

/** Focuses the preview's tab group (as a click on the preview would). */
async function focusPreview(): Promise<void> {
  const tab = previewTabs()[0]!;
  await vscode.commands.executeCommand(tab.group.viewColumn === vscode.ViewColumn.Two ? 'workbench.action.focusSecondEditorGroup' : 'workbench.action.focusFirstEditorGroup');
  await waitFor('the preview focused', () => previewTabs().some((t) => t.isActive && t.group.isActive) || undefined, { explain: allTabs });
}

// Needs the preview wiring (registerPreview in extension.ts, the commands in package.json).
suite('Preview', () => {
  teardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  test('Open Preview to the Side opens a preview panel beside the design', async () => {
    await showIn('1-distributed.infra.yaml');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    const tab = await waitFor('a preview tab', () => previewTabs()[0], { explain: allTabs });
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview is beside the editor');
    assert.match(tab.label, /1-distributed/);
  });

  test('one preview follows the active design, and Open Preview reuses it', async () => {
    await showIn('1-distributed.infra.yaml');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await waitFor('a preview of design 1', () => labels().join() === 'Preview 1-distributed.infra.yaml' || undefined, { explain: allTabs });
    await showIn('2-secured-monitored.infra.yaml');
    await waitFor('the preview follows to design 2', () => labels().join() === 'Preview 2-secured-monitored.infra.yaml' || undefined, { explain: allTabs });
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(labels(), ['Preview 2-secured-monitored.infra.yaml'], 'still one preview');
  });

  test('Ctrl+K V with the preview focused goes back to the design; the key binding applies there', async () => {
    await showIn('3-scaled-up.infra.yaml');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await waitFor('a preview', () => previewTabs()[0], { explain: allTabs });
    await focusPreview();
    assert.equal(vscode.window.activeTextEditor, undefined, 'no text editor is active with the preview focused');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    const editor = await waitFor('the design focused again', () => vscode.window.activeTextEditor, { explain: allTabs });
    assert.match(editor.document.uri.path, /3-scaled-up/);
    assert.deepEqual(labels(), ['Preview 3-scaled-up.infra.yaml']);
    const manifest = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension('infra-yaml.infra-yaml')!.extensionPath, 'package.json'), 'utf8'));
    const binding = manifest.contributes.keybindings.find((k: { key: string }) => k.key === 'ctrl+k v');
    assert.match(binding.when, /activeWebviewPanelId == 'infraYaml\.preview'/);
  });

  test('a locked preview stays on its design; the next preview follows', async () => {
    await showIn('1-distributed.infra.yaml');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await waitFor('a preview', () => previewTabs()[0], { explain: allTabs });
    await focusPreview();
    await vscode.commands.executeCommand('infraYaml.togglePreviewLock');
    await waitFor('the lock in the title', () => labels().join() === '[Preview] 1-distributed.infra.yaml' || undefined, { explain: allTabs });
    await showIn('0-simple-web-stack.infra.yaml');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(labels(), ['[Preview] 1-distributed.infra.yaml'], 'the locked preview did not follow');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await waitFor('a second, following preview', () => labels().join() === 'Preview 0-simple-web-stack.infra.yaml,[Preview] 1-distributed.infra.yaml' || undefined, { explain: allTabs });
    // The locked preview is reused for its own design rather than opening a third.
    await showIn('1-distributed.infra.yaml');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(previewTabs().length, 2, allTabs());
  });
});
