import * as assert from 'assert';
import * as vscode from 'vscode';
import { labelOf, openTempDesign, removeTempDesigns, waitFor } from './helpers';

// A design being written: the cursor sits after `kind: ` and on an empty key line under a DNS name.
const DRAFT = [
  'infra: 1',                 // 0
  'domain: foobar.com',       // 1
  'dns:',                     // 2
  '  www:',                   // 3
  '    A: web-1',             // 4
  '  api:',                   // 5
  '    ',                     // 6  <- record type position under dns/api
  'components:',              // 7
  '  web-1:',                 // 8
  '    kind: ',               // 9  <- kind value position
  '    ip: 203.0.113.10',     // 10
  '',
].join('\n');

/** Labels offered at `pos` once they include `mustInclude`; snippets (offered everywhere) left out. */
async function labelsAt(doc: vscode.TextDocument, pos: vscode.Position, mustInclude: string[]): Promise<string[]> {
  let labels: string[] = [];
  await waitFor(`completions ${mustInclude.join(', ')} at ${pos.line + 1}:${pos.character + 1}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    labels = (list?.items ?? []).filter(i => i.kind !== vscode.CompletionItemKind.Snippet).map(labelOf);
    return mustInclude.every(l => labels.includes(l));
  }, { explain: () => `offered: ${labels.join(', ') || '(nothing)'}` });
  return labels;
}

suite('Completion', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => { doc = await openTempDesign('completion-draft', DRAFT); });
  suiteTeardown(removeTempDesigns);

  test('after `kind: ` it offers the component kinds', async () => {
    const kinds = ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage'];
    const labels = await labelsAt(doc, new vscode.Position(9, 10), kinds);
    assert.ok(!labels.includes('AAAA'), `DNS record types offered as kinds: ${labels.join(', ')}`);
  });

  test('at a key position under a DNS name it offers record types', async () => {
    const labels = await labelsAt(doc, new vscode.Position(6, 4), ['A', 'AAAA', 'CNAME', 'MX', 'TXT']);
    assert.ok(!labels.includes('load-balancer'), `component kinds offered as DNS record types: ${labels.join(', ')}`);
  });
});
