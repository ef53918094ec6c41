// The preview's webview is untrusted content: whatever its page posts, the panel takes only the
// messages of the protocol (common/webviewProtocol.ts) and acts only on its own design. Here the
// driver (scripts/run-e2e.mjs, webview protocol) plays a hostile page inside a live preview and
// posts through the webview's real channel (the host frame's postMessage → workbench → extension
// host → panel.onDidReceiveMessage): nothing else is simulated, saved, opened or run, nothing
// rejects unhandled, and the preview goes on working.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { discardChanges, openTempDesign, removeTempDesigns, screenshot, setText, waitFor, webview } from './helpers';

const FRAME = '#canvas g.node';   // only the preview's content frame holds it, once a diagram is drawn
const OWN = 'infra: 1\ncomponents:\n  alpha-web:\n    kind: web-server\n    to: [alpha-db]\n  alpha-db:\n    kind: database\n';
const OTHER = 'infra: 1\ncomponents:\n  beta-web:\n    kind: web-server\n    to: [beta-db]\n  beta-db:\n    kind: database\n';
const PARAMS = { seed: 7, qps: 50, readShare: 0.8, failed: [], ticks: 5, tickMs: 100 };

const isPreview = (t: vscode.Tab): boolean => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('infraYaml.preview');
const tabs = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).sort();

type Msg = { type?: unknown; requestId?: unknown; ok?: unknown; text?: unknown; model?: unknown; result?: unknown };

/** Every file under `dir` with its size and modification time (to see that nothing was written). */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { const s = fs.statSync(p); out.push(`${p} ${s.size} ${s.mtimeMs}`); }
    }
  };
  walk(dir);
  return out.sort();
}

const statOrNone = (p: string): string => { try { const s = fs.statSync(p); return `${s.size} ${s.mtimeMs}`; } catch { return 'none'; } };

