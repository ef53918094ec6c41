import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverText, openExample, waitFor } from './helpers';

suite('Hover', () => {
  test('hovering `kind: load-balancer` explains what a load balancer is', async () => {
    const doc = await openExample('1-distributed.infra.yaml');
    const line = doc.getText().split('\n').findIndex(l => /^\s+kind:\s*load-balancer\s*$/.test(l));
    assert.ok(line >= 0, 'no `kind: load-balancer` line in 1-distributed.infra.yaml');
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('load-balancer') + 4);
    let text = '';
    await waitFor('a hover on load-balancer', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      text = hoverText(hovers ?? []);
      return text.length > 0;
    }, { explain: () => `hover text: ${JSON.stringify(text)}` });
    assert.match(text, /load balancer/i, `hover does not mention "load balancer":\n${text}`);
  });

  test('hovering a rule-flagged key still answers (no hover crash on diagnostics lines)', async () => {
    const doc = await openExample('0-simple-web-stack.infra.yaml');
    const line = doc.getText().split('\n').findIndex(l => /^\s+kind:\s*database\s*$/.test(l));
    assert.ok(line >= 0);
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('database') + 2);
    let text = '';
    await waitFor('a hover on database', async () => {
      text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? []);
      return text.length > 0;
    }, { explain: () => `hover text: ${JSON.stringify(text)}` });
    assert.match(text, /database/i);
  });
});
