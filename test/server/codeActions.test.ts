// Code actions, fix-all and rename over the wire.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeAction, CodeActionRequest, CodeActionResolveRequest, PrepareRenameRequest, RenameRequest, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { freshUri, LspClient, offsetAt, positionOf, ROOT } from './lspClient';

const read = (f: string): string => fs.readFileSync(path.join(ROOT, 'test/fixtures/designs', f), 'utf8');

/** Applies a workspace edit's text edits for one document, end to start; inserts at one position keep their order, as LSP says. */
function apply(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  const edits = (edit?.changes?.[uri] ?? []).map((e: TextEdit, i) => ({ e, i }))
    .sort((a, b) => offsetAt(text, b.e.range.start) - offsetAt(text, a.e.range.start) || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  for (const e of edits) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

describe('code actions and rename over the wire', function () {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.shutdown(); });

  it('offers the repairs of a diagnostic, preferred first, with edits that remove it', async () => {
    const uri = freshUri('fix');
    const text = read('1-distributed.infra.yaml');
    const published = await client.openAndWait(uri, text);
    const spof = published.diagnostics.find((d) => d.code === 'single-point-of-failure' && text.slice(offsetAt(text, d.range.start), offsetAt(text, d.range.end)) === 'lb-1');
    assert.ok(spof);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: spof.range, context: { diagnostics: [spof] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.equal(titles[0], 'Add a cluster peer for lb-1');
    assert.ok(actions[0]!.isPreferred);
    assert.ok(titles.includes("Fix all 'single-point-of-failure' problems in this file"));
    assert.ok(titles.includes("Explain 'single-point-of-failure'"));
    const explain = actions.find((a) => a.title.startsWith('Explain'))!;
    assert.deepEqual(explain.command?.arguments, ['single-point-of-failure']);
    const after = apply(text, actions[0]!.edit, uri);
    assert.match(after, /\n  lb-2:\n    kind: load-balancer/);
    const next = await client.openAndWait(freshUri('fixed'), after);
    assert.ok(!next.diagnostics.some((d) => d.code === 'single-point-of-failure' && String(d.message).startsWith('If lb-1 fails')));
  });

  it('resolves "Fix all" lazily into one edit that fixes every problem of that rule', async () => {
    const uri = freshUri('fixall');
    const text = read('0-simple-web-stack.infra.yaml');
    const published = await client.openAndWait(uri, text);
    const d = published.diagnostics.find((x) => x.code === 'missing-firewall')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const fixAll = actions.find((a) => a.title === "Fix all 'missing-firewall' problems in this file")!;
    assert.equal(fixAll.edit, undefined, 'computed on resolve, not up front');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, fixAll);
    const after = apply(text, resolved.edit, uri);
    assert.match(after, /server-1:\n    ip: 8\.8\.8\.8\n    firewall: true\n/);
    const next = await client.openAndWait(freshUri('fixall-after'), after);
    assert.ok(!next.diagnostics.some((x) => x.code === 'missing-firewall'));
  });

  it('answers source.fixAll.infra-yaml with every preferred fix', async () => {
    const uri = freshUri('source-fixall');
    const text = read('2-secured-monitored.infra.yaml');
    await client.openAndWait(uri, text);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.infra-yaml'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]!);
    const after = apply(text, resolved.edit, uri);
    const next = await client.openAndWait(freshUri('source-fixall-after'), after);
    assert.deepEqual(next.diagnostics.filter((x) => x.severity === 1 || x.severity === 2).map((x) => x.code), []);
  });

  it('renames a component everywhere, and refuses a taken name with a reason', async () => {
    const uri = freshUri('rename');
    const text = read('1-distributed.infra.yaml');
    await client.openAndWait(uri, text);
    const at = positionOf(text, 'db-primary:', 1);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at });
    assert.deepEqual((prepared as { placeholder: string }).placeholder, 'db-primary');
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at, newName: 'db-main' });
    const after = apply(text, edit ?? undefined, uri);
    const design = after.split('\ninfra:')[1]!;
    assert.equal((design.match(/db-main/g) ?? []).length, 3);
    assert.ok(!design.includes('db-primary'), 'comments keep their text; the design has no old name left');
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at, newName: 'web-1' }), /already the name of a component/);
  });
});
