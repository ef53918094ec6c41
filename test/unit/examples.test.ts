// The reference designs: each file in test/fixtures/designs/ (a copy of
// ../shared/examples/) produces exactly the findings its `# expect:` lines name (CODE @ key path), apart from `allow:`
// lines which may or may not appear. A finding matches a key path when its
// start offset falls within the named key/value pair (as lspcheck.js does).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';

// Compiled to out/test/unit/, so the repository root is three levels up.
const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'test/fixtures/designs');
/** The designs a user opens: the same designs, introduced by a comment instead of test expectations. */
const USER_EXAMPLES = path.join(ROOT, 'examples');
const SHARED = path.resolve(ROOT, '../shared/examples');
const body = (text: string): string => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');

interface Expectation {
  readonly kind: 'expect' | 'allow';
  readonly code: string;
  readonly where: string;
}

function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*#?\s*(expect|allow):\s*(\S+)\s*@\s*(.+?)\s*$/.exec(line);
    if (m) out.push({ kind: m[1] as 'expect' | 'allow', code: m[2]!, where: m[3]! });
  }
  return out;
}

/** [start, end] of the pair at a /-separated key path, or undefined. */
function pairSpan(doc: YAML.Document, where: string): [number, number] | undefined {
  let node: unknown = doc.contents;
  let span: [number, number] | undefined;
  for (const part of where.split('/')) {
    if (!YAML.isMap(node)) return undefined;
    const pair = node.items.find((p) => YAML.isScalar(p.key) && String(p.key.value) === part);
    if (!pair || !YAML.isScalar(pair.key) || !pair.key.range) return undefined;
    const value = pair.value as YAML.Node | null;
    span = [pair.key.range[0], value?.range ? value.range[1] : pair.key.range[1]];
    node = YAML.isAlias(value) ? value.resolve(doc) : value;
  }
  return span;
}

/** The file's findings as `code @ path` strings: the deepest expectation path that holds each one, or its line. */
function check(file: string, expectFile = file): { missing: string[]; unexpected: string[]; count: number } {
  const text = fs.readFileSync(file, 'utf8');
  const exps = expectations(fs.readFileSync(expectFile, 'utf8'));
  const doc = YAML.parseDocument(text);
  const found = reportedFindings(analyzeText(text));
  const met = new Set<Expectation>();
  const unexpected: string[] = [];
  for (const f of found) {
    let ok = false;
    for (const e of exps) {
      if (e.code !== '*' && e.code !== f.code) continue;
      const span = e.where === '*' ? [0, text.length] : pairSpan(doc, e.where);
      if (span && f.span.start >= span[0]! && f.span.start <= span[1]!) { ok = true; if (e.kind === 'expect') met.add(e); }
    }
    if (!ok) unexpected.push(`${f.code} @ line ${text.slice(0, f.span.start).split('\n').length}: ${f.message}`);
  }
  const missing = exps.filter((e) => e.kind === 'expect' && !met.has(e)).map((e) => `${e.code} @ ${e.where}`);
  return { missing, unexpected, count: found.length };
}

describe('reference designs (test/fixtures/designs/*.infra.yaml)', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort();

  it('there are four reference designs', () => {
    assert.deepEqual(files, ['0-simple-web-stack.infra.yaml', '1-distributed.infra.yaml', '2-secured-monitored.infra.yaml', '3-scaled-up.infra.yaml']);
  });

  for (const name of files) {
    it(`${name} produces exactly its expected findings`, () => {
      const r = check(path.join(EXAMPLES, name));
      assert.deepEqual({ missing: r.missing, unexpected: r.unexpected }, { missing: [], unexpected: [] });
    });
  }

  it('3-scaled-up produces no finding at all', () => {
    assert.equal(check(path.join(EXAMPLES, '3-scaled-up.infra.yaml')).count, 0);
  });

  for (const name of files) {
    it(`the fixture ${name} is the shared reference design, byte for byte`, () => {
      assert.equal(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'), fs.readFileSync(path.join(SHARED, name), 'utf8'));
    });

    it(`examples/${name} reads as a design, not a test: no expectations, same design`, () => {
      const user = fs.readFileSync(path.join(USER_EXAMPLES, name), 'utf8');
      assert.deepEqual(expectations(user), []);
      assert.match(user, /^# \S/, 'starts with a comment saying what it teaches');
      assert.equal(body(user), body(fs.readFileSync(path.join(EXAMPLES, name), 'utf8')));
    });

    it(`examples/${name} produces the findings of its reference design`, () => {
      const r = check(path.join(USER_EXAMPLES, name), path.join(EXAMPLES, name));
      assert.deepEqual({ missing: r.missing, unexpected: r.unexpected }, { missing: [], unexpected: [] });
    });
  }

  it('examples/ holds exactly the four designs', () => {
    assert.deepEqual(fs.readdirSync(USER_EXAMPLES).sort(), files);
  });

  it('a key path matches the whole pair, nested paths included', () => {
    const doc = YAML.parseDocument('a:\n  b: 1\n  c: [x, y]\n');
    assert.deepEqual(pairSpan(doc, 'a/c'), [12, 21]);
    assert.equal(pairSpan(doc, 'a/z'), undefined);
  });
});
