// Incremental re-parse (server/src/analysis/parse/incremental.ts): after any
// edit, `analyzeEdit(previous, text)` must give what `analyzeText(text)` gives —
// the same YAML tree (ranges, values, comments), line table, model and findings
// with their ranges. Random edit chains over the reference designs and a
// generated one, with CRLF, surrogate pairs, multi-line pastes, comments and
// edits within and across entries; and unit cases that pin when the
// incremental path is taken (so an always-full implementation fails them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Analysis, analyzeEdit, analyzeText } from '../../server/src/analysis/analyze';
import { AnalysisDone, jobSteps, lastParse, runJob } from '../../server/src/features/analysisJob';
import { RULES } from '../../server/src/analysis/rules';
import { changeBetween } from '../../server/src/analysis/parse/incremental';
import { shape } from './helpers';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'test/fixtures/designs');

function snapshot(a: Analysis): unknown {
  const d = a.parsed.doc;
  return {
    doc: { contents: shape(d.contents), range: d.range, comment: d.comment, commentBefore: d.commentBefore },
    errors: a.parsed.errors,
    lines: a.parsed.lineCounter.lineStarts,
    design: JSON.parse(JSON.stringify(a.design)),
    findings: a.findings().map((f) => ({ code: f.code, message: f.message, span: f.span, related: f.related, data: f.data })),
  };
}

/** What the topology and the failure model resolve names to: the maps by name in their order, the hosts' names, the units' names. */
function resolved(a: Analysis): unknown {
  const t = a.topology;
  const f = a.failures();
  return {
    components: [...t.components].map(([k, c]) => [k, c.name, c.nameSpan]),
    hosts: [...t.hosts].map(([k, h]) => [k, h.name, h.span, h.components.map((c) => c.name)]),
    units: f.units.map((u) => [u.kind, u.name, u.component?.name, u.kind === 'component' ? f.unitOfComponent(u.name) : undefined]),
    critical: f.critical().map((c) => [c.service.host, c.cls, c.units]),
  };
}

/** A small design like the generator's: entries of components, servers and dns, no comments inside. */
function generated(services: number): string {
  const out = ['infra: 1', 'name: Generated', 'domain: example.com', '', 'traffic:', '  qps: 400', '  reads: 0.9', '', 'dns:'];
  for (let s = 0; s < services; s++) out.push(`  svc${s}:`, `    A: lb-${s}`);
  out.push('', 'servers:');
  for (let s = 0; s < services; s++) out.push(`  host-${s}:`, `    ip: 10.0.1.${s + 1}`, `    zone: zone-${s % 2 ? 'a' : 'b'}`, '    firewall: true');
  out.push('', 'components:');
  for (let s = 0; s < services; s++) {
    out.push(`  lb-${s}:`, '    kind: load-balancer', '    software: haproxy', `    ip: 203.0.113.${s + 1}`, '    tls: reencrypt',
      `    certificate: "*.example.com"`, '    firewall: [allow 443/tcp from any]', `    to: [web-${s}, app-${s}]`);
    out.push(`  web-${s}:`, '    kind: web-server', '    software: nginx', `    on: host-${s}`, '    tls: true', `    to: [app-${s}]`);
    out.push(`  app-${s}:`, '    kind: app-server', '    replicas: 2', `    on: host-${s}`, `    to: [db]`, '    capacity: 300');
  }
  out.push('  db:', '    kind: database', '    role: primary', '    ip: 10.0.2.1', '    monitoring: prometheus');
  return out.join('\n') + '\n';
}

const BASES: readonly string[] = (() => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort().map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
  const gen = generated(4);
  return [gen, gen.replace(/\n/g, '\r\n'), ...files, files[0]!.replace(/\n/g, '\r\n')];
})();

/** What gets typed or pasted: characters, YAML punctuation, line breaks, whole entries, emoji (surrogate pairs). */
const INSERTS = fc.oneof(
  fc.constantFrom('a', 'z', '1', ' ', '  ', ':', ': ', '-', '- ', '#', '# note', '"', "'", '[', ']', '{', '}', ',', '&a', '*a', '|', '>', '!', '%', '@', '\t', '?', '<<: '),
  fc.constantFrom('\n', '\r\n', '\n  ', '\n    ', '\n\n', '😀', '\ud83d', 'é', '---\n', '...'),
  fc.constantFrom('redis', 'web-0', 'lb-0', 'kind: cache', '10.0.0.1', 'true', 'null', '~'),
  fc.constantFrom('\n  cache-9:\n    kind: cache\n    software: redis', '\n    monitoring: datadog', '\n  # a comment\n', '\n  x: [a,\n    b]', 'web-9:\n    kind: web-server\n  ', '\n\n  extra:\n    kind: queue'),
  fc.string({ maxLength: 6 }),
);

interface Edit { readonly at: number; readonly del: number; readonly insert: string; readonly snap: 'none' | 'line' | 'value' }

/** Typing in a value: what most keystrokes are. */
const TYPING = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.integer({ min: 0, max: 2 }),
  insert: fc.oneof(fc.constantFrom('a', 'x', '1', '-', '.', ' ', '😀', 'é', '#', 'a"', "'"), fc.constant('')),
  snap: fc.constant<Edit['snap']>('value'),
});

/** Anything else: pastes, deletions over several lines, punctuation, line breaks anywhere. */
const ANY = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 60 })),
  insert: fc.oneof(INSERTS, fc.constant('')),
  snap: fc.constantFrom<Edit['snap'][]>('none', 'line', 'value'),
});

const EDITS = fc.oneof({ arbitrary: TYPING, weight: 3 }, { arbitrary: ANY, weight: 2 });

