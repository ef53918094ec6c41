import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, diagnosticsAt, openExample, ourDiagnostics, setRule, waitFor } from './helpers';

suite('Rule settings (infraYaml.rules.<code>)', () => {
  let doc: vscode.TextDocument;
  const explain = () => describeDiagnostics(ourDiagnostics(doc.uri));
  suiteSetup(async () => { doc = await openExample('0-simple-web-stack.infra.yaml'); });
  suiteTeardown(async () => {
    await setRule('missing-monitoring', undefined);
    await setRule('missing-firewall', undefined);
  });

  test('`off` removes a rule\'s diagnostics and restoring the setting brings them back', async () => {
    await waitFor('missing-monitoring on servers/server-1', () => diagnosticsAt(doc, 'missing-monitoring', 'servers/server-1').length > 0, { explain });

    await setRule('missing-monitoring', 'off');
    await waitFor('missing-monitoring to disappear', () =>
      !ourDiagnostics(doc.uri).some(d => codeOf(d) === 'missing-monitoring') &&
      ourDiagnostics(doc.uri).some(d => codeOf(d) === 'missing-firewall'), { explain });

    await setRule('missing-monitoring', undefined);
    await waitFor('missing-monitoring to come back', () => diagnosticsAt(doc, 'missing-monitoring', 'servers/server-1').length > 0, { explain });
  });

  test('a severity setting changes the diagnostic\'s severity', async () => {
    const severity = () => diagnosticsAt(doc, 'missing-firewall', 'servers/server-1')[0]?.severity;
    await waitFor('missing-firewall as a warning', () => severity() === vscode.DiagnosticSeverity.Warning, { explain });
    await setRule('missing-firewall', 'error');
    await waitFor('missing-firewall as an error', () => severity() === vscode.DiagnosticSeverity.Error, { explain });
    await setRule('missing-firewall', undefined);
    await waitFor('missing-firewall back to a warning', () => severity() === vscode.DiagnosticSeverity.Warning, { explain });
    assert.ok(true);
  });
});