suite('Hostile messages from a live preview', function () {
  this.timeout(180000);
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    removeTempDesigns();
  });

  test('are dropped or kept to the panel\'s own design: nothing else is simulated, saved, opened or run, and the preview still works', async () => {
    const other = await openTempDesign('panel-other', OTHER);
    const own = await openTempDesign('panel-own', OWN);
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.window.showTextDocument(own, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('infraYaml.showPreviewToSide');
    await waitFor('a preview of the own design', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => isPreview(t) && /panel-own/.test(t.label)));
    await webview({ frame: FRAME, listen: true });

    // What must not change: the files next to the designs, the workspace, the home folder's
    // .bashrc (the target of the export's format), the tabs, the terminals.
    const docsDir = path.dirname(own.uri.fsPath);
    const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const bashrc = path.join(os.homedir(), '.bashrc');
    const before = { docs: snapshot(docsDir), workspace: snapshot(workspace), bashrc: statOrNone(bashrc), tabs: tabs(), terminals: vscode.window.terminals.length };

    // Watch what the extension does with them, in this extension host (the one the extension runs in).
    const rejections: unknown[] = [];
    const saveDialogs: unknown[] = [];
    const commands: string[] = [];
    const win = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog; showOpenDialog: typeof vscode.window.showOpenDialog };
    const cmds = vscode.commands as { executeCommand: typeof vscode.commands.executeCommand };
    const originals = { showSaveDialog: win.showSaveDialog, showOpenDialog: win.showOpenDialog, executeCommand: cmds.executeCommand };
    const onRejection = (reason: unknown): void => { rejections.push(reason); };
    win.showSaveDialog = async (o) => { saveDialogs.push(o); return undefined; };
    win.showOpenDialog = async (o) => { saveDialogs.push(o); return undefined; };
    cmds.executeCommand = (async (command: string, ...rest: unknown[]) => { commands.push(command); return originals.executeCommand(command, ...rest); }) as typeof cmds.executeCommand;
    process.on('unhandledRejection', onRejection);
    const restore = (): void => {
      win.showSaveDialog = originals.showSaveDialog;
      win.showOpenDialog = originals.showOpenDialog;
      cmds.executeCommand = originals.executeCommand;
      process.off('unhandledRejection', onRejection);
    };

    try {
      const otherUri = other.uri.toString();
      const big = (n: number, s = 'x') => ({ $repeat: s, times: n });
      // Dropped: not a message of the protocol, or a field out of range.
      const dropped: unknown[] = [
        null, 42, 'ready', true, [], [{ type: 'ready' }], {}, { type: 42 }, { type: 'Ready' },
        { type: 'command', command: 'workbench.action.terminal.new' },
        { type: 'executeCommand', command: 'workbench.action.files.saveAs', args: ['/tmp/x'] },
        { type: 'open', uri: 'file:///etc/passwd' },
        { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }, { type: 'hasOwnProperty' },
        JSON.parse('{"__proto__": {"type": "ready"}}'),
        { type: 'simulate' },
        { type: 'simulate', requestId: -1, params: PARAMS },
        { type: 'simulate', requestId: '1', params: PARAMS },
        { type: 'simulate', requestId: 31, params: { ...PARAMS, seed: 'x' } },
        { type: 'simulate', requestId: 32, params: { ...PARAMS, qps: 1e12 } },
        { type: 'simulate', requestId: 33, params: { ...PARAMS, failed: 'component:alpha-db' } },
        { type: 'simulate', requestId: 34, params: { ...PARAMS, failed: [big(5000)] } },
        { type: 'export', format: '/../../../../.bashrc#', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
        { type: 'export', format: 'svg', data: 'echo pwned >> ~/.bashrc' },
        { type: 'export', format: 'png', data: 'data:image/png;base64,not base64!' },
        { type: 'export', format: 'svg', data: 42 },
        JSON.parse('{"type": "export", "__proto__": {"format": "svg"}, "data": "<svg/>"}'),
        { type: 'reveal', nodeId: 'alpha-web' },
        { type: 'reveal', nodeId: 'alpha-web', range: 'L1' },
        { type: 'reveal', nodeId: 'alpha-web', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
        { type: 'reveal', nodeId: 'alpha-web', range: { start: { line: 1.5, character: 0 }, end: { line: 2, character: 0 } } },
        { type: 'reveal', nodeId: 'alpha-web', range: { start: { line: 1e300, character: 0 }, end: { line: 1e300, character: 0 } } },
        { type: 'reveal', nodeId: 'alpha-web', range: { start: { line: 0, character: 0 } } },
        JSON.parse('{"type": "reveal", "nodeId": "alpha-web", "range": {"__proto__": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}}}'),
        { type: 'reveal', nodeId: big(5_000_000), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
        { type: big(1_000_000) },
        { type: 'log', level: 'warn', text: 'not a level' },
      ];
      // Kept, and kept to the panel's own design (or refused after a look at the bytes).
      const kept: unknown[] = [
        { type: 'simulate', requestId: 777001, uri: otherUri, params: { ...PARAMS, uri: otherUri } },
        JSON.parse(`{"type": "simulate", "requestId": 777002, "params": {"__proto__": {"uri": ${JSON.stringify(otherUri)}}, "seed": 7, "qps": 50, "readShare": 0.8, "failed": [], "ticks": 5, "tickMs": 100}}`),
        { type: 'export', format: 'png', data: 'data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAA==' },
        { type: 'log', level: 'info', text: big(8_000_000) },
      ];
      const messages = [...dropped, ...kept];
      // Shuffled by a fixed permutation, so that kept and dropped messages interleave.
      const order = messages.map((_, i) => (i * 17) % messages.length);
      assert.equal(new Set(order).size, messages.length);
      await webview({ frame: FRAME, post: JSON.stringify(order.map((i) => messages[i])) });

      let lastSeen = '';
      const answers = await waitFor('the answers to the kept messages', async () => {
        const got = (await webview({ frame: FRAME })).received as Msg[];
        const sims = got.filter((m) => m?.type === 'simulation' || m?.type === 'simulationError');
        const exported = got.filter((m) => m?.type === 'exported');
        lastSeen = got.map((m) => `${String(m?.type)}${m?.requestId !== undefined ? ` ${String(m.requestId)}` : ''}`).join(', ');
        return sims.some((m) => m.requestId === 777001 || m.requestId === 777002) && exported.length ? { sims, exported } : undefined;
      }, { explain: () => `received: ${lastSeen}` });
      // A newer simulation cancels the one in flight (as moving a slider does), so one of the two may
      // go unanswered; whichever is answered ran on the panel's design.
      for (const sim of answers.sims) {
        const id = String(sim.requestId);
        assert.equal(sim.type, 'simulation', `simulation ${id} answered: ${JSON.stringify(sim).slice(0, 300)}`);
        const text = JSON.stringify(sim.result);
        assert.match(text, /alpha-web/, `simulation ${id} ran on the panel's design`);
        assert.doesNotMatch(text, /beta-/, `simulation ${id} did not run on the other open design`);
      }
      assert.deepEqual(answers.exported.map((m) => [m.ok, m.text]), [[false, 'The PNG export was not a PNG image; nothing was saved.']]);
      // Anything the messages set off has had time to fail loudly (an unhandled rejection is reported after its turn).
      await new Promise((r) => setTimeout(r, 1500));
      const after = await webview({ frame: FRAME, visible: ['.quick-input-widget', '.monaco-dialog-box'] });
      assert.deepEqual(after.visible, { '.quick-input-widget': false, '.monaco-dialog-box': false }, 'no quick pick or dialog on screen');
      const answered = (after.received as Msg[]).filter((m) => m?.type === 'simulation' || m?.type === 'simulationError').map((m) => m.requestId);
      assert.deepEqual(answered.filter((id) => [-1, '1', 31, 32, 33, 34].includes(id as number)), [], 'no unfit simulate message was answered');
      assert.deepEqual(rejections.map(String), [], 'no unhandled rejection');
      assert.deepEqual(saveDialogs, [], 'no dialog was opened');
      assert.deepEqual(commands, [], 'no command was run');
      assert.deepEqual({ docs: snapshot(docsDir), workspace: snapshot(workspace), bashrc: statOrNone(bashrc), tabs: tabs(), terminals: vscode.window.terminals.length }, before, 'nothing was written, opened or started');

      // The preview still works: an edit of its design is drawn, and a real export asks where to save it.
      const count = (await webview({ frame: FRAME })).received.length;
      await setText(own, OWN + '  alpha-cache:\n    kind: cache\n');
      await waitFor('the edit drawn', async () => {
        const got = ((await webview({ frame: FRAME })).received as Msg[]).slice(count);
        return got.some((m) => m?.type === 'diagram' && JSON.stringify(m.model).includes('"alpha-cache"'));
      });
      await webview({ frame: FRAME, post: JSON.stringify([{ type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }]) });
      const asked = await waitFor('the save dialog of a real export', () => saveDialogs[0] as vscode.SaveDialogOptions | undefined);
      assert.equal(path.basename(asked.defaultUri!.fsPath), 'panel-own.svg', 'the name comes from the design, never from the webview');
      assert.deepEqual(rejections.map(String), [], 'no unhandled rejection');
    } finally {
      restore();
    }
    await screenshot('hostile-messages-preview-after', `frame:${FRAME}`);
    await discardChanges(own);
  });
});
