// The command-line checker: formats, exit codes, rule settings, inputs, SARIF.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from 'sarif';
import { artifactUri, checkFile, CliIo, main, toSarif, toText } from '../../server/src/cli';
import { sarifErrors } from './sarifSchema';

const ROOT = path.resolve(__dirname, '../../..');
const example = (f: string): string => path.join(ROOT, 'test/fixtures/designs', f);
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[], io: Partial<CliIo> = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { cwd: ROOT, readStdin: () => { throw new Error('no stdin in this test'); }, ...io, out: (s) => { out += s + '\n'; }, err: (s) => { err += s + '\n'; } });
  return { code, out, err };
}

describe('infra-yaml-check', () => {
  it('prints file:line:col findings and fails on errors', () => {
    const { code, out, err } = run([example('0-simple-web-stack.infra.yaml')]);
    assert.equal(code, 1, 'database-exposed is an error');
    assert.match(out, /^test\/fixtures\/designs\/0-simple-web-stack\.infra\.yaml:36:3: error database-exposed: mysql can be reached/m);
    assert.match(out, /1 file: 1 error, 7 warnings, 1 information, 0 hints/);
    assert.equal(err, '');
  });

  it('passes a clean design, and honours --fail-on', () => {
    assert.equal(run([example('3-scaled-up.infra.yaml')]).code, 0);
    assert.equal(run(['--fail-on', 'warning', example('2-secured-monitored.infra.yaml')]).code, 1);
    assert.equal(run([example('2-secured-monitored.infra.yaml')]).code, 0, 'warnings only');
    assert.equal(run(['--fail-on', 'never', example('0-simple-web-stack.infra.yaml')]).code, 0);
  });

  it('applies --rule severities', () => {
    const { code, out } = run(['--rule', 'database-exposed=off', '--rule', 'missing-monitoring=error', example('0-simple-web-stack.infra.yaml')]);
    assert.equal(code, 1);
    assert.ok(!out.includes('database-exposed'));
    assert.match(out, /error missing-monitoring/);
  });

  it('writes SARIF 2.1.0 with rules, levels, regions and related locations', () => {
    const { out } = run(['--format', 'sarif', example('1-distributed.infra.yaml')]);
    const log = JSON.parse(out) as Log;
    assert.equal(log.version, '2.1.0');
    const sarifRun = log.runs[0]!;
    assert.equal(sarifRun.tool.driver.rules!.length, 25); // the spec's 23, tls-terminated-at-cdn and capacity-during-maintenance
    const spof = sarifRun.results!.find((r) => r.ruleId === 'single-point-of-failure' && r.message.text!.startsWith('If db-primary fails'))!;
    assert.equal(spof.level, 'warning');
    assert.equal(sarifRun.tool.driver.rules![spof.ruleIndex!]!.id, 'single-point-of-failure');
    assert.equal(spof.locations![0]!.physicalLocation!.region!.startLine, 52);
    assert.ok(spof.relatedLocations!.length >= 1 && spof.relatedLocations![0]!.physicalLocation!.region!.startLine! > 0);
  });

  it('SARIF passes the official 2.1.0 schema, for every reference design, with and without --docs-base', () => {
    for (const extra of [[], ['--docs-base', 'https://example.com/infra-yaml/docs/rules/']]) {
      const log = JSON.parse(run(['--format', 'sarif', ...extra, 'test/fixtures/designs']).out) as Log;
      assert.deepEqual(sarifErrors(log), []);
      assert.equal(log.runs[0]!.results!.length > 20, true);
    }
  });

  it('SARIF rules carry the version, the rule page, and helpUri only for an absolute base', () => {
    const plain = (JSON.parse(run(['--format', 'sarif', example('3-scaled-up.infra.yaml')]).out) as Log).runs[0]!.tool.driver;
    assert.equal(plain.version, VERSION);
    for (const rule of plain.rules!) {
      const page = fs.readFileSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8');
      assert.equal(rule.help!.markdown, page);
      assert.ok(rule.fullDescription!.text.length > 30, `${rule.id}: ${rule.fullDescription!.text}`);
      assert.equal(rule.helpUri, undefined);
    }
    const noHttps = plain.rules!.find((r) => r.id === 'no-https')!;
    assert.match(noHttps.fullDescription!.text, /^An entry point of a service that serves plain HTTP only\./);
    const based = (JSON.parse(run(['--format', 'sarif', '--docs-base', 'https://example.com/rules/', example('3-scaled-up.infra.yaml')]).out) as Log).runs[0]!.tool.driver;
    assert.equal(based.rules!.find((r) => r.id === 'no-https')!.helpUri, 'https://example.com/rules/no-https.md');
    const rel = run(['--format', 'sarif', '--docs-base', 'docs/rules', example('3-scaled-up.infra.yaml')]);
    assert.equal(rel.code, 2);
    assert.equal(rel.out, '');
    assert.match(rel.err, /bad --docs-base 'docs\/rules': give an absolute URL/);
  });

  it('takes directories and glob patterns', () => {
    const dir = run(['--format', 'json', 'test/fixtures/designs']);
    assert.deepEqual((JSON.parse(dir.out) as { file: string }[]).map((f) => f.file), [
      'test/fixtures/designs/0-simple-web-stack.infra.yaml', 'test/fixtures/designs/1-distributed.infra.yaml', 'test/fixtures/designs/2-secured-monitored.infra.yaml', 'test/fixtures/designs/3-scaled-up.infra.yaml',
    ]);
    const glob = run(['--format', 'json', 'test/fixtures/designs/*-s*.infra.yaml']);
    assert.deepEqual((JSON.parse(glob.out) as { file: string }[]).map((f) => f.file), ['test/fixtures/designs/0-simple-web-stack.infra.yaml', 'test/fixtures/designs/2-secured-monitored.infra.yaml', 'test/fixtures/designs/3-scaled-up.infra.yaml']);
    const none = run(['test/fixtures/designs/*.nothing']);
    assert.equal(none.code, 2);
    assert.match(none.err, /cannot read test\/fixtures\/designs\/\*\.nothing: no file matches this pattern/);
  });

  it('reads - from stdin, reported as --stdin-filename', () => {
    const text = fs.readFileSync(example('0-simple-web-stack.infra.yaml'), 'utf8');
    const r = run(['--stdin-filename', 'site/web.infra.yaml', '-'], { readStdin: () => text });
    assert.equal(r.code, 1);
    assert.match(r.out, /^site\/web\.infra\.yaml:36:3: error database-exposed:/m);
    assert.match(run(['-'], { readStdin: () => text }).out, /^<stdin>:36:3: error database-exposed/m);
  });

  it('reports an unreadable file on stderr and still checks the others (exit 2)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-cli-'));
    try {
      fs.mkdirSync(path.join(tmp, 'a.infra.yaml'));
      const r = run(['--format', 'sarif', path.join(tmp, 'missing.infra.yaml'), path.join(tmp, 'a.infra.yaml'), example('0-simple-web-stack.infra.yaml')]);
      assert.equal(r.code, 2);
      assert.match(r.err, /cannot read .*missing\.infra\.yaml: no such file/);
      const log = JSON.parse(r.out) as Log;
      assert.deepEqual(sarifErrors(log), []);
      assert.ok(log.runs[0]!.results!.some((x) => x.ruleId === 'database-exposed'), 'the readable file is still checked');
      assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, false);
      assert.deepEqual(log.runs[0]!.invocations![0]!.toolExecutionNotifications!.map((n) => (n.message.text ?? '').replace(tmp, 'TMP')), [
        'cannot read TMP/missing.infra.yaml: no such file', 'cannot read TMP/a.infra.yaml: no *.infra.yaml file in this directory',
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('writes JSON, prints --version, and rejects bad arguments on stderr with usage (exit 2)', () => {
    const json = JSON.parse(run(['--format', 'json', example('3-scaled-up.infra.yaml')]).out) as { file: string; findings: unknown[] }[];
    assert.deepEqual(json.map((f) => f.findings.length), [0]);
    assert.deepEqual(run(['--version']), { code: 0, out: VERSION + '\n', err: '' });
    for (const args of [['--format', 'xml', example('3-scaled-up.infra.yaml')], ['--rule', 'nope=error', example('3-scaled-up.infra.yaml')], [], ['--bogus', 'x']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '', 'nothing on stdout: a redirected report stays clean');
      assert.match(r.err, /usage: infra-yaml-check/);
    }
    assert.equal(run(['/nonexistent.infra.yaml']).code, 2);
  });
});

describe('infra-yaml-check: untrusted strings', () => {
  it('shows control characters in text output as escapes: no terminal escapes, no forged lines', () => {
    const text = 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n    to: "x\\u001b]0;pwned\\u0007\\u001b[2J\\r\\nevil.infra.yaml:1:1: error yaml-syntax: forged"\n';
    const out = toText([checkFile('a\nb.infra.yaml', text, {})]);
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f]/);
    const lines = out.split('\n');
    assert.ok(lines.every((l) => /^a\\nb\.infra\.yaml:\d+:\d+: \w+ [a-z-]+: /.test(l) || /^\d+ files?: /.test(l)), out);
    assert.match(out, /\\u001b\]0;pwned\\u0007\\u001b\[2J\\r\\nevil/);
  });

  it('percent-encodes SARIF artifact URIs', () => {
    const sarif = toSarif([checkFile('designs/my design #1 %41.infra.yaml', 'infra: 1\ncomponents:\n  web: {kind: web-server, to: nope}\n', {})]);
    const uri = sarif.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri!;
    assert.equal(uri, 'designs/my%20design%20%231%20%2541.infra.yaml');
    assert.equal(decodeURIComponent(uri), 'designs/my design #1 %41.infra.yaml');
    assert.equal(artifactUri('/tmp/a b.infra.yaml'), 'file:///tmp/a%20b.infra.yaml');
  });
});
