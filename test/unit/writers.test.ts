// The diagram writers: each output is read back by the format's own tool
// (mermaid's parser, Graphviz, D2, an XML parser) and must hold the same
// nodes, edges, frames and finding marks as the diagram model.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOMParser, Element } from '@xmldom/xmldom';
import type { DiagramModel } from '../../common/webviewProtocol';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildDiagram } from '../../server/src/analysis/view/diagram';
import { treeOf, worst } from '../../server/src/analysis/view/writers/shared';
import { writeDiagram } from '../../server/src/analysis/view/writers';
import { TITLE_CHAR_W } from '../../common/layout/titles';
import { runSubcommand } from '../../server/src/cli/subcommands';
import { y } from './helpers';

const SHARED = path.resolve(__dirname, '../../../../shared/examples');
const DESIGNS = fs.readdirSync(SHARED).filter((f) => f.endsWith('.infra.yaml')).sort();
const HOSTILE = y`
  infra: 1
  name: 'Quotes " and <b>tags</b> & {braces} [brackets] | pipes; #hash \\ back'
  domain: example.com
  dns:
    www: { A: 203.0.113.10 }
  servers:
    'srv "one"': { ip: 203.0.113.10, zone: 'eu <1>' }
  components:
    'web]"x': { kind: web-server, on: 'srv "one"', to: 'db|{y}' }
    'db|{y}': { kind: database, on: 'srv "one"' }
`;

const model = (text: string): DiagramModel => buildDiagram(analyzeText(text));
const cases: [string, () => DiagramModel][] = [
  ...DESIGNS.map((f): [string, () => DiagramModel] => [f, () => model(fs.readFileSync(path.join(SHARED, f), 'utf8'))]),
  ['hostile names', () => model(HOSTILE)],
];

/** What every writer must agree on, in short ids. */
function expected(m: DiagramModel) {
  const t = treeOf(m);
  const s = (id: string) => t.short.get(id)!;
  return {
    nodes: m.nodes.map((n) => s(n.id)).sort(),
    groups: m.groups.map((g) => s(g.id)).sort(),
    edges: m.edges.map((e) => `${s(e.source)}>${s(e.target)}`).sort(),
    parent: new Map([...m.nodes, ...m.groups].map((x) => [s(x.id), t.path(x.id).map(s).pop() ?? ''])),
    marked: [...m.nodes, ...m.groups].filter((x) => worst(x.findings)).map((x) => s(x.id)).sort(),
  };
}

