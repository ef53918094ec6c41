// The README's Neovim configuration (docs/editors/init.lua) in a real,
// headless Neovim (Debian's, 0.7): open a reference design, read
// vim.diagnostic.get() and compare with the CLI's JSON, line for line.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { ROOT, SERVER } from './lspClient';

const INIT = path.join(ROOT, 'docs/editors/init.lua');

// Waits for the server's diagnostics, then writes them as JSON and quits.
const PROBE = `
local out = os.getenv('PROBE_OUT')
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local got = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(got, { line = d.lnum + 1, column = d.col + 1, code = d.code, severity = d.severity })
end
local clients = {}
for _, c in pairs(vim.lsp.buf_get_clients(0)) do table.insert(clients, c.name) end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, filetype = vim.bo.filetype, clients = clients, diagnostics = got }) }, out)
vim.cmd('qa!')
`;

describe('Neovim (docs/editors/init.lua)', () => {
  it('attaches to a design and shows the same findings as the CLI', function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-nvim-'));
    try {
      fs.mkdirSync(path.join(tmp, 'bin'));
      fs.writeFileSync(path.join(tmp, 'bin', 'infra-yaml-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`, { mode: 0o755 });
      fs.writeFileSync(path.join(tmp, 'probe.lua'), PROBE);
      const design = path.join(ROOT, 'examples/1-distributed.infra.yaml');
      const out = path.join(tmp, 'out.json');
      const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT, design, '-c', `luafile ${path.join(tmp, 'probe.lua')}`], {
        env: { ...process.env, PATH: `${path.join(tmp, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, PROBE_OUT: out, XDG_STATE_HOME: tmp, XDG_DATA_HOME: tmp, XDG_CONFIG_HOME: tmp },
        encoding: 'utf8', timeout: 60_000, cwd: tmp,
      });
      assert.equal(r.error, undefined, `nvim could not run (apt-get install neovim): ${String(r.error)}`);
      const got = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; filetype: string; clients: string[]; diagnostics: { line: number; column: number; code: string; severity: number }[] };
      assert.equal(got.filetype, 'infra-yaml');
      assert.deepEqual(got.clients, ['infra-yaml']);
      assert.equal(got.ok, true, 'diagnostics arrived');
      let json = '';
      main(['--format', 'json', design], { out: (s) => { json += s; }, err: () => undefined });
      const cli = (JSON.parse(json) as { findings: { line: number; column: number; code: string; severity: string }[] }[])[0]!.findings;
      const LSP_SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
      const key = (f: { line: number; column: number; code: string; severity: number }): string => `${f.line}:${f.column} ${f.code} ${f.severity}`;
      assert.deepEqual(got.diagnostics.map(key).sort(), cli.map((f) => key({ ...f, severity: LSP_SEVERITY[f.severity]! })).sort());
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('editor configurations in the README', () => {
  it('shows docs/editors/* verbatim, each starting the package bin with --stdio', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const f of ['init.lua', 'languages.toml', 'infra-yaml.el']) {
      const text = fs.readFileSync(path.join(ROOT, 'docs/editors', f), 'utf8');
      assert.ok(readme.includes(text.trimEnd()), `README.md includes docs/editors/${f}`);
      assert.match(text, /infra-yaml-language-server['"]\s*[,\s]\s*(args = \[)?['"]--stdio['"]/, f);
    }
  });
});
