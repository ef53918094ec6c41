// The shortcuts that keep completion and hover from reading a whole 10k design on every request
// (issue 13): the scan up for parent keys jumps to a top-level entry's key from the parsed tree,
// the node under the cursor is found by bisection, and a suppression comment is looked for on the
// cursor's line only. Each must answer exactly as the full scan it replaces, at every line of the
// examples, of designs written to trip the jump, and of the YAML test suite's inputs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, Node, Scalar, type Document } from 'yaml';
import { parseYaml } from '../../server/src/analysis/parse/yamlDocument';
import { cursorContext } from '../../server/src/analysis/services/cursor';
import { nodeAt, skipUpOf } from '../../server/src/analysis/services/locate';
import { skipThrough, textDelta } from '../../server/src/analysis/staleView';
import { parseSuppressions, suppressionAt } from '../../server/src/analysis/suppress';
import { y } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'test/fixtures/designs');
const SUITE = path.resolve(ROOT, '../shared/data/yaml-test-suite');

const read = (dir: string, ext: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

/** Designs whose lines at column 0 inside an entry, block scalars and compact lists could mislead a jump. */
const TRICKY = [
  y`
    infra: 1
    components:
      lb:
        kind: load-balancer
    # a comment at column 0 inside the components
        to: [web-1, web-2]

      web-1:
        kind: web-server
        notes: |
          a block scalar
           indented more
          - not a list
        to:
          - app

    # between two entries
      app:
        kind: app-server
    servers:
      host-1:
        ip: 10.0.0.1
    dns:
      www:
        A: 10.0.0.1
  `,
  'components:\r\n  web:\r\n    kind: web-server\r\n\r\n  app:\r\n    kind: app-server\r\n',
  'servers:\n- name: a\n- name: b\ncomponents:\n  web:\n    kind: web-server\n',
  'components:\n  web: {kind: web-server,\n    to: [a]}\n  app:\n    kind: app-server\n',
  'traffic:\n  qps: 10\ncomponents:\n\n  # first\n  web:\n    kind: web-server\n',
  'components:\n    deep:\n        kind: web-server\n        to: [x]\n    other:\n        kind: cache\n',
];

/** Every line start, every line end and the middle of every line: where a cursor can stand. */
function offsets(text: string): number[] {
  const out: number[] = [];
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push(start, (start + end) >> 1, end);
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/** `nodeAt` as it was: each map's and sequence's items scanned in order. */
function nodeAtByScan(doc: Document, offset: number): unknown {
  const within = (n: Node | null | undefined): boolean => !!n?.range && n.range[0] <= offset && offset <= n.range[1];
  const path: string[] = [];
  let node = doc.contents as Node | null;
  let inSeq = false;
  for (let depth = 0; node && depth < 64; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (within(p.key as Node) || within(p.value as Node)));
      if (!pair) return undefined;
      const key = pair.key as Node | null;
      const keyText = isScalar(key) ? String((key as Scalar).value) : '';
      if (within(key)) return { path: [...path, keyText], on: 'key', text: keyText, span: { start: key!.range![0], end: key!.range![1] }, inSeq: false };
      path.push(keyText);
      node = pair.value as Node | null;
      inSeq = false;
    } else if (isSeq(node)) {
      const item = node.items.find((i) => within(i as Node)) as Node | undefined;
      if (!item) return undefined;
      node = item;
      inSeq = true;
    } else if (isScalar(node)) {
      return { path, on: 'value', text: String((node as Scalar).value), span: { start: node.range![0], end: node.range![1] }, inSeq };
    } else {
      return nodeAt(doc, offset); // aliases and the rest: the shortcut does not change how they are read
    }
  }
  return undefined;
}

describe('request shortcuts answer as the full scans do', () => {
  const texts = [...read(EXAMPLES, '.infra.yaml'), ...TRICKY];

  it('the parents of a cursor, with the jump to a top-level key, at every line of the examples and tricky designs', () => {
    let jumped = 0;
    for (const text of texts) {
      const parsed = parseYaml(text);
      const skip = skipUpOf(parsed);
      const counting = skip && ((line: number, limit: number) => { const j = skip(line, limit); if (j !== undefined) jumped++; return j; });
      for (const o of offsets(text)) assert.deepEqual(cursorContext(text, o, counting), cursorContext(text, o), `at ${o} of ${JSON.stringify(text.slice(0, 40))}`);
    }
    assert.ok(jumped > 200, `the jump was taken ${jumped} times`);
  });

  it('the parents of a cursor in the YAML test suite\'s inputs (the jump only where the parse is plain)', function () {
    this.timeout(120_000);
    const files = read(SUITE, '.yaml');
    assert.ok(files.length > 300);
    for (const text of files) {
      const skip = skipUpOf(parseYaml(text));
      if (!skip) continue;
      for (const o of offsets(text)) assert.deepEqual(cursorContext(text, o, skip), cursorContext(text, o), `at ${o} of ${JSON.stringify(text.slice(0, 60))}`);
    }
  });

  it('the parents of a cursor in text edited since the tree was parsed (an older analysis, through its change)', function () {
    this.timeout(120_000);
    let jumped = 0;
    const edit = fc.record({
      text: fc.constantFrom(...texts),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.nat(12),
      insert: fc.constantFrom('', 'x', '\n', '\n  web-9:\n    kind: cache\n', '  ', '\n# note\n', 'a: 1\n', '- ', ':'),
    });
    fc.assert(fc.property(edit, ({ text, at, cut, insert }) => {
      const start = Math.floor(at * text.length);
      const next = text.slice(0, start) + insert + text.slice(start + cut);
      const skip = skipThrough(skipUpOf(parseYaml(text)), textDelta(text, next), next);
      const counting = skip && ((line: number, limit: number) => { const j = skip(line, limit); if (j !== undefined) jumped++; return j; });
      for (const o of offsets(next)) assert.deepEqual(cursorContext(next, o, counting), cursorContext(next, o), `at ${o}`);
    }), { numRuns: 400 });
    assert.ok(jumped > 1000, `the jump was taken ${jumped} times`);
  });

  it('the node under the cursor, by bisection, at every offset', function () {
    this.timeout(120_000);
    for (const text of [...texts, ...read(SUITE, '.yaml')]) {
      const { doc } = parseYaml(text);
      for (let o = 0; o <= text.length; o++) assert.deepEqual(nodeAt(doc, o), nodeAtByScan(doc, o), `at ${o} of ${JSON.stringify(text.slice(0, 60))}`);
    }
  });

  it('the suppression under the cursor, read from its line only', () => {
    const piece = fc.constantFrom('# infra-yaml-disable-next-line', '#\tinfra-yaml-disable-next-line no-https', ' shared-server', '\n', '\r\n', '#', ' ', 'a: 1', '## x ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
      const text = parts.join('');
      const all = parseSuppressions(text);
      for (let o = 0; o <= text.length; o++) {
        assert.deepEqual(suppressionAt(text, o), all.find((s) => s.span.start <= o && o <= s.span.end)?.span);
      }
    }), { numRuns: 2000 });
  });
});
