// The language server's lifecycle as a user sees it: the language status item
// tracks its state and last analysis, and "Restart Language Server" brings
// back a working server (diagnostics for a fresh edit); a design that crashes
// the server is named, set aside, and can be checked again.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, discardChanges, EXTENSION_ID, openTempDesign, ourDiagnostics, pressKeys, removeTempDesigns, screenshot, setText, waitFor, webview } from './helpers';

interface Api {
  status(): { state: string; text: string; detail: string; lastAnalysis: number };
  crashNotices(): readonly { message: string; actions: readonly string[] }[];
}

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

suite('When the language server crashes', () => {
  // The server's test-only crash (server/src/features/testCrash.ts) is armed by its environment,
  // which it inherits from this extension host when it (re)starts.
  const VARIABLE = 'INFRA_YAML_TEST_CRASH_MARKER';
  const marker = `e2e-crash-marker-${process.pid}-${Date.now()}`;
  let api: Api;

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate();
    process.env[VARIABLE] = marker;
    await vscode.commands.executeCommand('infraYaml.restartServer');
    await waitFor('the armed server running', () => api.status().state === 'running');
  });

  suiteTeardown(async () => {
    delete process.env[VARIABLE];
    // The sticky crash errors and the open notification list would cover what later tests show.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('infraYaml.restartServer');
    await waitFor('the unarmed server running', () => api.status().state === 'running');
    removeTempDesigns();
  });

  test('names the design that made it fail, comes back without it, and Check It Again sends it again', async () => {
    const healthy = await openTempDesign('healthy', 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n    bogus: 1\n');
    await waitFor('unknown-key in the healthy design', () => ourDiagnostics(healthy.uri).some((d) => codeOf(d) === 'unknown-key'));
    const before = api.crashNotices().length;
    const bad = await openTempDesign('crasher', `infra: 1\n# ${marker}\ncomponents:\n  web:\n    kind: web-server\n`);
    await vscode.window.showTextDocument(bad);

    const notice = await waitFor('a crash notification', () => api.crashNotices()[before]);
    const name = vscode.workspace.asRelativePath(bad.uri, false);
    assert.equal(notice.message, `The Infra YAML server crashed while checking ${name} and was restarted without it. That design is not checked until you check it again or reopen it.`);
    assert.deepEqual(notice.actions, ['Check It Again', 'Show Log']);
    await waitFor('the server running again', () => api.status().state === 'running');
    assert.match(api.status().detail, /crasher\.infra\.yaml is not checked: it made the server crash/);

    // On screen, as the user sees it: a toast that names the design, with both buttons, that stays.
    const toast = '.notification-toast:has-text("crashed while checking"):has-text("crasher.infra.yaml")';
    const shown = await webview({ frame: toast, visible: [toast, `${toast} .monaco-button:has-text("Check It Again")`, `${toast} .monaco-button:has-text("Show Log")`] });
    assert.deepEqual(Object.values(shown.visible), [true, true, true], JSON.stringify(shown.visible));
    await screenshot('server-crash-toast', toast);
    await new Promise((r) => setTimeout(r, 16000));   // longer than VS Code keeps a toast that is not sticky (15 s for an error)
    assert.deepEqual(Object.values((await webview({ frame: toast, visible: [toast] })).visible), [true], 'the error toast stays until the user acts');

    // The server is back and the design is kept from it: editing both analyses the healthy one only.
    await setText(bad, bad.getText() + '    bogus: 2\n');
    await setText(healthy, 'infra: 1\ncomponents:\n  web:\n    kind: web-sever\n');
    await waitFor('invalid-value from the restarted server', () => ourDiagnostics(healthy.uri).some((d) => codeOf(d) === 'invalid-value'));
    assert.equal(api.crashNotices().length, before + 1, 'no second crash: the set-aside design was not sent');
    assert.deepEqual(ourDiagnostics(bad.uri).map(codeOf), []);

    // The user opens the notifications (the bell; the toast goes into the list), goes to the first button, "Check It Again", and
    // presses it: the design is sent again, and this one crashes the server again, which says so again.
    await vscode.commands.executeCommand('notifications.showList');
    await screenshot('server-crash-notification', '.notifications-center .notification-list-item');
    const text = bad.getText();
    await pressKeys('Tab', 'Enter');
    const again = await waitFor('a second crash notification', () => api.crashNotices()[before + 1]);
    assert.equal(again.message, notice.message);
    assert.equal(bad.getText(), text, 'the keys went to the notification, not to the design');
    await waitFor('the server running after the second crash', () => api.status().state === 'running');
    await setText(healthy, 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n    bogus: 1\n');
    await waitFor('unknown-key after the second crash', () => ourDiagnostics(healthy.uri).some((d) => codeOf(d) === 'unknown-key'));
    await discardChanges(bad);
    await discardChanges(healthy);
  });
});
