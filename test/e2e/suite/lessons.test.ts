// A lesson the way a student takes it: the walkthrough's link writes the starting file into the
// folder and opens it, the checklist lens above `lesson:` shows what the task still asks for, and
// typing the missing piece with the real keyboard ticks its item.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, keys, screenshot, waitFor, webview, workspaceRoot } from './helpers';

const LESSON = 'simple-stack';
const FILE = 'lesson-1-simple-stack.infra.yaml';

/** The code lenses VS Code shows on the document, line by line: their titles, and the tooltips of the lesson's. */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map(l => `${l.range.start.line}: ${l.command?.title ?? ''}`);
}

/**
 * Waits until the editor draws a lesson lens whose tooltip (its title attribute) has `item`
 * (vscode.executeCodeLensProvider hands back no tooltips: the drawn lens is where to look).
 */
async function lensTooltipShows(item: string): Promise<void> {
  await webview({ frame: `.codelens-decoration [title*="${item}"]` });
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
    // The step's media (its Markdown, drawn in a webview of its own) renders a moment after the page:
    // the picture waits for its heading.
    await webview({ frame: 'h1:has-text("Lesson 1: a simple web stack")' });
    await screenshot('lesson-walkthrough', 'frame:h1:has-text("Lesson 1: a simple web stack")');

    const uri = await vscode.commands.executeCommand<vscode.Uri>('infraYaml.startLesson', ...startLinkArgs());
    assert.strictEqual(uri?.toString(), target().toString(), 'the starting file is written into the workspace folder');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === uri.toString(), 'the starting file is the active editor');
    const doc = editor.document;
    const lessonLine = doc.getText().split('\n').indexOf(`lesson: ${LESSON}`);
    assert.ok(lessonLine > 0, 'the starting file declares its lesson below the task comment');

    const before = await waitFor('the lesson checklist', async () => {
      const t = await lensTitles(uri);
      return t.some(x => x.startsWith(`${lessonLine}: ○ next: `)) ? t : undefined;
    });
    assert.ok(before.includes(`${lessonLine}: Lesson 1 of 4, a simple web stack: 1 of 7 done`), before.join('\n'));
    await lensTooltipShows('○ a database');

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
      return t.includes(`${lessonLine}: Lesson 1 of 4, a simple web stack: 2 of 7 done`) ? t : undefined;
    }, { explain: () => 'lenses did not tick' });
    // The row stays short (a narrow editor shows it whole): the headline and the next item, the whole list in the tooltip.
    const row = after.filter(t => t.startsWith(`${lessonLine}: `));
    assert.equal(row.length, 2, after.join('\n'));
    assert.match(row[1]!, /^\d+: ○ next: .*, then 4 more$/);
    await lensTooltipShows('✓ a database');
    // The picture waits until the editor draws the ticked headline (lenses render a little after the provider answers).
    await screenshot('lesson-checklist-ticked', '.codelens-decoration:has-text("2 of 7 done")');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
