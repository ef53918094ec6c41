import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeDiagnostics, discardChanges, diagnosticsAt, openExample, openTempDesign, ourDiagnostics, removeTempDesigns, waitFor } from './helpers';

suite('Suppression comments', () => {
  suiteTeardown(removeTempDesigns);

  test('`# infra-yaml-disable-next-line missing-firewall` silences that rule on the next line only', async () => {
    const original = await openExample('0-simple-web-stack.infra.yaml');
    const doc = await openTempDesign('suppression', original.getText());
    const explain = () => describeDiagnostics(ourDiagnostics(doc.uri));
    await waitFor('missing-firewall and missing-monitoring on servers/server-1', () =>
      diagnosticsAt(doc, 'missing-firewall', 'servers/server-1').length > 0 &&
      diagnosticsAt(doc, 'missing-monitoring', 'servers/server-1').length > 0, { explain });

    // Insert the comment above the line the finding is reported on.
    const flagged = diagnosticsAt(doc, 'missing-firewall', 'servers/server-1')[0]!.range.start.line;
    const indent = /^\s*/.exec(doc.lineAt(flagged).text)![0];
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(flagged, 0), `${indent}# infra-yaml-disable-next-line missing-firewall\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));

    await waitFor('missing-firewall to be silenced while missing-monitoring stays', () =>
      diagnosticsAt(doc, 'missing-firewall', 'servers/server-1').length === 0 &&
      diagnosticsAt(doc, 'missing-monitoring', 'servers/server-1').length > 0, { explain });

    // Removing the comment brings the finding back.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(doc.uri, new vscode.Range(flagged, 0, flagged + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitFor('missing-firewall to come back', () => diagnosticsAt(doc, 'missing-firewall', 'servers/server-1').length > 0, { explain });
    await discardChanges(doc);
  });
});