/** Applies an edit at a relative position, snapped to a line start or to the start of an indented value when asked. */
function apply(text: string, e: Edit): string {
  let at = Math.floor(e.at * text.length);
  if (e.snap === 'line') at = text.lastIndexOf('\n', at - 1) + 1;
  if (e.snap === 'value') {
    const values = [...text.matchAll(/^ +[^ #\r\n][^:\r\n]*: /gm)];
    const m = values[Math.floor(e.at * values.length)];
    if (m) at = m.index + m[0].length;
  }
  const del = e.insert === '' && e.del === 0 ? 1 : e.del;
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + del));
}

describe('changeBetween', () => {
  it('finds the longest common prefix and suffix (that do not overlap) of any two texts', () => {
    const chars = fc.constantFrom('a', 'b', ' ', '\n', '😀', 'é');
    const text = fc.array(chars, { maxLength: 400 }).map((cs) => cs.join(''));
    fc.assert(fc.property(text, fc.nat(), fc.nat({ max: 200 }), text, (a, at, del, insert) => {
      const i = at % (a.length + 1);
      const b = a.slice(0, i) + insert + a.slice(i + del);
      const c = changeBetween(a, b);
      if (a === b) return assert.equal(c, undefined);
      assert.ok(c);
      const s = a.length - c.oldEnd;
      assert.equal(b.length - c.newEnd, s);
      assert.ok(c.start <= c.oldEnd && c.start <= c.newEnd);
      assert.equal(a.slice(0, c.start), b.slice(0, c.start));
      assert.equal(a.slice(c.oldEnd), b.slice(c.newEnd));
      // longest: one more character either way differs, or there is no room for it
      assert.ok(c.start === Math.min(c.oldEnd, c.newEnd) || a[c.start] !== b[c.start] || c.start === Math.min(a.length, b.length));
      assert.ok(c.oldEnd === c.start || c.newEnd === c.start || a[c.oldEnd - 1] !== b[c.newEnd - 1]);
    }), { numRuns: 3000, seed: 7 });
  });
});

describe('Incremental re-parse', () => {
  it('gives the tree, model and findings of a full parse after thousands of random edits', function () {
    this.timeout(600_000);
    let steps = 0;
    let fromPlain = 0;
    let incremental = 0;
    let topologyKept = 0;
    let rulesKept = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(EDITS, { minLength: 1, maxLength: 12 }), (base, edits) => {
        let text = BASES[base]!;
        let a = analyzeText(text);
        for (const e of edits) {
          text = apply(text, e);
          if (a.parsed.plain) fromPlain++;
          a = analyzeEdit(a, text);
          steps++;
          if (a.parse.incremental) incremental++;
          assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), `after ${JSON.stringify(e)}\n--- text ---\n${text}`);
          if (a.reuse.topologyKept) topologyKept++;
          if (a.reuse.rulesRun! < RULES.length) rulesKept++;
        }
      }),
      { numRuns: 400, seed: 1313 },
    );
    // The property means something only if the incremental path ran for a good share of the edits
    // (an edit of a file with a syntax error is always parsed whole).
    assert.ok(steps >= 2000, `${steps} edits`);
    assert.ok(incremental >= 500 && incremental / fromPlain > 0.3, `${incremental} of ${fromPlain} edits of error-free files were incremental (${steps} edits in all)`);
    // ...and only if a good share of those kept the topology and the findings of most rules.
    assert.ok(topologyKept >= 250 && rulesKept >= 180, `${topologyKept} edits kept the topology, ${rulesKept} some rules' findings (of ${incremental} incremental)`);
  });

  it('gives a full analysis\'s findings after long runs of value edits, the topology kept or not', function () {
    this.timeout(600_000);
    // What a person does most: change one value, then another elsewhere. Every key, including the
    // ones the topology is built from, so that kept and rebuilt topologies alternate along a run.
    const VALUES: Record<string, readonly string[]> = {
      software: ['nginx', 'apache2', 'haproxy', 'mysql', 'x'], tls: ['true', 'false', 'terminate', 'reencrypt', 'passthrough'],
      capacity: ['30', '300', '3000'], replicas: ['1', '2', '3'], monitoring: ['true', 'false', 'datadog'],
      zone: ['zone-a', 'zone-b', 'zone-c'], firewall: ['true', 'false', '[allow 443/tcp from any]', '[allow 22/tcp from web-0]'],
      certificate: ['"*.example.com"', 'www.example.com', 'foobar.com'], failover: ['automatic', 'manual'], role: ['primary', 'replica'],
      kind: ['web-server', 'app-server', 'database', 'cache'], algorithm: ['round-robin', 'least-connections'], qps: ['100', '400', '5000'],
      // `to:` lists: the same targets written again, a name that resolves to nothing, targets added and removed.
      to: ['[app-0]', '[app-0, x]', '[x]', '[app-0, app-1]', '[app-1, app-0]', '[web-0]', '[db]', '[db, ap]', '[]', '[lb-0, web-1]'],
    };
    const line = new RegExp(`^( +)(${Object.keys(VALUES).join('|')}): ?([^\\r\\n#]*)`, 'gm');
    let steps = 0;
    let kept = 0;
    let retargeted = 0;
    let rewired = 0;
    let rekinded = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 5, maxLength: 25 }), (b, picks) => {
        let text = BASES[b]!;
        let a = analyzeText(text);
        a.findings();
        for (const [where, which] of picks) {
          const lines = [...text.matchAll(line)];
          if (lines.length === 0) return;
          const m = lines[where % lines.length]!;
          const values = VALUES[m[2]!]!;
          const start = m.index + m[1]!.length + m[2]!.length + 2;
          text = text.slice(0, start) + values[which % values.length] + text.slice(m.index + m[0].length);
          a = analyzeEdit(a, text);
          assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), `after ${m[0].trim()} → ${values[which % values.length]}\n--- text ---\n${text}`);
          steps++;
          if (a.reuse.topologyKept) kept++;
          if (a.reuse.retargeted) retargeted++;
          if (a.reuse.rewired) rewired++;
          if (a.reuse.rekinded) rekinded++;
        }
      }),
      { numRuns: 150, seed: 2024 },
    );
    assert.ok(rekinded >= 30, `${rekinded} of ${steps} value edits took a kind edit into the kept topology`);
    assert.ok(steps >= 1500 && kept >= steps / 4, `${kept} of ${steps} value edits kept the topology`);
    assert.ok(rewired >= 30, `${rewired} of ${steps} value edits updated the edges of the kept topology`);
    assert.ok(retargeted >= 30, `${retargeted} of ${steps} value edits took a \`to:\` edit into the kept topology`);
  });

  const base = generated(6);
  const at = (needle: string, from = 0): number => {
    const i = base.indexOf(needle, from);
    assert.ok(i >= 0, needle);
    return i;
  };
  const edit = (text: string, start: number, end: number, insert: string): string => text.slice(0, start) + insert + text.slice(end);

  it('re-parses only the entry a one-value edit touched, and finds what a full parse finds', () => {
    const v = at('software: nginx', at('  web-3:')) + 'software: '.length;
    const text = edit(base, v, v + 'nginx'.length, 'nginy');
    const a = analyzeEdit(analyzeText(base), text);
    assert.deepStrictEqual(a.parse, { incremental: true, entries: 1 });
    assert.equal(a.design.components.find((c) => c.name === 'web-3')?.software?.value, 'nginy');
    assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)));
  });

  it('builds only the edited entry again, keeps the topology, and runs only the rules that read what changed', () => {
    const before = analyzeText(base);
    before.findings();
    const web3 = before.design.components.find((c) => c.name === 'web-3')!;
    const app5 = before.design.components.find((c) => c.name === 'app-5')!;
    const v = at('software: nginx', at('  web-3:')) + 'software: '.length;
    const text = edit(base, v, v + 'nginx'.length, 'apache2');
    const a = analyzeEdit(before, text);
    assert.equal(a.reuse.entriesBuilt, 1);
    assert.equal(a.reuse.topologyKept, true);
    // The entry edited is its previous object with the new value, one after it the previous object moved.
    assert.equal(a.design.components.find((c) => c.name === 'web-3'), web3);
    assert.equal(web3.software?.value, 'apache2');
    assert.equal(a.design.components.find((c) => c.name === 'app-5'), app5);
    assert.equal(app5.nameSpan.start, text.indexOf('  app-5:') + 2);
    assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)));
    // database-exposed reads `software`; the rules that read the parse's findings always run.
    const always = RULES.filter((r) => !r.reads).length;
    assert.equal(a.reuse.rulesRun, always + 1);
  });

  it('starts from the last rule runs that finished when the versions between were superseded (a burst of typing)', function () {
    this.timeout(600_000);
    // In a burst the worker's jobs are superseded one after another, before their rules or in a pause
    // between rule families. The next version must still move the findings it can, and run again
    // every rule that reads what changed since the last finished run, not just since its own parent.
    const values: Record<string, readonly string[]> = { 'software: ': ['nginx', 'apache2', 'x'], 'replicas: ': ['2', '1', '3'], 'monitoring: ': ['prometheus', 'none', 'datadog'], 'capacity: ': ['300', '5', '30000'] };
    const keys = Object.keys(values);
    let versions = 0;
    let fromSuperseded = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(keys.length - 1), fc.nat(40), fc.nat(2), fc.constantFrom('none', 'partial', 'full')), { minLength: 2, maxLength: 14 }), (steps) => {
        let text = base;
        let a = analyzeText(text);
        a.findings();
        let superseded = false;
        steps.forEach(([k, which, v, mode], i) => {
          const key = keys[k]!;
          const spots: number[] = [];
          for (let p = text.indexOf(key); p >= 0; p = text.indexOf(key, p + 1)) spots.push(p + key.length);
          if (!spots.length) return;
          const start = spots[which % spots.length]!;
          const end = text.indexOf('\n', start);
          text = edit(text, start, end, values[key]![v]!);
          a = analyzeEdit(a, text);
          const last = i === steps.length - 1;
          if (mode === 'full' || last) {
            assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), `step ${i}`);
            versions++;
            if (superseded && a.reuse.rulesRun! < RULES.length) fromSuperseded++;
            superseded = false;
          } else {
            if (mode === 'partial') { const g = a.findingSteps(); g.next(); g.next(); }
            superseded = true;
          }
        });
      }),
      { numRuns: 120, seed: 7 },
    );
    assert.ok(fromSuperseded >= 40, `${fromSuperseded} of ${versions} versions after superseded ones moved findings instead of running every rule`);
  });

  it('builds the topology (or updates it in place) and runs every rule again when an edit changes what the topology is built from', () => {
    for (const [needle, insert] of [['to: [app-3]', 'to: [app-4]'], ['kind: web-server', 'kind: app-server'], ['on: host-2', 'on: host-3'], ['ip: 10.0.1.3', 'ip: 10.0.1.33'], ['A: lb-2', 'A: lb-3']] as const) {
      const before = analyzeText(base);
      before.findings();
      const s = at(needle);
      const text = edit(base, s, s + needle.length, insert);
      const a = analyzeEdit(before, text);
      assert.equal(a.reuse.entriesBuilt, 1, needle);
      assert.equal(a.reuse.topologyKept, false, needle);
      // A `to:` edit that changes the targets updates the edges in place, a kind edit (no cluster or
      // database concerned) the kinds; the others build the topology again.
      assert.equal(a.reuse.rewired, needle.startsWith('to:'), needle);
      assert.equal(a.reuse.rekinded, needle.startsWith('kind:'), needle);
      assert.equal(a.topology === before.topology, needle.startsWith('to:') || needle.startsWith('kind:'), needle);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), needle);
      const part = needle.startsWith('to:') ? 'edges' : needle.startsWith('kind:') ? 'kind' : undefined;
      assert.equal(a.reuse.rulesRun, RULES.length - (part ? standing(part, needle.split(':')[0]!) : 0), needle);
    }
  });

  /** How many rules keep their findings after an in-place update of `part` by an edit of `key`: the ones that read neither (`Rule.topology`, `Rule.reads`). */
  const standing = (part: 'edges' | 'kind', key: string): number => RULES.filter((r) => r.reads && r.topology && !r.topology.includes(part) && !(r.reads as readonly string[]).includes(key)).length;

  it('takes a kind edit into the topology in place, and builds it again when a cluster or a database is concerned', () => {
    // lb-0 and lb-1 made a cluster (lb-0 names lb-1 as its peer).
    const clustered = edit(base, at('    to: [web-0, app-0]'), at('    to: [web-0, app-0]'), '    cluster: { peers: [lb-1] }\n');
    // web-0 (no load balancer: its targets are grouped by kind) sends to app-0 and web-1, two groups.
    const mixed = edit(base, at('    to: [app-0]'), at('    to: [app-0]') + '    to: [app-0]'.length, '    to: [app-0, web-1]');
    // The last flag: whether the failure model and the offered load stand (`Reuse.enginesKept`).
    const cases: readonly [string, string, string, boolean, boolean][] = [
      [base, '  web-3:\n    kind: web-server', 'app-server', true, true],
      [base, '  app-2:\n    kind: app-server', 'web-server', true, true],
      [base, '  app-2:\n    kind: app-server', 'cache', true, false],
      [base, '  lb-4:\n    kind: load-balancer', 'web-server', true, false],
      [mixed, '  app-0:\n    kind: app-server', 'web-server', true, false],
      [mixed, '  web-1:\n    kind: web-server', 'app-server', true, false],
      [mixed, '  app-0:\n    kind: app-server', 'storage', true, true],
      [base, '  web-3:\n    kind: web-server', 'database', false, false],
      [base, '  db:\n    kind: database', 'app-server', false, false],
      [clustered, '  lb-0:\n    kind: load-balancer', 'web-server', false, false],
      [clustered, '  lb-1:\n    kind: load-balancer', 'web-server', false, false],
    ];
    for (const [text0, needle, kind, inPlace, engines] of cases) {
      const before = analyzeText(text0);
      before.findings();
      const model = before.failures();
      const s = text0.indexOf(needle) + needle.indexOf('kind: ') + 'kind: '.length;
      assert.ok(s > needle.length, needle);
      const text = edit(text0, s, text0.indexOf('\n', s), kind);
      const a = analyzeEdit(before, text);
      const what = `${needle.trim().split(':')[0]} → ${kind}`;
      assert.equal(a.reuse.rekinded, inPlace, what);
      assert.equal(a.reuse.enginesKept, engines, what);
      assert.equal(a.failures() === model, engines, what);
      assert.equal(a.topology === before.topology, inPlace, what);
      assert.equal(a.reuse.rulesRun, undefined, what);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), what);
      // In place, the rules that read no kind (duplicate-name, missing-monitoring, two DNS rules) keep their findings.
      assert.equal(a.reuse.rulesRun, RULES.length - (inPlace ? standing('kind', 'kind') : 0), what);
      if (inPlace) assert.ok(standing('kind', 'kind') >= 4);
      // And back: the groups of alternatives the kind changed are computed again, not kept.
      const back = analyzeEdit(a, text0);
      assert.deepStrictEqual(snapshot(back), snapshot(analyzeText(text0)), `${what} and back`);
    }
  });

  it('keeps the topology while a `to:` target is typed that names nothing yet, and updates its edges once it names a component', () => {
    // Typing `, app-4` into web-2's `to: [app-2]` one character at a time: every name but the last
    // resolves to nothing, so the list's targets stay those of before.
    const s = at('to: [app-2]', at('  web-2:')) + 'to: [app-2'.length;
    let text = base;
    let a = analyzeText(text);
    a.findings();
    const always = RULES.filter((r) => !r.reads).length;
    const typed = ', app-4';
    let retargeted = 0;
    for (let i = 1; i <= typed.length; i++) {
      text = edit(base, s, s, typed.slice(0, i));
      const topology = a.topology;
      a = analyzeEdit(a, text);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), typed.slice(0, i));
      const names = i === typed.length;
      assert.equal(a.reuse.topologyKept, !names, typed.slice(0, i));
      // The last keystroke names app-4: a new edge, taken into the same topology (rewired).
      assert.equal(a.topology, topology);
      assert.equal(a.reuse.rewired, names, typed.slice(0, i));
      if (a.reuse.retargeted) retargeted++;
      // unknown-reference reads the refs; the other rules' findings stand (moved) while the targets do.
      if (!names) assert.ok(a.reuse.rulesRun! <= always + 1, `${typed.slice(0, i)}: ${a.reuse.rulesRun} rules ran`);
    }
    // `[app-2,]` and `[app-2, ]` are the list it was; each of ` a` to ` app-` names nothing and went through `retargeted`.
    assert.equal(retargeted, typed.length - 3);
    // ...and deleting the name again, back to the targets of before.
    for (let i = typed.length - 1; i >= 0; i--) {
      text = edit(base, s, s, typed.slice(0, i));
      a = analyzeEdit(a, text);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), `back to ${typed.slice(0, i)}`);
      assert.equal(a.reuse.topologyKept, i < typed.length - 1, `back to ${typed.slice(0, i)}`);
    }
    // The kept topology lists the new refs: a finding placed on a target's ref (tls-passthrough-to-plain-backend
    // on app-0 in lb-0's list), found again by a later edit that runs the rule, is where the ref is now.
    let t = base.replace('    tls: reencrypt\n', '    tls: passthrough\n');
    let c = analyzeText(t);
    assert.ok(c.findings().some((f) => f.code === 'tls-passthrough-to-plain-backend'));
    for (const [needle, insert] of [['to: [web-0, app-0]', 'to: [web-0, nothing-yet, app-0]'], ['tls: true', 'tls: false'], ['tls: false', 'tls: true']] as const) {
      const k = t.indexOf(needle);
      t = edit(t, k, k + needle.length, insert);
      c = analyzeEdit(c, t);
      assert.equal(c.reuse.topologyKept, true, needle);
      assert.deepStrictEqual(snapshot(c), snapshot(analyzeText(t)), needle);
    }
    // A target written again in another form resolves to the same component: kept.
    const again = edit(base, s - 'app-2'.length, s, '"app-2"');
    const b = analyzeEdit(analyzeText(base), again);
    assert.equal(b.reuse.topologyKept, true);
    assert.deepStrictEqual(snapshot(b), snapshot(analyzeText(again)));
  });

  it('moves the findings it keeps, and runs a rule again when an edit touches one of its findings', () => {
    // lb-0 has no monitoring: a missing-monitoring finding on its name. Edits before it move it;
    // an edit of a key missing-monitoring does not read keeps the rule's findings.
    let text = base;
    let a = analyzeText(text);
    const names = (x: Analysis): string[] => x.findings().map((f) => `${f.code}@${f.span.start}-${f.span.end}`);
    assert.ok(a.findings().some((f) => f.code === 'missing-monitoring'));
    for (const [needle, insert] of [['software: haproxy', 'software: haproxy-long-name'], ['software: nginx', 'software: x'], ['capacity: 300', 'capacity: 30'], ['tls: reencrypt', 'tls: terminate'], ['tls: true', 'tls: false']] as const) {
      const s = text.indexOf(needle);
      text = edit(text, s, s + needle.length, insert);
      a = analyzeEdit(a, text);
      assert.equal(a.reuse.topologyKept, true, needle);
      assert.deepStrictEqual(names(a), names(analyzeText(text)), needle);
      assert.ok(a.reuse.rulesRun! < RULES.length / 2, `${needle}: ${a.reuse.rulesRun} rules ran`);
    }
    // A component's whole span ends at its last value: appending to that value touches findings on it.
    const end = text.indexOf('\n', text.indexOf('monitoring: prometheus'));
    const appended = edit(text, end, end, '-agent');
    const b = analyzeEdit(a, appended);
    assert.deepStrictEqual(snapshot(b), snapshot(analyzeText(appended)));
  });

  it('builds again the entries whose firewall rules name components when the names change', () => {
    const withRule = base.replace('    firewall: true\n', '    firewall: [allow 22/tcp from web-5]\n');
    const before = analyzeText(withRule);
    before.findings();
    const s = withRule.indexOf('  web-5:') + 2;
    const renamed = edit(withRule, s, s + 5, 'web-55');
    const a = analyzeEdit(before, renamed);
    assert.equal(a.parse.incremental, true);
    assert.ok(a.reuse.entriesBuilt >= 2, `${a.reuse.entriesBuilt} entries built`);
    assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(renamed)));
  });

  it('renames a component nothing refers to in place: the topology and engines stand, and only the rules that read names or say the old one run', () => {
    // A component being added: its name typed a character at a time, then changed, then given a name
    // that something refers to (built again), or that another component has (built again).
    const withNew = base.replace('\ncomponents:\n', '\ncomponents:\n  worker:\n    kind: app-server\n    to: [db]\n').replace('    to: [web-5, app-5]', '    to: [web-5, app-5, ghost]');
    const s = withNew.indexOf('  worker:') + 2 + 'worker'.length;
    let a = analyzeText(withNew);
    a.findings();
    const failures = a.failures();
    let text = withNew;
    for (const typed of ['-', '-1', '-12', '-1', '-19']) {
      text = edit(withNew, s, s, typed);
      const topology = a.topology;
      a = analyzeEdit(a, text);
      assert.equal(a.reuse.renamed, true, typed);
      assert.equal(a.topology, topology);
      assert.equal(a.failures(), failures, 'the failure model stands');
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), typed);
      assert.deepStrictEqual(resolved(a), resolved(analyzeText(text)), typed);
      // unknown-reference (it has a finding: \`ghost\`) suggests names; a rule that says "worker" runs again too, and the four parse rules always do.
      const says = RULES.filter((r) => !r.names && a.findings().some((f) => f.code === r.code && JSON.stringify(f).includes('worker'))).length;
      assert.ok(a.reuse.rulesRun! >= 5 && a.reuse.rulesRun! <= 1 + says + 4, `${a.reuse.rulesRun} rules ran (${says} say its name)`);
    }
    // Typed at the start of the name, and deleted there again: in place too.
    const k = text.indexOf('  worker-19:') + 2;
    for (const [typed, del] of [['x', 0], ['', 1]] as const) {
      text = edit(text, k, k + del, typed);
      a = analyzeEdit(a, text);
      assert.equal(a.reuse.renamed, true, `${typed || 'deleted'} at the start of the name`);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)));
    }
    assert.equal(a.failures().unitOfComponent('worker-19'), failures.unitOfComponent('worker-19'));
    assert.ok(a.failures().unitOfComponent('worker-19') !== undefined && a.failures().unitOfComponent('worker-1') === undefined);
    const named = (n: string): string => edit(withNew, s - 'worker'.length, s, n);
    // Close to a name an unknown reference reads: in place, and the reference's "did you mean" now says it.
    const close = named('ghosts');
    const c = analyzeEdit(a, close);
    assert.equal(c.reuse.renamed, true);
    assert.ok(c.findings().some((f) => f.code === 'unknown-reference' && f.message.includes("'ghosts'")));
    assert.deepStrictEqual(snapshot(c), snapshot(analyzeText(close)));
    // Onto a name an unknown reference reads, onto another component's, and onto one that differs only in case.
    for (const n of ['ghost', 'web-2', 'Web-2', 'db']) {
      const t = named(n);
      const b = analyzeEdit(analyzeText(withNew), t);
      assert.equal(b.reuse.renamed, false, n);
      assert.deepStrictEqual(snapshot(b), snapshot(analyzeText(t)), n);
    }
    // A component others send to keeps its name only through a rebuild.
    const w = base.indexOf('  web-5:') + 2;
    const r = edit(base, w, w + 5, 'web-55');
    const b = analyzeEdit(analyzeText(base), r);
    assert.equal(b.reuse.renamed, false);
    assert.deepStrictEqual(snapshot(b), snapshot(analyzeText(r)));
  });

  it('gives a full analysis\'s findings, topology and failure model after random renames among value edits', function () {
    this.timeout(600_000);
    // Names to rename to: fresh ones, ones the designs define or refer to, and case variants.
    const NAMES = ['x', 'new-1', 'web-0', 'Web-0', 'app-1', 'db', 'lb-0', 'host-0', 'ghost', 'ghosts', 'www', 'cache-1', 'worker'];
    let steps = 0;
    let inPlace = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 4 })), { minLength: 4, maxLength: 16 }), (b, picks) => {
        // An unreferenced component first, so that some renames can be taken in place.
        let text = BASES[b]!.replace(/\ncomponents:(\r?\n)/, (m, nl: string) => `${m}  spare:${nl}    kind: app-server${nl}    to: [ghost]${nl}`);
        let a = analyzeText(text);
        a.findings();
        for (const [where, which, how] of picks) {
          const from = text.search(/\ncomponents:/);
          const keys = [...text.matchAll(/^ {2}([^ #\r\n:][^:\r\n]*):/gm)].filter((m) => m.index > from);
          if (keys.length === 0) return;
          const k = keys[where % keys.length]!;
          const start = k.index + 2;
          const name = k[1]!;
          const end = start + name.length;
          if (how === 0) text = edit(text, end, end, 'abc'[which % 3]!);
          else if (how === 1 && name.length > 1) text = edit(text, end - 1, end, '');
          else if (how === 2) text = edit(text, start, end, NAMES[which % NAMES.length]!);
          else {
            // A value edit somewhere, so that renames meet kept and pending rule runs.
            const v = [...text.matchAll(/^ {4}(software|replicas|capacity|kind): ?([^\r\n#]*)/gm)];
            if (v.length === 0) continue;
            const m = v[which % v.length]!;
            const vs = m[1] === 'kind' ? ['web-server', 'app-server', 'cache'] : m[1] === 'software' ? ['nginx', 'x'] : ['1', '2', '300'];
            const at = m.index + m[0].length - m[2]!.length;
            text = edit(text, at, m.index + m[0].length, vs[which % vs.length]!);
          }
          a = analyzeEdit(a, text);
          const full = analyzeText(text);
          assert.deepStrictEqual(snapshot(a), snapshot(full), `after renaming ${name} (${how})\n--- text ---\n${text}`);
          assert.deepStrictEqual(resolved(a), resolved(full), `after renaming ${name} (${how})`);
          steps++;
          if (a.reuse.renamed) inPlace++;
        }
      }),
      { numRuns: 120, seed: 4242 },
    );
    assert.ok(steps >= 600 && inPlace >= 60, `${inPlace} of ${steps} edits renamed a component in place`);
  });

  it('gives a full analysis\'s findings, topology and failure model after components added and removed among renames and value edits', function () {
    this.timeout(600_000);
    // Entries to add: a name being typed (no colon yet, or no value), and whole entries, some isolated
    // (nothing names them, they name nothing), some not: a `to:`, an `ip`, a name defined or referred
    // to already (in some case), a zone, a monitoring agent, a database, a load balancer.
    const NAMES = ['x', 'new-1', 'ghost', 'Web-0', 'db', 'www', 'lb-0', 'host-0', 'cache-7', 'worker'];
    const BODIES = ['', ':', ':\n    kind: cache', ':\n    kind: database', ':\n    kind: load-balancer', ':\n    kind: app-server\n    zone: zone-q',
      ':\n    kind: web-server\n    monitoring: zabbix', ':\n    kind: app-server\n    to: [db]', ':\n    kind: cache\n    ip: 10.9.9.9', ':\n    kind: web-server\n    ip: 8.8.8.8', ':\n    kind: database\n    role: replica'];
    let steps = 0;
    let inPlace = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 5 })), { minLength: 4, maxLength: 14 }), (b, picks) => {
        let text = BASES[b]!;
        if (!/\ncomponents:\r?\n {2}\S/.test(text)) return;
        let a = analyzeText(text);
        a.findings();
        for (const [where, which, how] of picks) {
          const nl = text.includes('\r\n') ? '\r\n' : '\n';
          const from = text.search(/\ncomponents:/);
          const keys = [...text.matchAll(/^ {2}([^ #\r\n:][^:\r\n]*)(:|\r?$)/gm)].filter((m) => m.index > from);
          if (keys.length === 0) return;
          const k = keys[where % keys.length]!;
          const name = k[1]!;
          if (how <= 2) {
            // A new entry before this one's line.
            const body = BODIES[(which >> 4) % BODIES.length]!.replace(/\n/g, nl);
            text = edit(text, k.index, k.index, `  ${NAMES[which % NAMES.length]}${body}${nl}`);
          } else if (how === 3) {
            // This entry removed, up to the next entry's line (or the map's end).
            const next = keys[(where % keys.length) + 1];
            const rest = text.slice(k.index).search(/\r?\n(?! {3})/);
            const end = next ? next.index : rest < 0 ? text.length : k.index + rest + (text[k.index + rest] === '\r' ? 2 : 1);
            text = edit(text, k.index, end, '');
          } else if (how === 4) {
            text = edit(text, k.index + 2 + name.length, k.index + 2 + name.length, 'abc'[which % 3]!);
          } else {
            const v = [...text.matchAll(/^ {4}(software|replicas|kind): ?([^\r\n#]*)/gm)];
            if (v.length === 0) continue;
            const m = v[which % v.length]!;
            const vs = m[1] === 'kind' ? ['web-server', 'app-server', 'cache'] : m[1] === 'software' ? ['nginx', 'x'] : ['1', '2'];
            const at = m.index + m[0].length - m[2]!.length;
            text = edit(text, at, m.index + m[0].length, vs[which % vs.length]!);
          }
          a = analyzeEdit(a, text);
          const full = analyzeText(text);
          assert.deepStrictEqual(snapshot(a), snapshot(full), `after ${how} at ${name}\n--- text ---\n${text}`);
          assert.deepStrictEqual(resolved(a), resolved(full), `after ${how} at ${name}`);
          steps++;
          if (a.reuse.added) inPlace++;
        }
      }),
      { numRuns: 120, seed: 777 },
    );
    assert.ok(steps >= 800 && inPlace >= 150, `${inPlace} of ${steps} edits added a component in place`);
  });

  it('takes over the set of names for an edit that renames nothing, and lists them again for one that does', () => {
    const before = analyzeText(base);
    const s = at('kind: web-server');
    const valueEdit = analyzeEdit(before, edit(base, s, s + 16, 'kind: app-server'));
    assert.equal(valueEdit.reuse.namesKept, true);
    // A rename, a rename onto another entry's name (a duplicate), and a new entry pasted in.
    const n = base.indexOf('  web-5:') + 2;
    const other = /\n {2}(web-\d+):/.exec(base.slice(0, n - 2))![1]!;
    for (const text of [edit(base, n, n + 5, 'web-55'), edit(base, n, n + 5, other), edit(base, n, n, 'web-new: { kind: cache }\n  ')]) {
      const a = analyzeEdit(analyzeText(base), text);
      assert.equal(a.parse.incremental, true);
      assert.equal(a.reuse.namesKept, false, text.slice(n, n + 30));
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), text.slice(n, n + 30));
    }
  });

  it('re-parses one entry for an edit in the dns map, the servers map and a top-level value', () => {
    for (const [needle, len, insert] of [['A: lb-2', 7, 'A: lb-9'], ['ip: 10.0.1.3', 12, 'ip: 10.0.1.30'], ['name: Generated', 15, 'name: Edited']] as const) {
      const s = at(needle);
      const text = edit(base, s, s + len, insert);
      const a = analyzeEdit(analyzeText(base), text);
      assert.deepStrictEqual(a.parse, { incremental: true, entries: 1 }, needle);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), needle);
    }
  });

  it('keeps re-parsing one entry over a run of keystrokes, each result equal to a full parse', () => {
    let a = analyzeText(base);
    let text = base;
    const s = at('capacity: 300', at('  app-2:')) + 'capacity: '.length;
    for (const [i, typed] of ['3', '30', '300', '3000', '30000'].entries()) {
      text = edit(base, s, s + 3, typed);
      a = analyzeEdit(a, text);
      assert.deepStrictEqual(a.parse, { incremental: true, entries: 1 }, `keystroke ${i}`);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), `keystroke ${i}`);
    }
  });

  it('keeps re-parsing entry by entry while a new entry is typed as an editor types it (Enter, auto-indent, a key without its colon yet)', () => {
    // At the end of an entry (the second component, and the last): Enter (auto-indent to the keys'
    // column), Backspace to the entries' column, the name, `:`, Enter, a key and its value. The key
    // without its colon is a syntax error; the `yaml` library would read the next entry's key as part
    // of it, which the parse splits off again (parse/runOnKeys.ts), re-parsing that entry too.
    let cases = 0;
    for (const [b, bt] of BASES.map((t, i) => [i, t] as const)) {
      const nl = bt.includes('\r\n') ? '\r\n' : '\n';
      const from = bt.indexOf(`${nl}components:`);
      const inside = from + nl.length;
      const after = bt.slice(inside).search(/\n[^ \r\n#]/);
      const until = after < 0 ? bt.length : inside + after;
      // Line ends of component entries' last lines: before each component key but the first, and the map's end.
      const keys = [...bt.slice(from, until).matchAll(/\r?\n {2}[\w-]+:/g)].map((k) => from + k.index);
      const ends = [keys[2], bt.slice(0, until).replace(/(\r?\n)+$/, '').length].filter((x): x is number => x !== undefined);
      for (const end of ends) {
        let at = end;
        let text = bt;
        let a = analyzeText(text);
        a.findings();
        const typing: [string, number][] = [[`${nl}    `, 0], ['', 2], ...[...'cache-9:'].map((c): [string, number] => [c, 0]), [`${nl}      `, 0], ['', 2], ...[...'kind: cache'].map((c): [string, number] => [c, 0])];
        let spliced = 0;
        let withErrors = 0;
        let renames = 0;
        const defined = a.design.components.map((c) => c.name);
        for (const [i, [typed, back]] of typing.entries()) {
          text = text.slice(0, at - back) + typed + text.slice(at);
          at += typed.length - back;
          a = analyzeEdit(a, text);
          // A blank line added after an entry re-parses it with the next one, both kept as they were.
          if (i < 2 && !/(^|[\s:])[&*][\w-]/.test(bt)) assert.equal(a.reuse.topologyKept, true, `base ${b} at ${end}: the topology stands across a blank line`);
          assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), `base ${b}, after ${JSON.stringify(typed)}\n${text.slice(at - 80, at + 40)}`);
          if (a.parse.incremental) spliced++;
          if (a.parse.incremental && a.parsed.errors.length > 0) withErrors++;
          if (a.reuse.renamed) renames++;
          // The name being typed is a key of its own from its first character (parse/runOnKeys.ts): no component vanishes into it.
          const now = new Set(a.design.components.map((c) => c.name));
          for (const n of defined) assert.ok(now.has(n), `base ${b} at ${end}, after ${JSON.stringify(typed)}: ${n} is still defined`);
        }
        // Anchors and aliases tie entries together: a design with them is parsed whole next to them.
        if (/(^|[\s:])[&*][\w-]/.test(bt)) continue;
        assert.equal(spliced, typing.length, `base ${b} at ${end}: ${spliced} of ${typing.length} keystrokes re-parsed incrementally`);
        assert.ok(withErrors >= 7, `base ${b} at ${end}: ${withErrors} keystrokes kept a syntax error in the entry being typed`);
        // Each character of the name after its first renames the new entry in place.
        assert.ok(renames >= 6, `base ${b} at ${end}: ${renames} keystrokes renamed in place`);
        cases++;
      }
    }
    assert.ok(cases >= 10, `${cases} places typed at`);
  });

  it('moves the line table in place for a paste of thousands of lines into one entry, and for its deletion', () => {
    const s = at('    capacity: 300', at('  app-2:'));
    const pasted = (n: number): string => Array.from({ length: n }, (_, i) => `    # line ${i}\n`).join('');
    let a = analyzeText(base);
    for (const text of [edit(base, s, s, pasted(5000)), base, edit(base, s, s, pasted(4200)), base]) {
      a = analyzeEdit(a, text);
      assert.deepStrictEqual(a.parse, { incremental: true, entries: 1 });
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)));
    }
  });

  it('splices the two entries a pasted entry makes', () => {
    const s = at('  web-2:');
    const text = edit(base, s, s, '  cache-9:\n    kind: cache\n');
    const a = analyzeEdit(analyzeText(base), text);
    assert.deepStrictEqual(a.parse, { incremental: true, entries: 2 });
    assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)));
  });

  it('lists a map whole when an edit brings it a merge key, and keeps doing so on the next edit', () => {
    const s = at('  web-2:');
    const text = edit(base, s, s, '  <<: { cache-9: { kind: cache } }\n');
    const a = analyzeEdit(analyzeText(base), text);
    assert.ok(a.design.components.some((c) => c.name === 'cache-9'), 'the merged entry is a component');
    assert.ok(!a.design.components.some((c) => c.name === '<<'), 'the merge key is not one');
    assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)));
    const v = text.indexOf('software: nginx', text.indexOf('  web-3:')) + 'software: '.length;
    const next = edit(text, v, v + 'nginx'.length, 'nginy');
    assert.deepStrictEqual(snapshot(analyzeEdit(a, next)), snapshot(analyzeText(next)));
  });

  it('parses everything again when an edit crosses entries, changes top-level indentation, adds an alias or breaks the syntax', () => {
    const cases: [string, string][] = [
      ['across two entries', edit(base, at('software: nginx'), at('kind: app-server') + 4, 'x')],
      ['a key dedented to the top level', edit(base, at('  web-3:'), at('  web-3:') + 2, '')],
      ['an alias', edit(base, at('on: host-3') + 4, at('on: host-3') + 10, '*x')],
      ['a second document', edit(base, at('components:'), at('components:'), '---\n')],
      ['a tab', edit(base, at('  web-3:') + 2, at('  web-3:') + 2, '\t')],
    ];
    for (const [what, text] of cases) {
      const a = analyzeEdit(analyzeText(base), text);
      assert.equal(a.parse.incremental, false, what);
      assert.deepStrictEqual(snapshot(a), snapshot(analyzeText(text)), what);
    }
  });

  it('keeps a syntax error with the entries it reaches, re-parsing them with their neighbour, and starts over after one it cannot place', () => {
    // An unclosed flow sequence reads the next entry's lines up to its `]`: the two are re-parsed together.
    const s = at('to: [app-4]') + 10;
    const broken = edit(base, s, s + 1, '');
    const a1 = analyzeEdit(analyzeText(base), broken);
    assert.equal(a1.parse.incremental, true);
    assert.ok(a1.parse.entries >= 1 && a1.parsed.errors.length > 0 && !a1.parsed.plain);
    assert.ok(a1.findings().some((f) => f.code === 'yaml-syntax'));
    assert.deepStrictEqual(snapshot(a1), snapshot(analyzeText(broken)));
    // Another edit elsewhere keeps the error where it is, moved; closing the sequence again clears it (parsed whole or not).
    const v = at('replicas: 2') + 'replicas: '.length;
    const elsewhere = edit(broken, v - 1, v, ' 3 ');
    const a2 = analyzeEdit(a1, elsewhere);
    assert.equal(a2.parse.incremental, true);
    assert.deepStrictEqual(snapshot(a2), snapshot(analyzeText(elsewhere)));
    const fixed = edit(elsewhere, s + 2, s + 2, ']');
    const a3 = analyzeEdit(a2, fixed);
    assert.equal(a3.parsed.errors.length, 0);
    assert.deepStrictEqual(snapshot(a3), snapshot(analyzeText(fixed)));
    // An error in the last entry of the file that reads past it cannot be placed: a full parse, and one again until it is gone.
    const end = base.trimEnd().length;
    const quoted = edit(base, end, end, ' "open');
    const b1 = analyzeEdit(analyzeText(base), quoted);
    assert.deepStrictEqual(snapshot(b1), snapshot(analyzeText(quoted)));
    const b2 = analyzeEdit(b1, base);
    assert.deepStrictEqual(snapshot(b2), snapshot(analyzeText(base)));
    const b3 = analyzeEdit(b2, edit(base, v, v + 1, '3'));
    assert.deepStrictEqual(b3.parse, { incremental: true, entries: 1 });
  });
});