describe('diagram writers', function () {
  this.timeout(120_000);
  it('the four reference designs are there', () => assert.equal(DESIGNS.length, 4));

  describe('Mermaid (mermaid\'s own parser)', () => {
    let mermaid: { parse(text: string): Promise<unknown>; mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> } };
    before(async () => {
      // Mermaid sanitises labels with DOMPurify, which needs a DOM.
      const { JSDOM } = await import('jsdom');
      const w = new JSDOM('').window;
      Object.assign(globalThis, { window: w, document: w.document });
      mermaid = (await import('mermaid')).default as unknown as typeof mermaid;
    });
    after(() => {
      (globalThis as unknown as { window: { close(): void } }).window.close();
      delete (globalThis as Record<string, unknown>).window;
      delete (globalThis as Record<string, unknown>).document;
    });
    for (const [name, get] of cases) {
      it(`${name}: parses, same nodes, edges, subgraphs and marks`, async () => {
        const m = get();
        const text = await writeDiagram(m, 'mermaid');
        await mermaid.parse(text);
        const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as MermaidFlowDb;
        const x = expected(m);
        assert.deepEqual([...db.getVertices().keys()].sort(), x.nodes);
        assert.deepEqual(db.getEdges().map((e) => `${e.start}>${e.end}`).sort(), x.edges);
        const subs = db.getSubGraphs();
        assert.deepEqual(subs.map((g) => g.id).sort(), x.groups);
        for (const g of subs) for (const child of g.nodes) assert.equal(x.parent.get(child), g.id, `${child} in ${g.id}`);
        const classed = [...[...db.getVertices().values()].filter((v) => v.classes.length), ...subs.filter((g) => g.classes.length)].map((v) => v.id).sort();
        assert.deepEqual(classed, x.marked);
        for (const label of m.nodes.map((n) => n.label)) assert.ok([...db.getVertices().values()].some((v) => decode(v.text).includes(label)), label);
      });
    }
  });

  describe('Graphviz DOT (Graphviz itself, as wasm)', () => {
    for (const [name, get] of cases) {
      it(`${name}: lays out, same nodes, edges, clusters`, async () => {
        const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
        const m = get();
        const graph = JSON.parse((await Graphviz.load()).layout(await writeDiagram(m, 'dot'), 'json')) as GvJson;
        const x = expected(m);
        const objects = graph.objects ?? [];
        assert.deepEqual(objects.filter((o) => !o.name.startsWith('cluster_')).map((o) => o.name).sort(), x.nodes);
        assert.deepEqual(objects.filter((o) => o.name.startsWith('cluster_')).map((o) => o.name.slice(8)).sort(), x.groups);
        assert.deepEqual((graph.edges ?? []).map((e) => `${objects[e.tail]!.name}>${objects[e.head]!.name}`).sort(), x.edges);
        for (const n of m.nodes) assert.ok(objects.some((o) => o.label?.includes(n.label)), n.label);
      });
    }
  });

  describe('D2 (the D2 compiler, as wasm)', () => {
    // One compiler for all: each runs in a worker thread that loads the wasm.
    let d2: { compile(text: string): Promise<{ diagram: { shapes: unknown; connections: unknown } }>; worker?: { terminate(): unknown } };
    before(async () => { const { D2 } = await import('@terrastruct/d2'); d2 = new D2() as unknown as typeof d2; });
    after(() => d2.worker?.terminate());
    for (const [name, get] of cases) {
      it(`${name}: compiles, same shapes, containers and connections`, async () => {
        const m = get();
        const result = await d2.compile(await writeDiagram(m, 'd2'));
        const x = expected(m);
        const shapes = (result.diagram.shapes as D2Shape[]).filter((s) => s.id !== 'title');
        const last = (id: string) => id.split('.').pop()!;
        assert.deepEqual(shapes.filter((s) => s.id.split('.').pop()!.startsWith('n')).map((s) => last(s.id)).sort(), x.nodes);
        assert.deepEqual(shapes.filter((s) => last(s.id).startsWith('g')).map((s) => last(s.id)).sort(), x.groups);
        for (const s of shapes) assert.equal(s.id.split('.').slice(-2, -1)[0] ?? '', x.parent.get(last(s.id)), s.id);
        assert.deepEqual((result.diagram.connections as D2Connection[]).map((c) => `${last(c.src)}>${last(c.dst)}`).sort(), x.edges);
      });
    }
  });

  describe('draw.io (an XML parser; the mxGraphModel structure)', () => {
    for (const [name, get] of cases) {
      it(`${name}: a valid mxGraphModel, frames as containers holding their shapes`, async () => {
        const m = get();
        const doc = parseXml(await writeDiagram(m, 'drawio'));
        assert.equal(doc.documentElement!.nodeName, 'mxfile');
        const models = doc.getElementsByTagName('mxGraphModel');
        assert.equal(models.length, 1);
        const root = models[0]!.getElementsByTagName('root')[0]!;
        const cells = Array.from(root.getElementsByTagName('mxCell'));
        const byId = new Map(cells.map((c) => [c.getAttribute('id')!, c]));
        assert.equal(byId.size, cells.length, 'cell ids are unique');
        assert.ok(byId.has('0') && byId.get('1')!.getAttribute('parent') === '0');
        cells.forEach((c, i) => {
          const parent = c.getAttribute('parent');
          if (parent) assert.ok(cells.slice(0, i).some((p) => p.getAttribute('id') === parent), `${c.getAttribute('id')}'s parent comes first`);
        });
        const x = expected(m);
        const vertices = cells.filter((c) => c.getAttribute('vertex') === '1');
        const containers = vertices.filter((c) => /(^|;)container=1(;|$)/.test(c.getAttribute('style')!));
        assert.deepEqual(containers.map((c) => c.getAttribute('id')).sort(), x.groups);
        assert.deepEqual(vertices.filter((c) => !containers.includes(c)).map((c) => c.getAttribute('id')).sort(), x.nodes);
        for (const v of vertices) {
          const id = v.getAttribute('id')!;
          assert.equal(v.getAttribute('parent'), x.parent.get(id) || '1', id);
          const g = geometry(v);
          assert.ok(g.width > 0 && g.height > 0, `${id} has a size`);
          const p = byId.get(v.getAttribute('parent')!)!;
          if (p.getAttribute('vertex') === '1') {
            const pg = geometry(p);
            assert.ok(g.x >= 0 && g.y >= 0 && g.x + g.width <= pg.width + 0.5 && g.y + g.height <= pg.height + 0.5, `${id} lies inside its container`);
          }
        }
        const edges = cells.filter((c) => c.getAttribute('edge') === '1');
        assert.deepEqual(edges.map((e) => `${e.getAttribute('source')}>${e.getAttribute('target')}`).sort(), x.edges);
        const marked = vertices.filter((v) => /strokeWidth=2/.test(v.getAttribute('style')!)).map((v) => v.getAttribute('id')).sort();
        assert.deepEqual(marked, x.marked);
      });
    }
  });

  describe('SVG (an XML parser)', () => {
    for (const [name, get] of cases) {
      it(`${name}: well-formed SVG with every card, frame, edge and mark`, async () => {
        const m = get();
        const doc = parseXml(await writeDiagram(m, 'svg'));
        const svg = doc.documentElement!;
        assert.equal(svg.nodeName, 'svg');
        assert.equal(svg.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
        assert.ok(Number(svg.getAttribute('width')) > 100 && Number(svg.getAttribute('height')) > 40);
        const gs = Array.from(svg.getElementsByTagName('g'));
        const ids = (cls: string) => gs.filter((g) => g.getAttribute('class')?.split(' ').includes(cls)).map((g) => g.getAttribute('data-id')).sort();
        assert.deepEqual(ids('node'), m.nodes.map((n) => n.id).sort());
        assert.deepEqual(ids('group'), m.groups.map((g) => g.id).sort());
        assert.deepEqual(ids('edge'), m.edges.map((e) => e.id).sort());
        const marks = gs.filter((g) => g.getAttribute('class')?.startsWith('findings ')).length;
        assert.equal(marks, [...m.nodes, ...m.groups].filter((i) => worst(i.findings)).length);
        for (const n of m.nodes) assert.ok(svg.textContent!.includes(n.label), n.label);
      });
    }
    // The same rule as the preview (common/layout/titles.ts): a frame's title row,
    // its name then its FW/MON pills, lies under no edge, and the pills not over the name.
    for (const [name, get] of cases.slice(0, 4)) {
      it(`${name}: no edge crosses a frame's title or badges, no badge covers a title`, async () => {
        const m = get();
        const svg = parseXml(await writeDiagram(m, 'svg')).documentElement!;
        const gs = Array.from(svg.getElementsByTagName('g'));
        const at = (g: Element) => (/translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '') ?? []).slice(1).map(Number) as [number, number];
        const rows: { id: string; spans: [number, number][]; band: [number, number] }[] = [];
        for (const g of gs.filter((x) => x.getAttribute('class')?.startsWith('group '))) {
          const [x, y] = at(g);
          const title = Array.from(g.childNodes).find((c): c is Element => (c as Element).nodeName === 'text')!;
          const tx = x + Number(title.getAttribute('x'));
          const spans: [number, number][] = [[tx, tx + (title.textContent ?? '').length * TITLE_CHAR_W]];
          const pills = Array.from(g.childNodes).filter((c): c is Element => (c as Element).nodeName === 'g' && !(c as Element).getAttribute('class'));
          for (const p of pills) { const [px] = at(p); spans.push([x + px, x + px + 30]); }
          for (const p of spans.slice(1)) assert.ok(p[0] >= spans[0]![1], `${g.getAttribute('data-id')}: a badge at ${p[0]} covers the title ending at ${spans[0]![1].toFixed(0)}`);
          rows.push({ id: g.getAttribute('data-id')!, spans, band: [y + 4, y + 30] });
        }
        assert.ok(rows.length > 0, 'frames with titles');
        const crossings: string[] = [];
        for (const path of Array.from(svg.getElementsByTagName('path')).filter((p) => p.getAttribute('fill') === 'none')) {
          const pts = (path.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean).map((p) => p.split(',').map(Number) as [number, number]);
          for (let i = 1; i < pts.length; i++) {
            const [[x1, y1], [x2, y2]] = [pts[i - 1]!, pts[i]!];
            for (const r of rows) {
              if (Math.max(y1, y2) <= r.band[0] || Math.min(y1, y2) >= r.band[1]) continue;
              for (const [a, b] of r.spans) if (Math.max(x1, x2) > a && Math.min(x1, x2) < b) crossings.push(`${(path.parentNode as Element).getAttribute('data-id')} over ${r.id} [${a.toFixed(0)}, ${b.toFixed(0)}]`);
            }
          }
        }
        assert.deepEqual(crossings, []);
      });
    }
  });
});

