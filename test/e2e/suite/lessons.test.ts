// A lesson the way a student takes it: the walkthrough's link writes the starting file into the
// folder and opens it, the checklist lens above `lesson:` shows what the task still asks for, and
// typing the missing piece with the real keyboard ticks its item.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, keys, screenshot, waitFor, workspaceRoot } from './helpers';

const LESSON = 'simple-stack';
const FILE = 'lesson-1-simple-stack.infra.yaml';

/** The code lens titles VS Code shows on the document, line by line. */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map(l => `${l.range.start.line}: ${l.command?.title ?? ''}`);
}

/** The arguments of the walkthrough's "Start the lesson" link, as the manifest writes them. */
function startLinkArgs(): unknown[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const walkthroughs = (ext.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; description: string }[] }[] } }).contributes.walkthroughs;
  const step = walkthroughs.find(w => w.id === `lesson-${LESSON}`)?.steps.find(s => s.id === 'task');
  assert.ok(step, `the manifest has a walkthrough lesson-${LESSON} with a task step`);
  const m = /\(command:infraYaml\.startLesson\?([^)]+)\)/.exec(step.description);
  assert.ok(m, `the task step links to infraYaml.startLesson with arguments: ${step.description}`);
  return JSON.parse(decodeURIComponent(m[1]!)) as unknown[];
}

suite('Lessons', function () {
  this.timeout(180000);
  const target = () => vscode.Uri.joinPath(workspaceRoot(), FILE);
  const remove = () => fs.rmSync(target().fsPath, { force: true });
  suiteSetup(remove);
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    remove();
  });

  test('a lesson opens its starting file, and typing a missing piece ticks its checklist item', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#lesson-${LESSON}`, false);
    await screenshot('lesson-walkthrough', '.gettingStartedContainer');

    const uri = await vscode.commands.executeCommand<vscode.Uri>('infraYaml.startLesson', ...startLinkArgs());
    assert.strictEqual(uri?.toString(), target().toString(), 'the starting file is written into the workspace folder');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === uri.toString(), 'the starting file is the active editor');
    const doc = editor.document;
    const lessonLine = doc.getText().split('\n').indexOf(`lesson: ${LESSON}`);
    assert.ok(lessonLine > 0, 'the starting file declares its lesson below the task comment');

    const before = await waitFor('the lesson checklist', async () => {
      const t = await lensTitles(uri);
      return t.includes(`${lessonLine}: ○ a database`) ? t : undefined;
    });
    assert.ok(before.includes(`${lessonLine}: Lesson 1 of 4, a simple web stack: 1 of 7 done`), before.join('\n'));

    // Type a database under `components:` (the file's last line), as a student does.
    const end = doc.positionAt(doc.getText().length);
    editor.selection = new vscode.Selection(end, end);
    await keys([
      { type: '  mysql:', delay: 15 }, { settle: 300, grace: 3000 }, { press: 'Enter' },
      { type: 'kind: database', delay: 15 }, { settle: 300, grace: 3000 }, { press: 'Escape' },
    ]);
    assert.ok(doc.getText().endsWith('components:\n  mysql:\n    kind: database'), `typed text came out as:\n${doc.getText()}`);

    const after = await waitFor('the database item to tick', async () => {
      const t = await lensTitles(uri);
      return t.includes(`${lessonLine}: ✓ a domain name, a database`) ? t : undefined;
    }, { explain: () => 'lenses did not tick' });
    assert.ok(after.includes(`${lessonLine}: Lesson 1 of 4, a simple web stack: 2 of 7 done`), after.join('\n'));
    assert.ok(after.includes(`${lessonLine}: ○ a web server`), after.join('\n'));
    assert.ok(!after.some(t => t.includes('○ a database')), after.join('\n'));
    // The picture waits until the editor draws the ticked item (lenses render a little after the provider answers).
    await screenshot('lesson-checklist-ticked', '.codelens-decoration:has-text("✓ a domain name, a database")');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
