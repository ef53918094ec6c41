// Navigation and structure: definition, references, rename, outline,
// folding, selection ranges, semantic tokens and inlay hints.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/analysis/languageService';
import { applyEdits } from '../../server/src/analysis/services/edits';
import { TOKEN_TYPES } from '../../server/src/analysis/services/semanticTokens';
import { y } from './helpers';

const DESIGN = y`
  infra: 1
  domain: foobar.com
  traffic: { qps: 1000 }
  dns:
    www:
      A: lb-1
  servers:
    box-1:
      ip: 10.0.0.1
      firewall: [allow 22/tcp from lb-1]
  components:
    lb-1:
      kind: load-balancer
      ip: 203.0.113.10
      algorithm: weighted-round-robin
      weights: { web-1: 2, web-2: 1 }
      to: [web-1, web-2]
    web-1:
      kind: web-server
      on: box-1
      to: app
    web-2:
      kind: web-server
      to: app
    app: &app
      kind: app-server
    app-copy: *app
`;

function docOf(text: string): TextDocument {
  return TextDocument.create('file:///t.infra.yaml', 'infra-yaml', 1, text);
}

function at(text: string, needle: string, nth = 0, delta = 1): { doc: TextDocument; pos: ReturnType<TextDocument['positionAt']> } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `no ${needle}`);
  const doc = docOf(text);
  return { doc, pos: doc.positionAt(i + delta) };
}

describe('navigation', () => {
  const service = createLanguageService();

  it('goes to the definition of a component from each kind of reference', () => {
    const { doc } = at(DESIGN, 'x');
    const defLine = doc.positionAt(DESIGN.indexOf('  lb-1:\n') + 2).line;
    for (const needle of ['A: lb-1', 'from lb-1']) {
      const i = DESIGN.indexOf(needle) + needle.indexOf('lb-1') + 1;
      const def = service.definition(doc, doc.positionAt(i));
      assert.ok(def, needle);
      assert.equal(def.range.start.line, defLine, needle);
    }
    const web = DESIGN.indexOf('{ web-1') + 3;
    assert.equal(service.definition(doc, doc.positionAt(web))!.range.start.line, doc.positionAt(DESIGN.indexOf('  web-1:\n') + 2).line);
    const box = DESIGN.indexOf('on: box-1') + 5;
    assert.equal(service.definition(doc, doc.positionAt(box))!.range.start.line, doc.positionAt(DESIGN.indexOf('  box-1:') + 2).line);
  });

  it('finds every reference, with or without the declaration', () => {
    const { doc, pos } = at(DESIGN, 'to: app', 0, 5);
    const all = service.references(doc, pos, true);
    assert.equal(all.length, 3); // definition + two `to: app`
    assert.equal(service.references(doc, pos, false).length, 2);
    assert.equal(service.highlights(doc, pos).length, 3);
  });

  it('renames a component everywhere it is named, but not the alias that copies it', () => {
    const { doc, pos } = at(DESIGN, 'web-1', 0, 1);
    const edit = service.rename(doc, pos, 'web-a');
    assert.ok(!('error' in edit));
    const edits = edit.changes![doc.uri]!.map((e) => ({ span: { start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end) }, text: e.newText }));
    const after = applyEdits(DESIGN, edits);
    assert.equal((after.match(/web-a/g) ?? []).length, 3);
    assert.ok(!after.includes('web-1'));
    const appEdit = service.rename(...Object.values(at(DESIGN, 'app: &app', 0, 1)) as [TextDocument, never], 'api');
    assert.ok(!('error' in appEdit));
    const appAfter = applyEdits(DESIGN, appEdit.changes![doc.uri]!.map((e) => ({ span: { start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end) }, text: e.newText })));
    assert.match(appAfter, /api: &app\n/);
    assert.match(appAfter, /app-copy: \*app\n/);
  });

  it('refuses invalid or taken names with a reason', () => {
    const { doc, pos } = at(DESIGN, 'web-1', 0, 1);
    assert.match((service.rename(doc, pos, 'Web 1') as { error: string }).error, /not a valid name/);
    assert.match((service.rename(doc, pos, 'web-2') as { error: string }).error, /already the name of a component/);
    const onKind = at(DESIGN, 'kind: load-balancer', 0, 2);
    assert.ok('error' in service.prepareRename(onKind.doc, onKind.pos));
    const ok = service.prepareRename(doc, pos);
    assert.ok(!('error' in ok) && ok.placeholder === 'web-1');
  });

  it('outlines DNS, servers and components grouped by kind', () => {
    const symbols = service.symbols(docOf(DESIGN));
    assert.deepEqual(symbols.map((s) => s.name), ['DNS', 'Servers', 'Components']);
    const comps = symbols[2]!.children!;
    assert.deepEqual(comps.map((c) => c.name), ['load-balancers', 'web-servers', 'app-servers']);
    assert.deepEqual(comps[1]!.children!.map((c) => c.name), ['web-1', 'web-2']);
  });

  it('folds every multi-line mapping and selects outwards from a value', () => {
    const doc = docOf(DESIGN);
    const folds = service.foldingRanges(doc);
    const componentsLine = doc.positionAt(DESIGN.indexOf('components:')).line;
    assert.ok(folds.some((f) => f.startLine === componentsLine && f.endLine === doc.lineCount - 2));
    const { pos } = at(DESIGN, 'kind: web-server', 0, 8);
    const [sel] = service.selectionRanges(doc, [pos]);
    const chain: string[] = [];
    for (let r: typeof sel | undefined = sel; r; r = r.parent) chain.push(DESIGN.slice(doc.offsetAt(r.range.start), doc.offsetAt(r.range.end)));
    assert.equal(chain[0], 'web-server');
    assert.equal(chain[1], 'kind: web-server');
    assert.ok(chain[chain.length - 1]!.startsWith('infra: 1'));
  });

  it('colours references by what they name', () => {
    const doc = docOf(DESIGN);
    const data = service.semanticTokens(doc);
    assert.equal(data.length % 5, 0);
    let line = 0;
    let char = 0;
    const tokens: string[] = [];
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
      const offset = doc.offsetAt({ line, character: char });
      tokens.push(`${DESIGN.slice(offset, offset + data[i + 2]!)}:${TOKEN_TYPES[data[i + 3]!]}`);
    }
    assert.ok(tokens.includes('box-1:server'));
    assert.ok(tokens.includes('lb-1:loadBalancer'));
    assert.ok(tokens.includes('app:appServer'));
  });

  it('shows the offered load beside each component when traffic is set', () => {
    const doc = docOf(DESIGN);
    const hints = service.inlayHints(doc, { start: { line: 0, character: 0 }, end: doc.positionAt(DESIGN.length) });
    const labels = hints.map((h) => `${DESIGN.slice(doc.offsetAt(h.position) - 6, doc.offsetAt(h.position))}${String(h.label)}`);
    assert.ok(labels.some((l) => /lb-1: ≈ 1000 qps \(10%\)/.test(l)), labels.join('\n'));
    assert.ok(labels.some((l) => /web-1: ≈ 667 qps/.test(l)), labels.join('\n'));
  });
});
