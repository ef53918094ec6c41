// Shared helpers for the extension-host e2e suite: waiting without fixed sleeps, reading a
// design's `# expect:` lines, temp designs, settings and screenshots.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import * as YAML from 'yaml';

export const EXTENSION_ID = 'infra-yaml.infra-yaml';
export const LANGUAGE_ID = 'infra-yaml';
export const SOURCE = 'infra-yaml';
/** How long to wait for the language server to answer (it cold-starts on a 2-core machine). */
export const WAIT_MS = Number(process.env.E2E_WAIT_MS || 30000);

export const SIMPLE_STACK = '0-simple-web-stack.infra.yaml';
export const EXAMPLES: readonly string[] = [
  SIMPLE_STACK,
  '1-distributed.infra.yaml',
  '2-secured-monitored.infra.yaml',
  '3-scaled-up.infra.yaml',
];

// ------------------------------------------------------------------ waiting

/**
 * Resolves with the first truthy value of `probe`, re-evaluated whenever diagnostics change and at
 * least every 200 ms; rejects after `timeoutMs` with `what` and, if given, the last state `explain()`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: { timeoutMs?: number; explain?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await new Promise<void>(resolve => {
      const timer = setTimeout(done, Math.min(200, left));
      const sub = vscode.languages.onDidChangeDiagnostics(done);
      function done() { clearTimeout(timer); sub.dispose(); resolve(); }
    });
  }
  const detail = options.explain ? `\n${options.explain()}` : '';
  const err = lastError ? `\nlast error: ${String((lastError as Error).stack ?? lastError)}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}${err}`);
}

// ------------------------------------------------------------------ workspace and documents

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open the examples/ folder as its workspace');
  return folder.uri;
}

export function exampleUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/**
 * The test expectations of an example: the `# expect:` lines of its reference design in
 * test/fixtures/designs (the examples a user opens carry a teaching comment instead).
 */
export function referenceDesignText(name: string): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} not found`);
  return fs.readFileSync(path.join(ext.extensionPath, 'test/fixtures/designs', name), 'utf8');
}

export async function openExample(name: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(exampleUri(name));
}

let tmpDir: string | undefined;
const tmpFiles: string[] = [];

/** Writes `content` to a fresh `*.infra.yaml` file outside the workspace and opens it. */
export async function openTempDesign(name: string, content: string): Promise<vscode.TextDocument> {
  tmpDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-e2e-docs-'));
  const file = path.join(tmpDir, name.endsWith('.infra.yaml') ? name : `${name}.infra.yaml`);
  fs.writeFileSync(file, content);
  tmpFiles.push(file);
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  if (doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  return doc;
}

export function removeTempDesigns(): void {
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = undefined;
  tmpFiles.length = 0;
}

/**
 * Leaves an edited temp design clean (saved) so that deleting it later prompts nothing and
 * nothing writes it back.
 */
export async function discardChanges(doc: vscode.TextDocument): Promise<void> {
  // A save can be refused for reasons outside the test (a busy file service, a
  // participant that timed out); reverting the shown editor to the disk text is
  // the fallback, and either way the document must end up clean.
  for (let attempt = 0; attempt < 3 && doc.isDirty; attempt++) {
    if (await doc.save()) return;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  assert.ok(!doc.isDirty, `could neither save nor revert ${doc.uri.fsPath}`);
}

/** Replaces the whole text of an open document (without saving it). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
}

// ------------------------------------------------------------------ diagnostics

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined || c === null) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Diagnostics of our own language server for `uri` (other sources are ignored). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === SOURCE || d.source === undefined);
}

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return '  (no diagnostics)';
  return diags
    .map(d => `  ${codeOf(d)} L${d.range.start.line + 1}:${d.range.start.character + 1} [${vscode.DiagnosticSeverity[d.severity]}] ${d.message}`)
    .join('\n');
}

export interface Expectation {
  kind: 'expect' | 'allow';
  code: string;
  where: string;
}

/** The `# expect: CODE @ key/path` and `# allow: CODE @ key/path` lines of a design. */
export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*#\s*(expect|allow):\s*(\S+)\s*@\s*(.+?)\s*$/.exec(line);
    if (m && m[1] && m[2] && m[3]) out.push({ kind: m[1] as Expectation['kind'], code: m[2], where: m[3] });
  }
  return out;
}

/** [start, end] offsets of the key/value pair at a `/`-separated key path, or undefined. */
const spanCache = new Map<string, Map<string, [number, number] | undefined>>();

