// Typing a design by hand, the way a person does: character by character through the real keyboard
// (the driver's playwright keyboard), Enter at each line end, with the editor's defaults (suggestions
// on, auto-indent on, Enter accepts a suggestion). Before each Enter the test pauses long enough for
// the suggest widget to open, so a list that would swallow the Enter really gets the chance to
// (on the old server, with `:` and space as trigger characters, the rows below all failed).
// What must come out is exactly what was typed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { keys, labelOf, openTempDesign, removeTempDesigns, screenshot, Step } from './helpers';

/**
 * The pause at a line end before Enter: long enough for the suggest widget to open and for the
 * language server's answer to the last keystroke to arrive (as when a person types).
 */
const SETTLE_MS = Number(process.env.E2E_SUGGEST_SETTLE_MS || 300);
/**
 * On a loaded machine the server's answer to the last keystroke can take longer than that pause: a
 * list still open then gets this much more time to close by itself. A list that stays open (the old
 * behaviour: nothing ever closed it) still meets the Enter.
 */
const GRACE_MS = 3000;
const KEY_DELAY_MS = 15;

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The design's lines without its comment lines (the `# expect:` harness lines). */
function designLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter(l => !/^\s*#/.test(l));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return lines;
}

function examplesDir(): string {
  // out/test/e2e/suite -> repo root -> ../shared/examples
  return path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'examples');
}

interface LineEnd { line: string; suggestOpen: boolean }

/**
 * Types `target` on the cursor's (blank, auto-indented) line, adjusting the indentation the editor
 * put there the way a person does (Backspace or spaces), waits for suggestions, and presses Enter.
 */
async function typeLine(editor: vscode.TextEditor, target: string): Promise<LineEnd> {
  const lineNo = editor.selection.active.line;
  const want = indentOf(target);
  for (let guard = 0; guard < 20; guard++) {
    const have = editor.document.lineAt(editor.selection.active.line).text.length;
    if (have <= want) break;
    await keys([{ press: 'Backspace' }]);
  }
  const have = editor.document.lineAt(editor.selection.active.line).text.length;
  const text = ' '.repeat(Math.max(0, want - have)) + target.trimStart();
  const steps: Step[] = [];
  if (text) steps.push({ type: text, delay: KEY_DELAY_MS });
  steps.push({ settle: SETTLE_MS, grace: GRACE_MS }, { press: 'Enter' });
  const played = await keys(steps);
  return { line: editor.document.lineAt(lineNo).text, suggestOpen: played.suggestOpen[0] ?? false };
}

/** Types every line, Enter at each end; fails at the first line that did not come out as typed. */
async function typeLines(editor: vscode.TextEditor, lines: readonly string[], what: string): Promise<void> {
  const start = editor.selection.active.line;
  for (let i = 0; i < lines.length; i++) {
    const target = lines[i]!;
    let got = await typeLine(editor, target);
    // The Enter's edit may still be on its way from the workbench: give it a moment to arrive.
    for (const until = Date.now() + 3000; editor.selection.active.line !== start + i + 1 && Date.now() < until;) {
      await new Promise(r => setTimeout(r, 25));
    }
    got = { ...got, line: editor.document.lineAt(start + i).text };
    const doc = editor.document;
    const cursor = editor.selection.active.line;
    assert.ok(
      got.line === target && cursor === start + i + 1 && doc.lineAt(cursor).text.trim() === '',
      `${what}, line ${i + 1}: typed ${JSON.stringify(target)} then Enter` +
        `${got.suggestOpen ? ' (a suggestion list was open)' : ''}, but the editor has ${JSON.stringify(got.line)}` +
        ` and the cursor is on line ${cursor + 1} (${JSON.stringify(doc.lineAt(cursor).text)}), expected line ${start + i + 2}.\n` +
        `Document so far:\n${doc.getText()}`,
    );
  }
}

/** Removes the indentation Enter left on the last (empty) line. */
async function clearIndent(editor: vscode.TextEditor): Promise<void> {
  for (let guard = 0; guard < 20 && editor.document.lineAt(editor.selection.active.line).text.length > 0; guard++) {
    await keys([{ press: 'Backspace' }]);
  }
}

