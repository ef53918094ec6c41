// README screenshots, taken by the code-server driver (scripts/run-e2e.mjs) into
// test-results/screenshots/ and, for the README's own images, docs/images/ (so the
// README shows what this run saw). Skipped under runners that take no screenshots.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  describeDiagnostics, openExample, openTempDesign, ourDiagnostics, readExpectations, referenceDesignText, compare,
  removeTempDesigns, screenshot, waitFor,
} from './helpers';

suite('Screenshots', function () {
  suiteSetup(function () {
    if (!process.env.E2E_SCREENSHOT_DIR) this.skip();
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(removeTempDesigns);

  async function showWithDiagnostics(name: string): Promise<vscode.TextEditor> {
    const doc = await openExample(name);
    const exps = readExpectations(referenceDesignText(name));
    await waitFor(`diagnostics of ${name}`, () => compare(doc, ourDiagnostics(doc.uri), exps).missing.length === 0, {
      explain: () => describeDiagnostics(ourDiagnostics(doc.uri)),
    });
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  test('problems: the distributed design with its findings', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await showWithDiagnostics('1-distributed.infra.yaml');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    assert.ok(await screenshot('problems', '.markers-panel .monaco-list-row'));
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('editor: squiggles and the summary lens on the distributed design', async () => {
    const editor = await showWithDiagnostics('1-distributed.infra.yaml');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('infra:'));
    editor.revealRange(new vscode.Range(line, 0, line + 30, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    assert.ok(await screenshot('editor', '.monaco-editor .squiggly-warning'));
  });

  test('quick fix: the lightbulb menu on a single point of failure', async () => {
    const editor = await showWithDiagnostics('1-distributed.infra.yaml');
    const line = editor.document.getText().split('\n').findIndex((l) => /^  lb-1:/.test(l));
    editor.revealRange(new vscode.Range(line - 8, 0, line + 20, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(line, 3, line, 3);
    await vscode.commands.executeCommand('editor.action.quickFix');
    assert.ok(await screenshot('quickfix', '.action-widget .monaco-list-row'));
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  test('preview: the topology and the simulation beside the design', async () => {
    const editor = await showWithDiagnostics('2-secured-monitored.infra.yaml');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('components:'));
    editor.revealRange(new vscode.Range(line, 0, line + 30, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    // A preview wide enough for the summary to sit beside the diagram, which then gets the
    // whole height: names stay legible when GitHub shows the image about 880 px wide (at 0.4 / 0.6
    // the names measured 17.1 px in the 1400 px image, 10.7 px at 880; the run logs the figure).
    await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.34 }, { size: 0.66 }] });
    // Once the summary is filled in and requests are in flight: the fitted, legible picture,
    // laid out by the layout worker (data-layout="page" would mean this webview could not start it).
    assert.ok(await screenshot('preview', 'frame:body[data-layout="worker"][data-status="simulated"] .dot'));
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  test('hover: what a load balancer is', async () => {
    const editor = await showWithDiagnostics('2-secured-monitored.infra.yaml');
    const line = editor.document.getText().split('\n').findIndex(l => /^\s+kind:\s*load-balancer/.test(l));
    const col = editor.document.lineAt(line).text.indexOf('load-balancer') + 4;
    editor.selection = new vscode.Selection(line, col, line, col);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    assert.ok(await screenshot('hover', '.monaco-hover .hover-contents'));
  });

  test('completion: component kinds after `kind: `', async () => {
    const doc = await openTempDesign('new-design', 'infra: 1\nname: My first design\ndomain: example.com\n\ncomponents:\n  web-1:\n    kind: \n');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(6, 10, 6, 10);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    assert.ok(await screenshot('completion', '.suggest-widget.visible .monaco-list-row'));
    await vscode.commands.executeCommand('hideSuggestWidget');
  });
});
