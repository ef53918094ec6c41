import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { discardChanges, openTempDesign, removeTempDesigns, setText, waitFor } from './helpers';

const DESIGN = `infra: 1
name: Exported shop
domain: foobar.com
dns:
  www:
    A: lb-1
components:
  lb-1: { kind: load-balancer, ip: 203.0.113.1, algorithm: round-robin, to: [web-1, web-2] }
  web-1: { kind: web-server, software: nginx, on: box-1 }
  web-2: { kind: web-server, software: nginx }
servers:
  box-1: { ip: 10.0.0.1, zone: eu-1a }
`;

suite('Diagram exports and Explain This Design', () => {
  suiteTeardown(() => removeTempDesigns());

  test('Export Diagram As… writes the draw.io and Mermaid files of the open design', async () => {
    const doc = await openTempDesign('exported', DESIGN);
    await vscode.window.showTextDocument(doc);
    for (const [format, pattern] of [['drawio', /<mxGraphModel[\s\S]*id="g\d" value="&lt;b&gt;server box-1[^"]*" style="[^"]*container=1[\s\S]*web-2/], ['mermaid', /flowchart LR[\s\S]*lb-1/]] as const) {
      const to = vscode.Uri.joinPath(doc.uri, '..', `exported.${format}`);
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('infraYaml.exportDiagram', doc.uri, format, to);
      assert.equal(written?.fsPath, to.fsPath);
      assert.match(fs.readFileSync(to.fsPath, 'utf8'), pattern);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Explain This Design writes Markdown and SVG beside the design, opens its preview, and follows edits', async () => {
    const doc = await openTempDesign('explained', DESIGN);
    await vscode.window.showTextDocument(doc);
    const md = await vscode.commands.executeCommand<vscode.Uri | undefined>('infraYaml.explainDesign');
    assert.ok(md, 'the command returns the document it wrote');
    const text = fs.readFileSync(md.fsPath, 'utf8');
    assert.match(text, /## Specifics[\s\S]*\[lb-1\]\(explained\.infra\.yaml#L8\)[\s\S]*by round-robin/);
    assert.match(text, /!\[[^\]]*\]\(explained\.explained\.svg\)/);
    assert.match(fs.readFileSync(md.fsPath.replace(/\.md$/, '.svg'), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    await waitFor('the Markdown preview', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /explained\.explained\.md/.test(t.label) && t.input instanceof vscode.TabInputWebview));
    await setText(doc, DESIGN.replace(/web-2/g, 'web-9'));
    await waitFor('the explanation to follow the edit', () => fs.readFileSync(md.fsPath, 'utf8').includes('[web-9]') || undefined, {
      explain: () => fs.readFileSync(md.fsPath, 'utf8').slice(0, 400),
    });
    await discardChanges(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
