// A key typed without its colon yet, above another key at the same column: the `yaml` library reads
// both lines as one key (`ca app-1`), so the entry below would vanish while a person types. The parse
// splits such a run back into its lines (server/src/analysis/parse/runOnKeys.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, Pair, parseDocument, Scalar, visit } from 'yaml';
import { analyzeText } from '../../server/src/analysis/analyze';
import { PARSE_OPTIONS, parseYaml } from '../../server/src/analysis/parse/yamlDocument';

const SUITE = path.resolve(__dirname, '../../../../shared/data/yaml-test-suite');

const DESIGN = [
  'name: shop',
  'domain: shop.example',
  'dns:',
  '  www:',
  '    A: [lb-1]',
  'components:',
  '  lb-1:',
  '    kind: load-balancer',
  '    to: [app-1]',
  '  ca',
  '  app-1:',
  '    kind: app-server',
  '',
].join('\n');

/** The keys of a map at `path` (top-level key, then nested keys), as written. */
function keysOf(text: string, ...at: string[]): string[] {
  let node: unknown = parseYaml(text).doc.contents;
  for (const k of at) node = isMap(node) ? ((node.items as Pair[]).find((p) => (p.key as Scalar).value === k)?.value) : undefined;
  assert.ok(isMap(node), `a map at ${at.join('.')}`);
  return (node.items as Pair[]).map((p) => String((p.key as Scalar).value));
}

describe('keys typed without their colon (run-on keys)', () => {
  it('keeps the entry below a name being typed: one error at the name, every reference still resolving', () => {
    const a = analyzeText(DESIGN);
    assert.deepStrictEqual(a.design.components.map((c) => c.name), ['lb-1', 'ca', 'app-1']);
    const at = DESIGN.indexOf('  ca\n') + 2;
    assert.deepStrictEqual(a.parsed.errors, [{ message: 'Implicit map keys need to be followed by map values', span: { start: at, end: at + 2 } }]);
    const codes = a.findings().map((f) => f.code);
    assert.ok(!codes.includes('unknown-reference'), codes.join(', '));
    assert.equal(a.topology.components.get('app-1')?.kind?.value, 'app-server');
    assert.equal(a.topology.targets(a.topology.components.get('lb-1')!)[0]?.component.name, 'app-1');
  });

  it('gives a longer name what the library gives a one-character one', () => {
    const one = parseYaml(DESIGN.replace('  ca\n', '  c\n'));
    const two = parseYaml(DESIGN);
    const shape = (p: ReturnType<typeof parseYaml>): unknown[] => {
      const out: unknown[] = [];
      visit(p.doc, { Pair: (_k, pair) => { const k = pair.key as Scalar; out.push([k.range?.[0], pair.value === null ? null : typeof pair.value]); } });
      return out;
    };
    const shift = (xs: unknown[]): unknown[] => xs.map((x) => { const [s, v] = x as [number, unknown]; return [s > DESIGN.indexOf('  ca') + 2 ? s - 1 : s, v]; });
    assert.deepStrictEqual(shift(shape(two)), shape(one));
    assert.deepStrictEqual(two.errors.map((e) => e.message), one.errors.map((e) => e.message));
  });

  it('splits a run of several lines, inside an entry too, and keeps blank lines, comments and CRLF where they were', () => {
    const text = 'components:\n  a:\n    sof\n    kind: cache\n\n  # the next one\n  x\n  yy\n  b:\n    kind: cache\n';
    assert.deepStrictEqual(keysOf(text, 'components'), ['a', 'x', 'yy', 'b']);
    assert.deepStrictEqual(keysOf(text, 'components', 'a'), ['sof', 'kind']);
    const p = parseYaml(text);
    assert.deepStrictEqual(p.errors.map((e) => text.slice(e.span.start, e.span.end)), ['sof', 'x', 'yy']);
    const x = ((p.doc.contents as { items: Pair[] }).items[0]!.value as { items: Pair[] }).items[1]!.key as Scalar;
    assert.equal(x.commentBefore, ' the next one');
    assert.equal(x.spaceBefore, true);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepStrictEqual(keysOf(crlf, 'components'), ['a', 'x', 'yy', 'b']);
    assert.deepStrictEqual(parseYaml(crlf).errors.map((e) => crlf.slice(e.span.start, e.span.end)), ['sof', 'x', 'yy']);
  });

  it('resolves each split-off key as the library resolves a key of its own (numbers, null)', () => {
    const text = 'components:\n  12\n  ~\n  b:\n    kind: cache\n';
    const keys = (parseYaml(text).doc.contents as { items: Pair[] }).items[0]!.value as { items: Pair[] };
    assert.deepStrictEqual(keys.items.map((p) => (p.key as Scalar).value), [12, null, 'b']);
  });

  it('leaves what is not a run of keys at one column as the library reads it', () => {
    for (const text of [
      'a:\n  ca\n    b: 1\n', // the next line is deeper: a value of `ca`, or a scalar over two lines
      'a:\n  ca\n\n  b: 1\n', // a blank line in between: the scalar folds it
      'a: [x\n  y: 1]\n', // a flow collection
      'a:\n  &k ca\n  b: 1\n', // an anchor on the key
    ]) {
      const plain = parseYaml(text);
      assert.ok(!plain.errors.some((e) => e.message === 'Implicit map keys need to be followed by map values' && text.slice(e.span.start, e.span.end) === 'ca'), JSON.stringify(text));
    }
    assert.deepStrictEqual(keysOf('a:\n  ca\n    b: 1\n', 'a'), ['ca b']);
  });

  it('parses every input of the YAML test suite without throwing, changing nothing where the library reported no run-on key', () => {
    let inputs = 0;
    for (const name of fs.readdirSync(SUITE).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(SUITE, name), 'utf8');
      const p = parseYaml(text);
      inputs++;
      const library = parseDocument(text, PARSE_OPTIONS).errors;
      const runOn = library.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').length;
      // Nothing changes without a run-on key; a key split off has its error at its own text, a single line.
      if (runOn === 0) assert.equal(p.errors.length, library.length, name);
      const added = p.errors.filter((e) => !library.some((l) => l.pos[0] === e.span.start));
      for (const e of added) assert.ok(!text.slice(e.span.start, e.span.end).includes('\n'), name);
    }
    assert.ok(inputs > 300, `${inputs} inputs`);
  });
});
