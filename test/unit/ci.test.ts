// The CLI where CI runs it: the documented GitHub Actions workflow's own
// commands, the pre-commit hook definition, and the VS Code problemMatcher
// against the real text output. The README shows these files verbatim.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../server/src/cli';
import { sarifErrors } from './sarifSchema';

const ROOT = path.resolve(__dirname, '../../..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  bin: Record<string, string>;
  contributes: { problemMatchers: { name: string; fileLocation: unknown; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }[] };
};

/** A temporary workspace with the reference designs and `infra-yaml-check` on PATH (the built dist/cli.js). */
function workspace(): { dir: string; env: NodeJS.ProcessEnv; dispose: () => void } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-ci-'));
  const dir = path.join(tmp, 'repo');
  fs.cpSync(path.join(ROOT, 'test/fixtures/designs'), path.join(dir, 'designs'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'bin'));
  fs.writeFileSync(path.join(tmp, 'bin', 'infra-yaml-check'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, pkg.bin['infra-yaml-check']!)}" "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: `${path.join(tmp, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
  return { dir, env, dispose: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

describe('the CLI in CI', () => {
  it('the GitHub Actions workflow writes valid SARIF and fails the job on errors', () => {
    const wf = parse(read('docs/ci/github-actions.yml')) as { jobs: { check: { steps: { run?: string; uses?: string; with?: Record<string, string> }[] } } };
    const steps = wf.jobs.check.steps;
    const checks = steps.filter((s) => s.run?.startsWith('infra-yaml-check'));
    assert.equal(checks.length, 2);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.ok(steps.some((s) => s.run === 'npm install -g infra-yaml'), 'installs the npm package');
    const ws = workspace();
    try {
      const codes = checks.map((s) => spawnSync('bash', ['-e', '-c', s.run!], { cwd: ws.dir, env: ws.env, encoding: 'utf8', timeout: 60_000 }));
      assert.equal(codes[0]!.status, 0, codes[0]!.stderr);
      assert.equal(codes[1]!.status, 1, 'the simple web stack has an error: the job fails');
      assert.match(codes[1]!.stdout, /designs\/0-simple-web-stack\.infra\.yaml:36:3: error database-exposed/);
      const log = JSON.parse(fs.readFileSync(path.join(ws.dir, upload.with!.sarif_file!), 'utf8')) as { runs: { results: unknown[]; tool: { driver: { rules: { helpUri?: string }[] } } }[] };
      assert.deepEqual(sarifErrors(log), []);
      assert.ok(log.runs[0]!.results.length > 20);
      assert.match(log.runs[0]!.tool.driver.rules[0]!.helpUri!, /^https:\/\/github\.com\/.*\/docs\/rules\/yaml-syntax\.md$/);
    } finally {
      ws.dispose();
    }
  });

  it('the pre-commit hook runs a bin of the package on the staged designs only', () => {
    const hooks = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; files: string }[];
    assert.equal(hooks.length, 1);
    const hook = hooks[0]!;
    assert.equal(hook.language, 'node');
    assert.ok(pkg.bin[hook.entry], `${hook.entry} is a bin of package.json`);
    const files = new RegExp(hook.files);
    assert.deepEqual(['a.infra.yaml', 'x/b.infra.yml', 'c.yaml', 'infra.yaml', 'd.infra.yaml.bak'].filter((f) => files.test(f)), ['a.infra.yaml', 'x/b.infra.yml']);
    const config = parse(read('docs/ci/pre-commit-config.yaml')) as { repos: { hooks: { id: string; args: string[] }[] }[] };
    const use = config.repos[0]!.hooks[0]!;
    assert.equal(use.id, hook.id);
    // pre-commit runs `entry args... file...`.
    const ws = workspace();
    try {
      const r = spawnSync(hook.entry, [...use.args, 'designs/2-secured-monitored.infra.yaml', 'designs/0-simple-web-stack.infra.yaml'], { cwd: ws.dir, env: ws.env, encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stdout, /2 files: 1 error,/);
    } finally {
      ws.dispose();
    }
  });

  it('the problemMatcher reads every finding line of the text output, with VS Code severities', () => {
    const matcher = pkg.contributes.problemMatchers.find((m) => m.name === 'infra-yaml')!;
    const re = new RegExp(matcher.pattern.regexp);
    let out = '';
    main(['--rule', 'missing-monitoring=hint', 'test/fixtures/designs'], { cwd: ROOT, out: (s) => { out += s; }, err: () => undefined });
    const lines = out.split('\n');
    const findings = lines.slice(0, -1);
    assert.ok(findings.length > 20);
    // VS Code's Severity.fromValue knows error, warning and info; a matcher maps hint to info itself.
    const vscodeSeverity: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };
    const seen = new Set<string>();
    for (const line of findings) {
      const m = re.exec(line);
      assert.ok(m, `no match: ${line}`);
      const [, file, l, c, sev, code, message] = [m[0], m[matcher.pattern.file], m[matcher.pattern.line], m[matcher.pattern.column], m[matcher.pattern.severity], m[matcher.pattern.code], m[matcher.pattern.message]];
      assert.match(file!, /^test\/fixtures\/designs\/\d-[a-z-]+\.infra\.yaml$/);
      assert.ok(Number(l) > 0 && Number(c) > 0);
      assert.ok(vscodeSeverity[sev!], sev);
      assert.ok(line.endsWith(` ${code}: ${message}`));
      seen.add(sev!);
    }
    assert.deepEqual([...seen].sort(), ['error', 'hint', 'info', 'warning']);
    assert.equal(re.exec(lines.at(-1)!), null, 'the summary line is not a problem');
    const tasks = JSON.parse(read('docs/ci/tasks.json')) as { tasks: { problemMatcher: string; command: string }[] };
    assert.equal(tasks.tasks[0]!.problemMatcher, `$${matcher.name}`);
    assert.ok(pkg.bin[tasks.tasks[0]!.command]);
  });

  it('the README shows these files as they are', () => {
    const readme = read('README.md');
    for (const f of ['docs/ci/github-actions.yml', 'docs/ci/pre-commit-config.yaml', 'docs/ci/tasks.json']) {
      assert.ok(readme.includes(read(f).trimEnd()), `README.md includes ${f} verbatim`);
    }
  });
});
