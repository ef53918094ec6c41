// The whole-file parse built from slices (server/src/analysis/parse/sliced.ts) must give the
// tree `parseDocument` gives — values, ranges, comments, blank lines, the line table — or
// decline (`undefined`) so that the caller parses the whole text. Checked with tiny slices
// (a cut at every place one may be made) over generated designs, the examples, the YAML test
// suite and thousands of random edits of designs; and cases that pin the path taken, so that
// an implementation that always declines fails them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Document, LineCounter, parseDocument } from 'yaml';
import { cutsOf, parseSliced, sliceCounts } from '../../server/src/analysis/parse/sliced';
import { PARSE_OPTIONS, parseYaml } from '../../server/src/analysis/parse/yamlDocument';
import { shape } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'test/fixtures/designs');
const SUITE = path.resolve(ROOT, '../shared/data/yaml-test-suite');

function docShape(d: Document): unknown {
  return { contents: shape(d.contents), range: d.range, comment: d.comment ?? null, commentBefore: d.commentBefore ?? null, errors: d.errors.length, warnings: d.warnings.length };
}

/** Parses `text` in slices of `size`; asserts the tree is `parseDocument`'s when it did not decline. */
function check(text: string, size: number): boolean {
  const sliced = parseSliced(text, PARSE_OPTIONS, { sliceSize: size });
  if (!sliced) return false;
  assert.deepEqual(docShape(sliced), docShape(parseDocument(text, PARSE_OPTIONS)));
  return true;
}

/** A design like scripts/gen-design.mjs's, with comments, blank lines and flow values inside entries. */
function generated(services: number, eol = '\n'): string {
  const out = ['# A generated design', 'infra: 1', 'name: Generated', 'domain: example.com', '', 'traffic:', '  qps: 400', '  reads: 0.9', '', 'dns:'];
  for (let s = 0; s < services; s++) out.push(`  svc${s}:`, `    A: lb-${s}`);
  out.push('', 'servers:');
  for (let s = 0; s < services; s++) out.push(`  host-${s}:`, `    ip: 10.0.1.${s + 1}  # rack ${s}`, `    zone: zone-${s % 2 ? 'a' : 'b'}`, '    firewall: true');
  out.push('', 'components:');
  for (let s = 0; s < services; s++) {
    out.push(`  lb-${s}:`, '    kind: load-balancer', '    software: haproxy', `    ip: 203.0.113.${s + 1}`, '    tls: reencrypt',
      `    certificate: "*.example.com"`, '    firewall: [allow 443/tcp from any]', `    to: [web-${s}, app-${s}]`);
    if (s % 3 === 0) out.push('');
    out.push(`  web-${s}:`, '    kind: web-server', '    # the front', '    software: nginx', `    on: host-${s}`, '    tls: true', `    to:`, `      - app-${s}`);
    out.push(`  app-${s}:`, '    kind: app-server', '    replicas: 2', `    on: host-${s}`, `    notes: |`, `      line one`, `      line two`, `    to: [db]`, '    capacity: 300');
  }
  out.push('  db:', '    kind: database', '    role: primary', '    ip: 10.0.2.1', '    monitoring: prometheus', '# the end');
  return out.join(eol) + eol;
}

const examples = (): string[] => fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort().map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));

describe('Sliced whole-file parse', () => {
  it('cuts a generated design only before entry keys that follow content, about a slice apart', () => {
    const text = generated(20);
    const cuts = cutsOf(text, 1);
    assert.ok(cuts.length > 40, `${cuts.length} cuts`);
    for (const c of cuts) {
      const before = text.slice(text.lastIndexOf('\n', c.at - 2) + 1, c.at);
      assert.match(text.slice(c.at), /^ {2}[a-z]/);
      assert.match(before, /^ {4,}[^ #\n]/, JSON.stringify(before));
    }
    const spaced = cutsOf(text, 400);
    for (let i = 1; i < spaced.length; i++) assert.ok(spaced[i]!.at - spaced[i - 1]!.at >= 400);
  });

  it('gives parseDocument\'s tree for generated designs at every slice size, LF and CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = generated(12, eol);
      for (const size of [1, 50, 200, 1000, 4000]) assert.ok(check(text, size), `declined: size ${size}`);
    }
  });

  it('gives parseDocument\'s tree for every example, or declines', () => {
    let sliced = 0;
    for (const text of examples()) for (const size of [1, 300]) if (check(text, size)) sliced++;
    assert.ok(sliced > 0, 'no example was sliced');
  });

  it('gives parseDocument\'s tree for the YAML test suite inputs, or declines', () => {
    const files = fs.readdirSync(SUITE).filter((f) => f.endsWith('.yaml')).sort();
    assert.ok(files.length > 300);
    for (const f of files) check(fs.readFileSync(path.join(SUITE, f), 'utf8'), 1);
  });

  it('gives parseDocument\'s tree after thousands of random edits of a design, or declines', function () {
    this.timeout(600_000);
    const base = generated(6);
    const insert = fc.oneof(
      fc.constantFrom('a', ' ', '  ', ':', ': ', '-', '- ', '#', '# c', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '|', '|+', '>', '!', '%', '\t', '?', '<<: ', '---', '...', '😀', '\ud83d'),
      fc.constantFrom('\n', '\r\n', '\n  ', '\n    ', '\n\n', '\n  # note\n', '\n    x: [a,\n  b]', '\n  key: "a\n  b"', '\n  k: plain\n  cont'),
      fc.string({ maxLength: 5 }),
    );
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.integer({ min: 0, max: 12 }), insert });
    let sliced = 0;
    let clean = 0;
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 40, 300), (edits, size) => {
      let text = base;
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.del);
      }
      if (check(text, size)) sliced++;
      const whole = parseDocument(text, PARSE_OPTIONS);
      if (!whole.errors.length && !whole.warnings.length && !/[&*\t]|<<|(^|\n)(---|\.\.\.|%)/.test(text)) clean++;
    }), { numRuns: 3000, seed: 13 });
    // Most edits that keep the design valid and plain keep it sliceable: a parse that always declines fails here.
    assert.ok(sliced > clean * 0.8, `${sliced} sliced of ${clean} plain`);
  });

  it('parseYaml takes the sliced path for a large plain design and gives parseDocument\'s line table', () => {
    const text = generated(200);
    const before = sliceCounts.sliced;
    const p = parseYaml(text, 4096);
    assert.equal(sliceCounts.sliced, before + 1);
    assert.ok(p.plain);
    assert.deepEqual(p.errors, []);
    const lc = new LineCounter();
    const whole = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lc });
    assert.deepEqual(p.lineCounter.lineStarts, lc.lineStarts);
    assert.deepEqual(docShape(p.doc), docShape(whole));
  });

  it('declines across anchors, markers and tabs, and parseYaml then parses the whole text', () => {
    const text = generated(40);
    for (const bad of [text.replace('    software: nginx', '    software: &sw nginx').replace(/software: nginx$/m, 'software: *sw'), '%YAML 1.2\n---\n' + text, text.replace('kind: database', 'kind:\tdatabase'), text + '---\nx: 1\n']) {
      assert.equal(parseSliced(bad, PARSE_OPTIONS, { sliceSize: 200 }), undefined);
      const before = sliceCounts.sliced;
      const p = parseYaml(bad, 200);
      assert.equal(sliceCounts.sliced, before);
      assert.deepEqual(docShape(p.doc), docShape(parseDocument(bad, PARSE_OPTIONS)));
    }
  });
});
