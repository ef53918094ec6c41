// An edit's diagram is posted as what changed since the last one: applied to
// the previous model it gives exactly the new one, a new shape goes whole, and
// changes that do not fit the page's model are refused (the page then asks
// for the whole).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChanges, DiagramChanges, diagramChanges, DiagramPoster } from '../../common/diagramChanges';
import type { DiagramModel } from '../../common/webviewProtocol';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';

const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/designs/1-distributed.infra.yaml'), 'utf8');
const diagramOf = (t: string): DiagramModel => buildDiagram(analyzeText(t));
const softwareEdit = text.replace(/(\n {2}web-1:\n {4}kind: web-server\n {4}software: )nginx/, '$1caddy');

describe('diagram changes', () => {
  it('a one-value edit is the one card it changes, and applied gives the new model exactly', () => {
    assert.notEqual(softwareEdit, text);
    const [a, b] = [diagramOf(text), diagramOf(softwareEdit)];
    const c = diagramChanges(a, b, 7)!;
    assert.ok(c, 'the same shape goes as changes');
    assert.equal(c.base, 7);
    assert.deepEqual(c.nodes.map(([, n]) => n.id), ['c:web-1']);
    assert.deepEqual([c.groups.length, c.edges.length], [0, 0]);
    const applied = applyChanges(a, c)!;
    assert.deepEqual(applied, b);
    assert.equal(applied.nodes.find((n) => n.id === 'c:web-2'), a.nodes.find((n) => n.id === 'c:web-2'), 'an unchanged card is the same object');
    assert.ok(JSON.stringify(c).length < JSON.stringify(b).length / 5, 'the changes are a fraction of the model');
  });

  it('an edit that moves every line after it changes those ranges, and still applies exactly', () => {
    const moved = text.replace(/\n {2}web-1:\n/, '\n  # a comment line\n  web-1:\n');
    const [a, b] = [diagramOf(text), diagramOf(moved)];
    const c = diagramChanges(a, b, 1)!;
    assert.ok(c.nodes.length > 1, `the cards after the new line moved (${c.nodes.length})`);
    assert.deepEqual(applyChanges(a, c), b);
  });

  it('a new component is another shape: the model goes whole', () => {
    const added = `${text.trimEnd()}\n  cache-1:\n    kind: cache\n    software: redis\n    on: server-2\n`;
    assert.equal(diagramChanges(diagramOf(text), diagramOf(added), 1), undefined);
    const poster = new DiagramPoster();
    const first = poster.message('file:///a.infra.yaml', diagramOf(text));
    assert.equal(first.type, 'diagram', 'the first diagram goes whole');
    const second = poster.message('file:///a.infra.yaml', diagramOf(softwareEdit));
    assert.equal(second.type, 'diagramChanges');
    assert.equal(second.type === 'diagramChanges' && second.changes.base, first.version, 'changes name the version they are based on');
    assert.equal(poster.message('file:///a.infra.yaml', diagramOf(added)).type, 'diagram', 'a new shape goes whole');
    assert.equal(poster.message('file:///b.infra.yaml', diagramOf(added)).type, 'diagram', 'another document goes whole');
    poster.reset();
    assert.equal(poster.message('file:///b.infra.yaml', diagramOf(added)).type, 'diagram', 'after a reset (the page restarted) the next goes whole');
  });

  it('refuses changes that do not fit the model it has', () => {
    const [a, b] = [diagramOf(text), diagramOf(softwareEdit)];
    const c = diagramChanges(a, b, 1)!;
    const [i, node] = c.nodes[0]!;
    const bad: unknown[] = [
      { ...c, nodes: [[i + 1, node]] },
      { ...c, nodes: [[-1, node]] },
      { ...c, nodes: [[a.nodes.length, node]] },
      { ...c, nodes: [[1.5, node]] },
      { ...c, nodes: [['0', node]] },
      { ...c, nodes: [[i, null]] },
      { ...c, nodes: [[i]] },
      { ...c, nodes: 'all' },
      { ...c, groups: undefined },
      { ...c, rest: null },
    ];
    for (const x of bad) assert.equal(applyChanges(a, x as DiagramChanges), undefined, JSON.stringify(x).slice(0, 120));
  });
});
