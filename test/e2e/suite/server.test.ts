// The language server's lifecycle as a user sees it: the language status item
// tracks its state and last analysis, and "Restart Language Server" brings
// back a working server (diagnostics for a fresh edit).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, discardChanges, EXTENSION_ID, openTempDesign, ourDiagnostics, removeTempDesigns, setText, waitFor } from './helpers';

interface Api { status(): { state: string; text: string; detail: string; lastAnalysis: number } }

suite('Language server lifecycle', () => {
  suiteTeardown(removeTempDesigns);

  test('the status item shows the state and the last analysis; Restart Language Server restarts it', async () => {
    const doc = await openTempDesign('restart', 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n    bogus: 1\n');
    const api = await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate();
    await waitFor('unknown-key before the restart', () => ourDiagnostics(doc.uri).some((d) => codeOf(d) === 'unknown-key'));
    const before = api.status();
    assert.strictEqual(before.state, 'running');
    assert.match(before.text, /Infra YAML running/);
    assert.match(before.detail, /^last analysis .*restart/);
    assert.ok(before.lastAnalysis > 0);

    await vscode.commands.executeCommand('infraYaml.restartServer');
    await waitFor('the server running again', () => api.status().state === 'running');
    await setText(doc, 'infra: 1\ncomponents:\n  web:\n    kind: web-sever\n');
    await waitFor('invalid-value from the restarted server', () => ourDiagnostics(doc.uri).some((d) => codeOf(d) === 'invalid-value'));
    assert.ok(api.status().lastAnalysis > before.lastAnalysis, 'a newer analysis');
    await discardChanges(doc);
  });
});
