// Issue 12's audit: no spread of a list of user-controlled length into a call
// (`push(...xs)`, `Math.max(...xs)` throw RangeError past ~120,000 items) and no
// list rebuilt per item (`[...(m.get(k) ?? []), v]`, quadratic), anywhere in the
// core, the shared layout or the webview; and the two helpers that replace them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addTo } from '../../common/addTo';
import { outermostFirst } from '../../common/layout/frameOrder';
import type { DiagramGroup } from '../../common/webviewProtocol';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe('no unbounded spreads (issue 12)', () => {
  const PATTERNS: [string, RegExp][] = [
    ['a spread into a call', /\b(?:push|unshift|max|min|fromCharCode|fromCodePoint)\(\s*\.\.\./],
    ['a spread through apply', /\.apply\((?:null|undefined|Math|String),/],
    ['a list rebuilt per item', /\[\.\.\.\([^()]*\.get\([^()]*\) \?\? \[\]\), /],
  ];
  it('in server/src, common and webview/src', () => {
    const found: string[] = [];
    for (const file of [...sources('server/src'), ...sources('common'), ...sources('webview/src')]) {
      fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments may name the patterns
        for (const [what, re] of PATTERNS) if (re.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });

  it('addTo keeps one list per key, in order, for 200,000 items under one key', () => {
    const m = new Map<string, number[]>();
    for (let i = 0; i < 200_000; i++) addTo(m, i % 2 ? 'odd' : 'even', i);
    assert.equal(m.get('even')!.length, 100_000);
    assert.deepEqual(m.get('odd')!.slice(0, 3), [1, 3, 5]);
  });

  it('frames come outermost first, for 50,000 frames and for a parent chain that loops', () => {
    const g = (id: string, parent?: string): DiagramGroup => ({ id, kind: 'server', label: id, ...(parent ? { parent } : {}) }) as DiagramGroup;
    const many = [...Array.from({ length: 50_000 }, (_, i) => g(`server:s${i}`, 'zone:z')), g('zone:z')];
    assert.equal(outermostFirst(many)[0]!.id, 'zone:z');
    const loop = outermostFirst([g('a', 'b'), g('b', 'a'), g('c', 'a'), g('top')]);
    assert.equal(loop[0]!.id, 'top');
    assert.equal(loop.length, 4);
  });
});