describe('Analysis job (the worker thread)', () => {
  it('analyses the next version of a document from the previous one, with the diagnostics of a fresh analysis', () => {
    const text = generated(5);
    const uri = 'file:///job/design.infra.yaml';
    runJob({ id: 1, uri, version: 1, text, rules: {} });
    // A typo in one component's kind: an invalid-value finding appears in the edited entry.
    const at = text.indexOf('kind: web-server', text.indexOf('  web-3:')) + 'kind: '.length;
    const edited = text.slice(0, at) + 'web-servr' + text.slice(at + 'web-server'.length);
    const next = runJob({ id: 2, uri, version: 2, text: edited, rules: {} });
    const other = 'file:///job/other.infra.yaml';
    const fresh = runJob({ id: 3, uri: other, version: 1, text: edited, rules: {} });
    assert.equal(next.diagnostics, fresh.diagnostics.replaceAll(other, uri));
    assert.equal(next.findings, fresh.findings);
    assert.ok(JSON.parse(next.findings!).some((f: { code: string; span: { start: number } }) => f.code === 'invalid-value' && f.span.start === at));
    assert.deepStrictEqual(lastParse(uri), { incremental: true, entries: 1 });
  });

  it('yields between rule families, and a request that needs the findings in a pause finishes the same run', () => {
    const text = generated(5);
    const uri = 'file:///job/steps.infra.yaml';
    const run = (ask?: number): { pauses: number; asked?: string; done: AnalysisDone } => {
      const a = analyzeText(text);
      const steps = jobSteps({ id: 1, uri, version: 1, rules: {} }, TextDocument.create(uri, 'infra-yaml', 1, text), () => false, () => a);
      let pauses = 0;
      let asked: string | undefined;
      let r = steps.next();
      while (!r.done) {
        // A request (a code lens) in a pause asks for the findings: it runs the rest of the rules.
        if (++pauses === ask) asked = JSON.stringify(a.findings());
        r = steps.next();
      }
      assert.equal(a.reuse.rulesRun, RULES.length);
      return { pauses, asked, done: r.value! };
    };
    const families = new Set(RULES.map((x) => x.family)).size;
    const whole = run();
    // parse + model, at least one pause per rule family, serialising
    assert.ok(whole.pauses >= families + 1, `${whole.pauses} pauses for ${families} rule families`);
    // Pause 1 follows the parse and model: pause 3 is between two families.
    const cut = run(3);
    assert.ok(cut.pauses < whole.pauses);
    const fresh = runJob({ id: 2, uri, version: 1, text, rules: {} });
    assert.equal(whole.done.diagnostics, fresh.diagnostics);
    assert.equal(cut.done.diagnostics, fresh.diagnostics);
    assert.equal(cut.asked, fresh.findings);
  });
});
