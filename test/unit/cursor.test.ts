// Where the cursor stands (server/src/analysis/services/cursor.ts), read from the lines around it:
// parent keys, the word being typed, list siblings, keys already present. Edge cases of walking a
// text line by line: blank lines at the start, CRLF, the first and last line, deep and long files.
import * as assert from 'node:assert/strict';
import { cursorContext, siblingKeys } from '../../server/src/analysis/services/cursor';

/** The text with `|` removed, and the offset where it stood. */
function at(marked: string): [string, number] {
  const i = marked.indexOf('|');
  return [marked.slice(0, i) + marked.slice(i + 1), i];
}

describe('cursor context', () => {
  it('reads the parent keys of a key being typed, after blank lines at the start of the file', () => {
    const c = cursorContext(...at('\n\ninfra: 1\ncomponents:\n  web:\n    kind: web-server\n    ki|\n'));
    assert.deepEqual([c.path, c.at, c.prefix, c.indent], [['components', 'web'], 'key', 'ki', 4]);
  });

  it('finds the keys below a blank first line when the cursor is on it, at offset 0', () => {
    const [text, offset] = at('|\ninfra: 1\ncomponents: {}\n');
    assert.deepEqual([...siblingKeys(text, offset, 0)].sort(), ['components', 'infra']);
    assert.deepEqual([...siblingKeys(...at('\n|\ninfra: 1\n'), 0)], ['infra']);
  });

  it('reads a value being typed with CRLF line ends (a key line ends with its colon before the CR)', () => {
    const c = cursorContext(...at('components:\r\n  web:\r\n    # a note\r\n\r\n    kind: we|\r\n'));
    assert.deepEqual([c.path, c.at, c.prefix, c.glued], [['components', 'web', 'kind'], 'value', 'we', false]);
    const [text, offset] = at('components:\r\n  web:\r\n    kind: web-server\r\n    |\r\n    to: [app]\r\n');
    assert.deepEqual([...siblingKeys(text, offset, 4)].sort(), ['kind', 'to']);
    const list = cursorContext(...at('to:\r\n  - web-1\r\n  - |'));
    assert.deepEqual(list.siblings, ['web-1']);
  });

  it('reads a flow list and a block list with their siblings', () => {
    const flow = cursorContext(...at('components:\n  lb:\n    to: [web-1, we|'));
    assert.deepEqual([flow.path, flow.inList, flow.siblings, flow.prefix], [['components', 'lb', 'to'], true, ['web-1'], 'we']);
    const block = cursorContext(...at('components:\n  lb:\n    to:\n      - web-1\n      - web-2\n      - ap|'));
    assert.deepEqual([block.path, block.inList, block.siblings, block.prefix], [['components', 'lb', 'to'], true, ['web-2', 'web-1'], 'ap']);
  });

  it('is at the top level on the first line, and on a line after a newline at offset 0', () => {
    assert.deepEqual(cursorContext(...at('inf|')).path, []);
    const c = cursorContext(...at('\n  x|'));
    assert.deepEqual([c.path, c.indent], [[], 2]);
  });

  it('finds the top-level key of an entry far down a long map', () => {
    const lines = ['components:'];
    for (let i = 0; i < 20_000; i++) lines.push(`  c-${i}:`, '    kind: cache', '    to: [x]');
    const c = cursorContext(...at(lines.join('\n') + '\n  c-last:\n    softw|'));
    assert.deepEqual([c.path, c.prefix], [['components', 'c-last'], 'softw']);
  });
});

describe('sibling keys', () => {
  it('lists the keys of the mapping around the cursor, above and below, not those of nested values', () => {
    const [text, offset] = at('components:\n  web:\n    kind: web-server\n    cluster:\n      mode: active-active\n    |\n    to: [app]\n  app:\n    kind: app-server\n');
    assert.deepEqual([...siblingKeys(text, offset, 4)].sort(), ['cluster', 'kind', 'to']);
  });

  it('stops at a list item of its own indentation (its first key is one of them), on the first and the last line', () => {
    const [text, offset] = at('items:\n  - a: 1\n    b: 2\n    |\n  - c: 3');
    assert.deepEqual([...siblingKeys(text, offset, 4)].sort(), ['a', 'b']);
    assert.deepEqual([...siblingKeys('kind: x', 0, 0)], []);
    const [last, o2] = at('infra: 1\nname: x\n|');
    assert.deepEqual([...siblingKeys(last, o2, 0)].sort(), ['infra', 'name']);
  });
});
