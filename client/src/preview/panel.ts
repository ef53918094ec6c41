/**
 * One preview panel: relays between the webview (typed messages, each one
 * validated: the webview is untrusted) and the language server (custom
 * requests), follows edits with a short debounce, reveals YAML on node
 * clicks, forwards cursor moves, and saves exports. It shows one design at a
 * time; an unlocked preview is moved to another design with `show`. On a
 * broken YAML it keeps the last picture and shows why.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DIAGRAM_METHOD, DiagramAnswer, SIMULATE_METHOD, SimulateAnswer } from '../../../common/lspProtocol';
import { DiagramPoster } from '../../../common/diagramChanges';
import { FromWebview, packResult, parseFromWebview, Range, SimulationParams, ToWebview } from '../../../common/webviewProtocol';
import { makeNonce, previewHtml } from './html';

/** How long typing must pause before the diagram follows (the issue asks for ≤ 300 ms). */
const EDIT_DEBOUNCE_MS = 250;
const CURSOR_DEBOUNCE_MS = 50;

export class PreviewPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private editTimer: NodeJS.Timeout | undefined;
  private cursorTimer: NodeJS.Timeout | undefined;
  /** The simulation in flight: a newer one (or closing the panel) cancels it on the server. */
  private simulation: vscode.CancellationTokenSource | undefined;
  /** The last diagram posted, so that an edit posts only what changed (a 1,000-component model is 0.9 MB). */
  private readonly diagrams = new DiagramPoster();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private current: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly client: BaseLanguageClient,
    private isLocked: boolean,
    private readonly onDispose: () => void,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist] };
    this.retitle();
    panel.webview.html = this.html(dist);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.uri.toString() === this.current.toString()) this.scheduleRefresh(); }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private html(dist: vscode.Uri): string {
    const w = this.panel.webview;
    return previewHtml({
      cspSource: w.cspSource, nonce: makeNonce(),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      workerUri: w.asWebviewUri(vscode.Uri.joinPath(dist, 'layoutWorker.js')).toString(),
    });
  }

  private post(m: ToWebview): void {
    // A diagram that did not arrive (the page was not there to take it): the next one goes whole.
    void this.panel.webview.postMessage(m).then((ok) => { if (!ok && m.type.startsWith('diagram')) this.diagrams.reset(); });
  }

  get uri(): vscode.Uri { return this.current; }
  get locked(): boolean { return this.isLocked; }

  /** Shows another design in this panel (a preview that follows the active editor). */
  show(uri: vscode.Uri): void {
    if (uri.toString() === this.current.toString()) return;
    this.current = uri;
    this.retitle();
    void this.refresh();
  }

  setLocked(locked: boolean): void {
    this.isLocked = locked;
    this.retitle();
    void this.refresh();
  }

  private retitle(): void {
    this.panel.title = this.isLocked ? `[Preview] ${uriName(this.current)}` : `Preview ${uriName(this.current)}`;
  }

  /** Anything that is not a message of the protocol, with fields in range, is dropped here. */
  private receive(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (!m) { console.warn('[infra-yaml preview] ignored a message that does not fit the protocol'); return; }
    this.handle(m).catch((e: unknown) => console.error(`[infra-yaml preview] ${m.type} failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      // A page that (re)started, or lacks the version changes were posted against: the next diagram goes whole.
      case 'ready': this.diagrams.reset(); return this.refresh();
      case 'reveal': return this.reveal(m.range);
      case 'simulate': return this.simulate(m.requestId, m.params);
      case 'export': return this.save(m.format, m.data);
      case 'exportAs': { await vscode.commands.executeCommand('infraYaml.exportDiagram', this.uri); return; }
      case 'log': if (m.level === 'error') console.error(`[infra-yaml preview] ${m.text}`); return;
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.refresh(), EDIT_DEBOUNCE_MS);
  }

  async refresh(): Promise<void> {
    try {
      // The server must see the document: opening it (if the preview was restored first) syncs it.
      await vscode.workspace.openTextDocument(this.uri);
      const uri = this.current;
      const answer = await this.client.sendRequest<DiagramAnswer>(DIAGRAM_METHOD, { uri: uri.toString() });
      if (uri !== this.current) return; // moved to another design meanwhile
      if ('value' in answer) this.post(this.diagrams.message(uri.toString(), answer.value, this.isLocked));
      else this.post({ type: 'notice', text: `Showing the last good picture. ${answer.error}` });
    } catch (e) {
      this.post({ type: 'notice', text: `The preview could not be updated: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private async simulate(requestId: number, params: SimulationParams): Promise<void> {
    this.simulation?.cancel();
    const cts = (this.simulation = new vscode.CancellationTokenSource());
    try {
      // The panel's own document, always: the parameters carry no uri (parseFromWebview copies known fields only).
      const answer = await this.client.sendRequest<SimulateAnswer>(SIMULATE_METHOD, { ...params, uri: this.current.toString() }, cts.token);
      this.post('value' in answer ? { type: 'simulation', requestId, result: packResult(answer.value) } : { type: 'simulationError', requestId, error: answer.error });
    } catch (e) {
      if (!cts.token.isCancellationRequested) this.post({ type: 'simulationError', requestId, error: e instanceof Error ? e.message : String(e) });
    } finally {
      cts.dispose();
      if (this.simulation === cts) this.simulation = undefined;
    }
  }

  private async reveal(r: Range): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.uri);
    // A range past the end (a stale diagram) is clamped to the document.
    const range = doc.validateRange(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const editor = await vscode.window.showTextDocument(this.uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private cursorMoved(e: vscode.TextEditorSelectionChangeEvent): void {
    if (e.textEditor.document.uri.toString() !== this.current.toString()) return;
    clearTimeout(this.cursorTimer);
    const p = e.selections[0]?.active;
    if (!p) return;
    this.cursorTimer = setTimeout(() => this.post({ type: 'cursor', position: { line: p.line, character: p.character } }), CURSOR_DEBOUNCE_MS);
  }

  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : decodeBase64(data.replace(/^data:image\/png;base64,/, ''));
    if (format === 'png' && !isPng(bytes)) { this.post({ type: 'exported', ok: false, text: 'The PNG export was not a PNG image; nothing was saved.' }); return; }
    // The name comes from the design's file name, never from the webview.
    const base = uriName(this.uri).replace(/\.infra\.ya?ml$/, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.uri, '..', `${base}.${format}`),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    });
    if (!target) return;
    try {
      // vscode.workspace.fs: the same on a disk, a remote, and a web host's virtual file system.
      await vscode.workspace.fs.writeFile(target, bytes);
      this.post({ type: 'exported', ok: true, text: `Saved ${target.scheme === 'file' ? target.fsPath : target.path}` });
    } catch (e) {
      this.post({ type: 'exported', ok: false, text: `Could not save ${target.path}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  dispose(): void {
    this.simulation?.cancel();
    clearTimeout(this.editTimer);
    clearTimeout(this.cursorTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

/** Base64 to bytes with `atob`, which Node and browsers both have (Buffer is Node only); nothing for invalid text. */
function decodeBase64(b64: string): Uint8Array {
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (b: Uint8Array): boolean => b.length > PNG_MAGIC.length && PNG_MAGIC.every((x, i) => b[i] === x);

function uriName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}