async function openForTyping(name: string, text: string): Promise<vscode.TextEditor> {
  const doc = await openTempDesign(name, text);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const end = doc.positionAt(text.length);
  editor.selection = new vscode.Selection(end, end);
  // Let the language server see the document before the first keystroke.
  await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end);
  return editor;
}

/** Closes the typed-into editor without saving (the temp file stays as it was written). */
async function closeEditor(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

const SIMPLE = designLines(fs.readFileSync(path.join(examplesDir(), '0-simple-web-stack.infra.yaml'), 'utf8'));

/** The rows of issue 9's table: in the simple stack, the line typed and the line before which it stands. */
const ROWS: readonly { typed: string; after: string }[] = [
  { typed: 'dns:', after: 'domain: foobar.com' },
  { typed: 'servers:', after: '    A: 8.8.8.8' },
  { typed: '  www:', after: 'dns:' },
  { typed: '  server-1:', after: 'servers:' },
  { typed: '  app:', after: '    to: app' },
  { typed: '    to: app', after: '    on: server-1' },
];

suite('Typing a design by hand', function () {
  this.timeout(900000);
  suiteTeardown(removeTempDesigns);

  for (const row of ROWS) {
    test(`typing ${JSON.stringify(row.typed)} then Enter gives exactly that line and a new line`, async () => {
      const at = SIMPLE.indexOf(row.after);
      assert.ok(at >= 0, `the simple stack has the line ${JSON.stringify(row.after)}`);
      // The design up to that line, then a blank line for the row (blank lines of the design kept).
      let before = SIMPLE.slice(0, at + 1);
      const rowIndex = SIMPLE.indexOf(row.typed, at + 1);
      if (rowIndex > at + 1) before = SIMPLE.slice(0, rowIndex);
      const prefix = before.join('\n') + '\n';
      const editor = await openForTyping(`typing-row-${ROWS.indexOf(row)}`, prefix);
      try {
        await typeLines(editor, [row.typed], `in the simple stack after ${JSON.stringify(row.after)}`);
        await clearIndent(editor);
        assert.strictEqual(editor.document.getText(), prefix + row.typed + '\n');
      } finally {
        await closeEditor(editor);
      }
    });
  }

  for (const name of ['0-simple-web-stack', '1-distributed', '2-secured-monitored', '3-scaled-up']) {
    test(`typing ${name} line by line gives exactly the design`, async () => {
      const lines = designLines(fs.readFileSync(path.join(examplesDir(), `${name}.infra.yaml`), 'utf8'));
      const editor = await openForTyping(`typing-${name}`, '');
      try {
        await typeLines(editor, lines, name);
        await clearIndent(editor);
        assert.strictEqual(editor.document.getText(), lines.join('\n') + '\n');
      } finally {
        await closeEditor(editor);
      }
    });
  }
});

suite('The first file', function () {
  this.timeout(120000);
  suiteTeardown(removeTempDesigns);

  test('an empty design shows no problem, and Ctrl+Space offers the skeletons first and no component snippets', async () => {
    const editor = await openForTyping('first-file', '');
    try {
      // Give the server time to publish: after the debounce, nothing may be reported on an empty file.
      await new Promise(r => setTimeout(r, 1500));
      assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).map(d => d.message), []);
      await keys([{ press: 'Control+Space' }, { settle: 1500 }]);
      await screenshot('first-file-ctrl-space', '.suggest-widget.visible .monaco-list-row');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 0));
      const items = [...list.items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
      const labels = items.map(labelOf);
      assert.match(labels[0] ?? '', /^Design: a web stack on one server/, labels.join(', '));
      assert.match(labels[1] ?? '', /^Design: a load-balanced pair/, labels.join(', '));
      // The top-level keys, and the one static snippet (snippets/): a suppression comment fits anywhere.
      assert.deepEqual(labels.slice(2).sort(), ['components', 'disable-next-line', 'dns', 'domain', 'infra', 'lesson', 'name', 'servers', 'traffic']);
      await keys([{ press: 'Escape' }]);
    } finally {
      await closeEditor(editor);
    }
  });
});
