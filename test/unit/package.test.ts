// What the .vsix carries, as vsce computes it: the example designs by name (never a user's own
// files or exports lying in examples/), and every picture the README shows, so that the
// extension's page inside VS Code is not a page of broken images.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');

/** The files `vsce package` would pack, relative to the repository. */
function packedFiles(): string[] {
  const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(300_000); // vsce reads the whole tree: seconds, far more on a loaded machine

  const stray = path.join(ROOT, 'examples', `zz-my-own-design-${process.pid}.infra.yaml`);
  const strayExport = path.join(ROOT, 'examples', `zz-export-${process.pid}.svg`);
  let files: string[] = [];
  before(() => {
    // What a user leaves in examples/ while trying the product must not be packed.
    fs.writeFileSync(stray, 'infra: 1\ncomponents: {}\n');
    fs.writeFileSync(strayExport, '<svg/>');
    try { files = packedFiles(); } finally { fs.rmSync(stray, { force: true }); fs.rmSync(strayExport, { force: true }); }
  });

  it('packs exactly the four example designs', () => {
    assert.deepEqual(files.filter((f) => f.startsWith('examples/')).sort(), [
      'examples/0-simple-web-stack.infra.yaml', 'examples/1-distributed.infra.yaml',
      'examples/2-secured-monitored.infra.yaml', 'examples/3-scaled-up.infra.yaml',
    ]);
  });

  it('packs every image the README shows, by a relative path that exists', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 1, 'the README shows no picture');
    for (const img of images) {
      assert.doesNotMatch(img, /^[a-z]+:/i, `${img}: a remote image cannot show offline or in a packaged README`);
      assert.ok(fs.existsSync(path.join(ROOT, img)), `${img} does not exist`);
      assert.ok(files.includes(img.replace(/^\.\//, '')), `${img} is not packed, so it breaks on the extension's page`);
    }
  });

  it('packs what the extension runs and nothing of the tests or sources', () => {
    for (const f of ['package.json', 'README.md', 'dist/extension.js', 'dist/server.js', 'dist/browser-extension.js', 'dist/browser-server.js', 'dist/webview.js']) assert.ok(files.includes(f), `${f} missing`);
    assert.deepEqual(files.filter((f) => /^(test|server\/src|client\/src|webview\/src|scripts|\.e2e|node_modules)\//.test(f)), []);
  });
});
