// The npm package as a user gets it: `npm pack`, `npm install -g` into a
// temporary prefix, then both bins from PATH — the CLI on a reference design
// and the language server over stdio, the way another editor starts it.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../server/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const EXAMPLE = path.join(ROOT, 'examples/1-distributed.infra.yaml');

interface PackResult { filename: string; size: number; unpackedSize: number; files: { path: string }[] }

describe('npm package (npm pack + npm install -g)', function () {
  let tmp = '';
  let pack: PackResult;
  let env: NodeJS.ProcessEnv;
  const bin = (name: string, ...args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(name, args, { env, encoding: 'utf8', cwd: tmp, timeout: 60_000 });

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-pack-'));
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    pack = (JSON.parse(out) as PackResult[])[0]!;
    const prefix = path.join(tmp, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', path.join(tmp, pack.filename)], { cwd: tmp, stdio: 'pipe' });
    env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
  });
  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  it('is small: the server (with its analysis worker) and CLI bundles, the rule pages, no tests, sources or source maps', () => {
    assert.equal(pack.filename, `infra-yaml-${VERSION}.tgz`);
    const paths = pack.files.map((f) => f.path);
    for (const p of ['dist/server.js', 'dist/analysisWorker.js', 'dist/cli.js', 'package.json', 'README.md', 'LICENSE', 'docs/rules/single-point-of-failure.md', 'schemas/infra-yaml.schema.json']) assert.ok(paths.includes(p), `${p} in the package`);
    const unwanted = paths.filter((p) => /\.(ts|map)$|^(test|out|server|client|webview|scripts|\.e2e|\.ci)\//.test(p));
    assert.deepEqual(unwanted, []);
    // Most of it is elkjs (about 1.5 MB minified in each bundle): the analysis worker (which answers
    // the exports since it keeps the server's one analysis), the server (its in-thread fallback) and
    // the CLI lay out the diagrams they export (graph, explain) as the preview does. With the two bins
    // only (before the worker answered the exports) it was under 1.5 MB packed; before `files`, 3.4 MB.
    assert.ok(pack.size < 2_000_000, `packed ${pack.size} bytes`);
    assert.ok(pack.unpackedSize < 6_500_000, `unpacked ${pack.unpackedSize} bytes`);
    // The two bins, and the worker the server analyses on (started from beside dist/server.js).
    assert.equal(paths.filter((p) => p.startsWith('dist/')).sort().join(' '), 'dist/analysisWorker.js dist/cli.js dist/server.js', 'only the two bins and the analysis worker');
  });

  it('infra-yaml-check runs from PATH: --version, --help, a design', () => {
    const v = bin('infra-yaml-check', '--version');
    assert.equal(v.status, 0, String(v.stderr));
    assert.equal(String(v.stdout).trim(), VERSION);
    const h = bin('infra-yaml-check', '--help');
    assert.equal(h.status, 0);
    assert.match(String(h.stdout), /usage: infra-yaml-check/);
    const r = bin('infra-yaml-check', '--format', 'json', EXAMPLE);
    assert.equal(r.status, 1, 'the distributed design has errors');
    const json = JSON.parse(String(r.stdout)) as { findings: { code: string }[] }[];
    assert.ok(json[0]!.findings.some((f) => f.code === 'single-point-of-failure'));
  });

  it('infra-yaml-language-server runs from PATH: --version, --help, no transport', () => {
    const v = bin('infra-yaml-language-server', '--version');
    assert.equal(v.status, 0, String(v.stderr));
    assert.equal(String(v.stdout).trim(), VERSION);
    const h = bin('infra-yaml-language-server', '--help');
    assert.equal(h.status, 0);
    assert.match(String(h.stdout), /--stdio/);
    const none = bin('infra-yaml-language-server');
    assert.equal(none.status, 2);
    assert.match(String(none.stderr), /no transport/);
    assert.equal(String(none.stdout), '');
  });

  it('infra-yaml-language-server --stdio publishes the same findings as the CLI', async () => {
    const cli = JSON.parse(String(bin('infra-yaml-check', '--format', 'json', EXAMPLE).stdout)) as { findings: { code: string; line: number; column: number }[] }[];
    const client = await LspClient.start({ command: ['infra-yaml-language-server', '--stdio'], env });
    try {
      assert.equal(client.initializeResult!.serverInfo?.version, VERSION);
      const uri = pathToFileURL(EXAMPLE).href;
      const d = await client.openAndWait(uri, fs.readFileSync(EXAMPLE, 'utf8'), 30_000);
      const fromServer = d.diagnostics.map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1} ${String(x.code)}`).sort();
      const fromCli = cli[0]!.findings.map((f) => `${f.line}:${f.column} ${f.code}`).sort();
      assert.deepEqual(fromServer, fromCli);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });
});
