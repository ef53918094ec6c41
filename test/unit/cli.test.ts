// The command-line checker: formats, exit codes, rule settings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Log } from 'sarif';
import { artifactUri, checkFile, main, toSarif, toText } from '../../server/src/cli';

const ROOT = path.resolve(__dirname, '../../..');
const example = (f: string): string => path.join(ROOT, 'test/fixtures/designs', f);

function run(...args: string[]): { code: number; out: string } {
  let out = '';
  const code = main(args, (s) => { out += s + '\n'; });
  return { code, out };
}

describe('infra-yaml-check', () => {
  it('prints file:line:col findings and fails on errors', () => {
    const { code, out } = run(example('0-simple-web-stack.infra.yaml'));
    assert.equal(code, 1, 'database-exposed is an error');
    assert.match(out, /0-simple-web-stack\.infra\.yaml:36:3: error database-exposed: mysql can be reached/);
    assert.match(out, /1 file: 1 errors, 7 warnings, 1 information, 0 hints/);
  });

  it('passes a clean design, and honours --fail-on', () => {
    assert.equal(run(example('3-scaled-up.infra.yaml')).code, 0);
    assert.equal(run('--fail-on', 'warning', example('2-secured-monitored.infra.yaml')).code, 1);
    assert.equal(run(example('2-secured-monitored.infra.yaml')).code, 0, 'warnings only');
    assert.equal(run('--fail-on', 'never', example('0-simple-web-stack.infra.yaml')).code, 0);
  });

  it('applies --rule severities', () => {
    const { code, out } = run('--rule', 'database-exposed=off', '--rule', 'missing-monitoring=error', example('0-simple-web-stack.infra.yaml'));
    assert.equal(code, 1);
    assert.ok(!out.includes('database-exposed'));
    assert.match(out, /error missing-monitoring/);
  });

  it('writes SARIF 2.1.0 with rules, levels, regions and related locations', () => {
    const { out } = run('--format', 'sarif', example('1-distributed.infra.yaml'));
    const log = JSON.parse(out) as Log;
    assert.equal(log.version, '2.1.0');
    const sarifRun = log.runs[0]!;
    assert.equal(sarifRun.tool.driver.rules!.length, 23);
    const spof = sarifRun.results!.find((r) => r.ruleId === 'single-point-of-failure' && r.message.text!.startsWith('If db-primary fails'))!;
    assert.equal(spof.level, 'warning');
    assert.equal(sarifRun.tool.driver.rules![spof.ruleIndex!]!.id, 'single-point-of-failure');
    assert.equal(spof.locations![0]!.physicalLocation!.region!.startLine, 52);
    assert.ok(spof.relatedLocations!.length >= 1 && spof.relatedLocations![0]!.physicalLocation!.region!.startLine! > 0);
  });

  it('writes JSON, and rejects bad arguments with usage', () => {
    const json = JSON.parse(run('--format', 'json', example('3-scaled-up.infra.yaml')).out) as { file: string; findings: unknown[] }[];
    assert.deepEqual(json.map((f) => f.findings.length), [0]);
    assert.equal(run('--format', 'xml', example('3-scaled-up.infra.yaml')).code, 2);
    assert.equal(run('--rule', 'nope=error', example('3-scaled-up.infra.yaml')).code, 2);
    assert.equal(run().code, 2);
    assert.equal(run('/nonexistent.infra.yaml').code, 2);
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