export function spanOf(text: string, keyPath: string): [number, number] | undefined {
  // Memoized: the waits re-check every diagnostic against every expectation many times.
  let spans = spanCache.get(text);
  if (!spans) {
    if (spanCache.size > 20) spanCache.clear();
    spans = new Map();
    spanCache.set(text, spans);
  }
  if (!spans.has(keyPath)) spans.set(keyPath, computeSpan(text, keyPath));
  return spans.get(keyPath);
}

function computeSpan(text: string, keyPath: string): [number, number] | undefined {
  const doc = YAML.parseDocument(text);
  let node: unknown = doc.contents;
  let span: [number, number] | undefined;
  for (const part of keyPath.split('/')) {
    if (!YAML.isMap(node)) return undefined;
    const pair = node.items.find(p => YAML.isScalar(p.key) && String(p.key.value) === part);
    if (!pair || !YAML.isScalar(pair.key) || !pair.key.range) return undefined;
    const value = pair.value as YAML.Node | null;
    span = [pair.key.range[0], value && value.range ? value.range[1] : pair.key.range[1]];
    node = YAML.isAlias(value) ? value.resolve(doc) : value;
  }
  return span;
}

/** 0-based line of the key at `keyPath` (the line the expectation is about). */
export function keyLine(doc: vscode.TextDocument, keyPath: string): number {
  const span = spanOf(doc.getText(), keyPath);
  assert.ok(span, `key path ${keyPath} not found in ${path.basename(doc.uri.path)}`);
  return doc.positionAt(span[0]).line;
}

function wheres(where: string): string[] {
  return where.split(' | ').map(s => s.trim());
}

/** Whether `d` satisfies `e`: same code, and it starts inside the named key/value pair (or line range). */
export function satisfies(doc: vscode.TextDocument, e: Expectation, d: vscode.Diagnostic): boolean {
  if (e.code !== '*' && e.code !== codeOf(d)) return false;
  return wheres(e.where).some(where => {
    if (where === '*') return true;
    const lines = /^lines?\s+(\d+)(?:-(\d+))?$/.exec(where);
    if (lines) {
      const l = d.range.start.line + 1;
      return l >= Number(lines[1]) && l <= Number(lines[2] ?? lines[1]);
    }
    const span = spanOf(doc.getText(), where);
    if (!span) return false;
    const at = doc.offsetAt(d.range.start);
    return at >= span[0] && at <= span[1];
  });
}

export interface Comparison {
  missing: Expectation[];
  unexpected: vscode.Diagnostic[];
}

export function compare(doc: vscode.TextDocument, diags: readonly vscode.Diagnostic[], exps: readonly Expectation[]): Comparison {
  const missing = exps.filter(e => e.kind === 'expect' && !diags.some(d => satisfies(doc, e, d)));
  const unexpected = diags.filter(d => !exps.some(e => satisfies(doc, e, d)));
  return { missing, unexpected };
}

export function describeExpectation(doc: vscode.TextDocument, e: Expectation): string {
  const span = wheres(e.where).map(w => spanOf(doc.getText(), w)).find(s => s);
  return `${e.code} @ ${e.where}${span ? ` (line ${doc.positionAt(span[0]).line + 1})` : ' (key path not found!)'}`;
}

/** Diagnostics with `code` whose range starts inside the pair at `keyPath`. */
export function diagnosticsAt(doc: vscode.TextDocument, code: string, keyPath: string): vscode.Diagnostic[] {
  return ourDiagnostics(doc.uri).filter(d => satisfies(doc, { kind: 'expect', code, where: keyPath }, d));
}

// ------------------------------------------------------------------ settings

/**
 * Sets `infraYaml.rules.<code>` (undefined removes it) in the user settings. Works whether the
 * extension declares one setting per rule or a single `infraYaml.rules` object.
 */
export async function setRule(code: string, value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('infraYaml');
  const contributed = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.configuration;
  const sections: any[] = Array.isArray(contributed) ? contributed : contributed ? [contributed] : [];
  const keys = new Set<string>(sections.flatMap(s => Object.keys(s?.properties ?? {})));
  if (keys.has('infraYaml.rules') && !keys.has(`infraYaml.rules.${code}`)) {
    const current = { ...(config.inspect<Record<string, string>>('rules')?.globalValue ?? {}) };
    if (value === undefined) delete current[code];
    else current[code] = value;
    await config.update('rules', Object.keys(current).length ? current : undefined, vscode.ConfigurationTarget.Global);
  } else {
    await config.update(`rules.${code}`, value, vscode.ConfigurationTarget.Global);
  }
}