interface MermaidFlowDb {
  getVertices(): Map<string, { id: string; text: string; classes: string[] }>;
  getEdges(): { start: string; end: string }[];
  getSubGraphs(): { id: string; nodes: string[]; classes: string[] }[];
}
interface GvJson { objects?: { name: string; label?: string }[]; edges?: { tail: number; head: number }[] }
interface D2Shape { id: string }
interface D2Connection { src: string; dst: string }

/** Mermaid keeps `#34;` entity codes in its own placeholder form until it draws. */
const decode = (s: string): string => s.replace(/(?:#|\ufb02\u00b0\u00b0)(\d+)(?:;|\u00b6\u00df)/g, (_, d: string) => String.fromCharCode(Number(d)));

function parseXml(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(text, 'text/xml');
  assert.deepEqual(errors, []);
  return doc;
}

function geometry(cell: Element): { x: number; y: number; width: number; height: number } {
  const g = cell.getElementsByTagName('mxGeometry')[0]!;
  const n = (k: string) => Number(g.getAttribute(k) ?? 0);
  return { x: n('x'), y: n('y'), width: n('width'), height: n('height') };
}

describe('infra-yaml-check graph', function () {
  this.timeout(60_000);
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSubcommand(['graph', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join(''), err: err.join('\n') };
  };
  const file = path.join(SHARED, '1-distributed.infra.yaml');

  it('writes the chosen format to stdout, or to -o', async () => {
    const m = model(fs.readFileSync(file, 'utf8'));
    const r = await run('--format', 'dot', file);
    assert.deepEqual([r.code, r.err], [0, '']);
    assert.equal(r.out, await writeDiagram(m, 'dot'));
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iy-graph-')), 'd.drawio');
    const w = await run('-f', 'drawio', '-o', target, file);
    assert.deepEqual([w.code, w.out], [0, '']);
    assert.equal(fs.readFileSync(target, 'utf8'), await writeDiagram(m, 'drawio'));
    assert.match((await run(file)).out, /^---\ntitle: .*\n---\nflowchart LR\n/, 'Mermaid by default');
  });

  it('bad format, missing file: exit 2 with the reason on stderr, nothing on stdout', async () => {
    const bad = await run('--format', 'png', file);
    assert.deepEqual([bad.code, bad.out], [2, '']);
    assert.match(bad.err, /bad --format 'png'/);
    const missing = await run(path.join(SHARED, 'nope.infra.yaml'));
    assert.deepEqual([missing.code, missing.out], [2, '']);
    assert.match(missing.err, /cannot read/);
  });
});
