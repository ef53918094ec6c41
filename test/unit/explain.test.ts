// "Explain this design" on the four reference designs: the Markdown parses,
// Specifics names (and links) every component, every finding is under
// Issues with a consequence, and the diagram beside it parses as SVG.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import MarkdownIt from 'markdown-it';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';
import { explainDesign } from '../../server/src/analysis/explain/explain';
import { themeOf } from '../../server/src/analysis/explain/issues';
import { runSubcommand } from '../../server/src/cli/subcommands';
import { ruleDocs } from '../../server/src/features/ruleDocs';

const SHARED = path.resolve(__dirname, '../../../../shared/examples');
const DESIGNS = fs.readdirSync(SHARED).filter((f) => f.endsWith('.infra.yaml')).sort();
const md = new MarkdownIt();

/** The plain text of each `## ` section, and every link target in it. */
function sections(markdown: string): Map<string, { text: string; links: string[] }> {
  const out = new Map<string, { text: string; links: string[] }>();
  let current = '';
  const tokens = md.parse(markdown, {});
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open' && t.tag === 'h2') { current = tokens[i + 1]!.content; out.set(current, { text: '', links: [] }); continue; }
    if (t.type !== 'inline' || !out.has(current)) continue;
    const s = out.get(current)!;
    for (const c of t.children ?? []) {
      if (c.type === 'text' || c.type === 'code_inline') s.text += c.content;
      if (c.type === 'link_open') s.links.push(String(c.attrGet('href')));
    }
    s.text += '\n';
  }
  return out;
}

describe('explain this design', function () {
  this.timeout(60_000);
  it('reads the four reference designs', () => assert.equal(DESIGNS.length, 4));

  for (const file of DESIGNS) {
    it(`${file}: every component in Specifics with a link to its line, every finding under Issues`, () => {
      const text = fs.readFileSync(path.join(SHARED, file), 'utf8');
      const a = analyzeText(text);
      const out = explainDesign(a, { file, diagram: 'd.svg', docs: ruleDocs(path.resolve(__dirname, '../../..')) });
      const html = md.render(out);
      assert.match(html, /<img src="d.svg"/);
      const s = sections(out);
      assert.deepEqual([...s.keys()], ['Specifics', 'Issues', 'Trade-offs']);
      const lineOf = (o: number) => a.parsed.lineCounter.linePos(o).line;
      for (const c of a.design.components) {
        assert.ok(s.get('Specifics')!.text.includes(`${c.name} is a`), `${c.name} has its sentence`);
        assert.ok(s.get('Specifics')!.links.includes(`${file}#L${lineOf(c.nameSpan.start)}`), `${c.name} links to line ${lineOf(c.nameSpan.start)}`);
      }
      for (const srv of a.design.servers) assert.ok(s.get('Specifics')!.text.includes(`${srv.name} is a server`), srv.name);
      const issues = s.get('Issues')!.text;
      const findings = reportedFindings(a);
      for (const f of findings) {
        assert.ok(issues.includes(`${f.code} at line ${lineOf(f.span.start)}: ${f.message}`), `${f.code}: ${f.message}`);
      }
      for (const theme of new Set(findings.map((f) => themeOf(f.code)))) assert.match(out, new RegExp(`^### ${theme}`, 'im'));
      assert.equal((issues.match(/Consequence:/g) ?? []).length, findings.length, 'each finding has its consequence');
      assert.match(s.get('Trade-offs')!.text, /Cost: \d+ machines?/);
    });
  }

  it('names the load balancer\'s algorithm, the cluster mode and the database roles in this design\'s words', () => {
    const a = analyzeText(fs.readFileSync(path.join(SHARED, '3-scaled-up.infra.yaml'), 'utf8'));
    const text = sections(explainDesign(a, { file: 'x.infra.yaml', diagram: 'd.svg', docs: () => undefined })).get('Specifics')!.text;
    const lb = a.design.components.find((c) => c.kind?.value === 'load-balancer' && c.algorithm)!;
    assert.ok(text.includes(`by ${lb.algorithm!.value}:`), 'algorithm named and explained');
    assert.match(text, /forms an active-(active|passive) cluster: /);
    assert.match(text, /It is the primary: it takes every write/);
    assert.match(text, /It is a replica of /);
  });

  it('a design with no finding still gets its trade-offs', () => {
    const a = analyzeText('infra: 1\ncomponents:\n  web:\n    kind: web-server\n    replicas: 2\n');
    const out = explainDesign(a, { file: 'x.infra.yaml', diagram: 'd.svg', docs: () => undefined });
    const s = sections(out);
    if (reportedFindings(a).length === 0) assert.match(s.get('Issues')!.text, /No finding/);
    assert.match(s.get('Trade-offs')!.text, /Cost: 2 machines/);
    assert.match(s.get('Trade-offs')!.text, /Maintenance:/);
  });

  it('infra-yaml-check explain -o writes the Markdown and an SVG that parses', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iy-explain-'));
    const out = path.join(dir, 'design.md');
    const err: string[] = [];
    const code = await runSubcommand(['explain', '-o', out, path.join(SHARED, '1-distributed.infra.yaml')], { out: () => undefined, err: (s) => err.push(s) });
    assert.deepEqual([code, err], [0, []]);
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /!\[[^\]]*\]\(design\.svg\)/);
    const errors: string[] = [];
    const svg = new DOMParser({ onError: (l, m) => { if (l !== 'warning') errors.push(m); } }).parseFromString(fs.readFileSync(path.join(dir, 'design.svg'), 'utf8'), 'image/svg+xml');
    assert.deepEqual(errors, []);
    assert.equal(svg.documentElement!.nodeName, 'svg');
    // Links point back at the design, relative to where the Markdown is.
    const rel = path.relative(dir, path.join(SHARED, '1-distributed.infra.yaml'));
    assert.ok(sections(text).get('Specifics')!.links.some((l) => decodeURI(l).startsWith(`${rel}#L`)));
  });
});