// ------------------------------------------------------------------ screenshots

/**
 * Asks the code-server driver (scripts/run-e2e.mjs) for a screenshot of the workbench, saved as
 * test-results/screenshots/<name>.png, and waits until it is written. `selector`: a CSS selector the
 * driver waits for (up to 5 s) before shooting. Returns false when no driver takes screenshots.
 */
export async function screenshot(name: string, selector?: string): Promise<boolean> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return false;
  const file = path.join(dir, `${name}.png`);
  for (const f of [file, `${file}.failed`]) fs.rmSync(f, { force: true });
  console.log(`E2E_SCREENSHOT ${name}${selector ? ` ${selector}` : ''}`);
  await waitFor(`screenshot ${name}`, () => fs.existsSync(file) || fs.existsSync(`${file}.failed`), { timeoutMs: 30000 });
  return fs.existsSync(file);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : (c as { value: string }).value))
    .join('\n');
}

// ------------------------------------------------------------------ the real keyboard

/** One step of the keyboard driver (scripts/run-e2e.mjs): type text, press a key, or pause for suggestions. */
export type Step = { type: string; delay?: number } | { press: string } | { settle: number; grace?: number };
interface Played { suggestOpen: boolean[]; error?: string }

let seq = 0;

/** Plays keystrokes through the driver (scripts/run-e2e.mjs, keyboard protocol) and waits for them. */
export async function keys(steps: Step[]): Promise<Played> {
  const dir = process.env.E2E_KEYS_DIR;
  assert.ok(dir, 'no keyboard driver: run the suite through scripts/run-e2e.mjs');
  const id = `k${process.pid}-${++seq}`;
  const file = path.join(dir, `${id}.json`);
  console.log(`E2E_KEYS ${id} ${JSON.stringify(steps)}`);
  const deadline = Date.now() + 60000;
  while (!fs.existsSync(file)) {
    assert.ok(Date.now() < deadline, `the driver did not play keys ${id} within 60 s`);
    await new Promise(r => setTimeout(r, 10));
  }
  const played = JSON.parse(fs.readFileSync(file, 'utf8')) as Played;
  assert.ok(!played.error, `the driver failed to play keys: ${played.error}`);
  await quiet();
  return played;
}

/**
 * Waits until the keystrokes' edits have reached the extension host: the active document's version
 * and the cursor stay the same for 150 ms (they travel from the workbench asynchronously).
 */
async function quiet(): Promise<void> {
  const state = (): string => {
    const e = vscode.window.activeTextEditor;
    return e ? `${e.document.version}:${e.selection.active.line}:${e.selection.active.character}` : '';
  };
  let last = state();
  let since = Date.now();
  const deadline = Date.now() + 10000;
  while (Date.now() - since < 150 && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 25));
    const now = state();
    if (now !== last) { last = now; since = Date.now(); }
  }
}

/** Presses keys with the real keyboard into the focused workbench element, one after the other. */
export async function pressKeys(...names: string[]): Promise<void> {
  await keys(names.map(press => ({ press })));
}

// ------------------------------------------------------------------ acting as a webview's content

export interface WebviewRequest {
  /** A CSS selector only the webview's content frame holds (e.g. the preview's `#canvas`). */
  frame: string;
  /** Start recording the messages the extension posts to that frame. */
  listen?: boolean;
  /** A JSON array of messages to post as the webview's page does; see scripts/run-e2e.mjs for `$repeat` and `$undefined`. */
  post?: string;
  /** Selectors of the workbench to report visible or not (a dialog, a quick pick). */
  visible?: string[];
}
export interface WebviewAnswer { received: unknown[]; visible: Record<string, boolean>; error?: string }

/** Acts as the content of a webview through the driver (scripts/run-e2e.mjs, webview protocol). */
export async function webview(request: WebviewRequest): Promise<WebviewAnswer> {
  const dir = process.env.E2E_KEYS_DIR;
  assert.ok(dir, 'no webview driver: run the suite through scripts/run-e2e.mjs');
  const id = `w${process.pid}-${++seq}`;
  const file = path.join(dir, `${id}.json`);
  console.log(`E2E_WEBVIEW ${id} ${JSON.stringify(request)}`);
  await waitFor(`the driver to act in the webview (${id})`, () => fs.existsSync(file), { timeoutMs: 60000 });
  const answer = JSON.parse(fs.readFileSync(file, 'utf8')) as WebviewAnswer;
  assert.ok(!answer.error, `the driver failed in the webview: ${answer.error}`);
  return answer;
}
