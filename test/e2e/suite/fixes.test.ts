// Quick fixes and rename in the real editor: the lightbulb offers a repair
// on a single point of failure and applying it removes the squiggle; rename
// updates every reference.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, discardChanges, openTempDesign, ourDiagnostics, removeTempDesigns, waitFor } from './helpers';

const DESIGN = [
  'infra: 1',
  'domain: foobar.com',
  'dns:',
  '  www:',
  '    A: lb-1',
  'components:',
  '  lb-1:',
  '    kind: load-balancer',
  '    ip: 203.0.113.10',
  '    tls: reencrypt',
  '    certificate: www.foobar.com',
  '    firewall: true',
  '    monitoring: true',
  '    cluster: { peers: [lb-2], mode: active-active }',
  '    to: [web-1]      # the web tier',
  '  lb-2:',
  '    kind: load-balancer',
  '    ip: 203.0.113.11',
  '    tls: reencrypt',
  '    certificate: www.foobar.com',
  '    firewall: true',
  '    monitoring: true',
  '    cluster: { peers: [lb-1], mode: active-active }',
  '    to: [web-1]',
  '  web-1:',
  '    kind: web-server',
  '    tls: true',
  '    firewall: true',
  '    monitoring: true',
  '',
].join('\n');

const spofOn = (doc: vscode.TextDocument, name: string) =>
  ourDiagnostics(doc.uri).find((d) => codeOf(d) === 'single-point-of-failure' && doc.getText(d.range) === name);

suite('Quick fixes and rename', () => {
  suiteTeardown(removeTempDesigns);
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the lightbulb offers "Add a replica" on a single point of failure, and applying it removes the squiggle', async () => {
    const doc = await openTempDesign('fix-spof', DESIGN);
    await vscode.window.showTextDocument(doc);
    const spof = await waitFor('the SPOF on web-1', () => spofOn(doc, 'web-1'), { explain: () => describeDiagnostics(ourDiagnostics(doc.uri)) });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, spof.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((a) => a.title === 'Add a replica of web-1');
    assert.ok(add?.edit, `no "Add a replica" among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(add.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.match(doc.getText(), /to: \[web-1, web-2\] {6}# the web tier/);
    await waitFor('the SPOF on web-1 to go', () => !spofOn(doc, 'web-1') && ourDiagnostics(doc.uri).every((d) => codeOf(d) !== 'single-point-of-failure'), {
      explain: () => describeDiagnostics(ourDiagnostics(doc.uri)),
    });
    await discardChanges(doc);
  });

  test('rename updates the definition and every reference', async () => {
    const doc = await openTempDesign('rename', DESIGN);
    await vscode.window.showTextDocument(doc);
    await waitFor('diagnostics', () => ourDiagnostics(doc.uri).length > 0);
    const at = doc.positionAt(doc.getText().indexOf('web-1:') + 1);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, 'frontend');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = doc.getText();
    assert.equal((text.match(/frontend/g) ?? []).length, 3, text);
    assert.ok(!text.includes('web-1'));
    await discardChanges(doc);
  });
});
