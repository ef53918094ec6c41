// "Explain" actions and the summary lens for each kind of client: VS Code runs
// its own commands; another client gets the server's over
// workspace/executeCommand (window/showDocument to the rule page), and no
// "Explain" at all when it cannot show a document.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CodeAction, CodeActionRequest, CodeLens, CodeLensRequest, Diagnostic, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { freshUri, LspClient, ROOT, StartOptions } from './lspClient';
import * as path from 'node:path';

const TEXT = fs.readFileSync(path.join(ROOT, 'examples/1-distributed.infra.yaml'), 'utf8');

async function probe(options: StartOptions): Promise<{ client: LspClient; uri: string; actions: CodeAction[]; lens: CodeLens; diagnostics: Diagnostic[] }> {
  const client = await LspClient.start(options);
  const uri = freshUri('commands');
  const { diagnostics } = await client.openAndWait(uri, TEXT);
  const d = diagnostics.find((x) => x.code === 'single-point-of-failure')!;
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const [lens] = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
  return { client, uri, actions, lens: lens!, diagnostics };
}

const explainOf = (actions: CodeAction[]): CodeAction | undefined => actions.find((a) => a.title === "Explain 'single-point-of-failure'");

describe('commands for every client', () => {
  it('VS Code (it lists its own commands) gets the extension command and the Problems view', async () => {
    const { client, actions, lens } = await probe({ initializationOptions: { commands: ['infraYaml.explainRule', 'workbench.actions.view.problems'] } });
    try {
      assert.equal(explainOf(actions)!.command!.command, 'infraYaml.explainRule');
      assert.equal(lens.command!.command, 'workbench.actions.view.problems');
      assert.equal(client.initializeResult!.capabilities.executeCommandProvider, undefined, 'nothing for the server to run');
    } finally { await client.shutdown(); }
  });

  it('another client with showDocument: the server opens the rule page and shows the summary', async () => {
    const { client, actions, lens, diagnostics } = await probe({});
    try {
      const served = client.initializeResult!.capabilities.executeCommandProvider!.commands;
      const explain = explainOf(actions)!.command!;
      assert.ok(served.includes(explain.command) && served.includes(lens.command!.command), JSON.stringify(served));
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: explain.command, arguments: explain.arguments });
      assert.equal(client.shownDocuments.length, 1);
      const page = client.shownDocuments[0]!;
      assert.equal(page.uri, String(diagnostics[0]!.codeDescription!.href).replace(/[^/]+\.md$/, 'single-point-of-failure.md'));
      assert.ok(fs.existsSync(fileURLToPath(page.uri)), `${page.uri} exists`);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: lens.command!.command, arguments: lens.command!.arguments });
      assert.equal(client.messages.at(-1)!.message, lens.command!.title);
    } finally { await client.shutdown(); }
  });

  it('a client without showDocument gets no "Explain" action it cannot run', async () => {
    const { client, actions, lens } = await probe({ showDocument: false });
    try {
      assert.equal(explainOf(actions), undefined);
      assert.ok(actions.length > 0, 'the repairs are still there');
      assert.deepEqual(client.initializeResult!.capabilities.executeCommandProvider!.commands, [lens.command!.command]);
    } finally { await client.shutdown(); }
  });

  it('rule links follow initializationOptions.docsBase (an absolute URL), and the server opens those externally', async () => {
    const { client, actions, diagnostics } = await probe({ initializationOptions: { docsBase: 'https://example.com/rules/' } });
    try {
      assert.ok(diagnostics.every((d) => d.codeDescription!.href === `https://example.com/rules/${String(d.code)}.md`));
      const explain = explainOf(actions)!.command!;
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: explain.command, arguments: explain.arguments });
      assert.deepEqual(client.shownDocuments, [{ uri: 'https://example.com/rules/single-point-of-failure.md', external: true, takeFocus: true }]);
    } finally { await client.shutdown(); }
  });
});
