// The lessons: each course task's checklist, computed from the model. Each
// reference design completes its own lesson and not the next one; each item
// flips to "not done" when the one piece it asks for is taken out of the
// design that has it; the checklist reaches the editor as code lenses above
// `lesson:`, and the key validates, completes and hovers like the others.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, reportedFindings } from '../../server/src/analysis/analyze';
import { createLanguageService } from '../../server/src/analysis/languageService';
import { checklist, LESSON_SPECS } from '../../server/src/analysis/lessons/checklist';
import { LESSONS, Lesson } from '../../server/src/analysis/vocabulary';
import { marked } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.resolve(ROOT, '../shared/examples');
const STARTS = path.join(ROOT, 'media/walkthrough/lessons');
const REFERENCE: Readonly<Record<Lesson, string>> = {
  'simple-stack': '0-simple-web-stack.infra.yaml',
  distributed: '1-distributed.infra.yaml',
  'secured-monitored': '2-secured-monitored.infra.yaml',
  'scaled-up': '3-scaled-up.infra.yaml',
};
const reference = (l: Lesson): string => fs.readFileSync(path.join(SHARED, REFERENCE[l]), 'utf8');
const check = (text: string, l: Lesson) => checklist(analyzeText(text).topology, l);
const missing = (text: string, l: Lesson): string[] => check(text, l).filter((i) => !i.done).map((i) => i.id);

/** A reference design with one piece taken out: `from` must occur in it, once. */
function without(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'g')) ?? []).length;
  assert.equal(count, 1, `the mutation ${String(from)} must match exactly once`);
  return text.replace(from, to);
}

/** Per lesson item: the edit of its lesson's reference design that takes that one item away. */
const TAKE_AWAY: Readonly<Record<Lesson, Readonly<Record<string, (t: string) => string>>>> = {
  'simple-stack': {
    domain: (t) => without(t, 'domain: foobar.com\n', ''),
    'www-record': (t) => without(t, '  www:\n', '  api:\n'),
    'one-server': (t) => without(t, '    role: primary\n    on: server-1\n', '    role: primary\n'),
    'web-server': (t) => without(t, 'kind: web-server', 'kind: app-server'),
    'app-server': (t) => without(t, '    kind: app-server', '    kind: web-server'),
    database: (t) => without(t, 'kind: database', 'kind: cache'),
    'web-app-db': (t) => without(t, '    to: mysql\n', ''),
  },
  distributed: {
    'two-servers': (t) => without(t, /(web-2:\n(?: .*\n)*?) {4}on: server-2/, '$1    on: server-1'),
    'load-balancer': (t) => without(t, '    algorithm: round-robin\n', ''),
    'www-to-lb': (t) => without(t, 'A: lb-1', 'A: 10.0.0.11'),
    'lb-to-two-web': (t) => without(t, 'to: [web-1, web-2]', 'to: [web-1]'),
    'primary-replica': (t) => without(t, '    replicates: db-primary\n', ''),
  },
  'secured-monitored': {
    'three-firewalls': (t) => without(t, '    firewall: [allow 443/tcp from any, allow 80/tcp from any]\n', ''),
    'ssl-www': (t) => without(t, 'certificate: www.foobar.com', 'certificate: api.foobar.com'),
    'three-monitoring': (t) => without(t, '    monitoring: sumologic\n    to: [web-1, web-2]', '    to: [web-1, web-2]'),
  },
  'scaled-up': {
    'lb-cluster': (t) => without(without(t, '    cluster: { peers: [lb-2], mode: active-active }\n', ''), '    cluster: { peers: [lb-1], mode: active-active }\n', ''),
    'web-own': (t) => onBox(t, 'web-1: &web\n', 'app-1: &app\n'),
    'app-own': (t) => onBox(t, 'app-1: &app\n', 'db-1:\n'),
    'db-own': (t) => onBox(t, 'db-1:\n', 'web-1: &web\n'),
  },
};

/** Two components of different tiers moved onto one declared server. */
function onBox(t: string, a: string, b: string): string {
  const moved = without(without(t, a, `${a}    on: box-1\n`), b, `${b}    on: box-1\n`);
  return moved.replace('\ncomponents:\n', '\nservers:\n  box-1:\n    firewall: true\n    monitoring: sumologic\n\ncomponents:\n');
}

function lens(text: string): { line: number; titles: string[] } {
  const doc = TextDocument.create('file:///l.infra.yaml', 'infra-yaml', 1, text);
  const all = createLanguageService().codeLenses(doc);
  const head = all.find((l) => /^Lesson \d/.test(l.command?.title ?? ''));
  if (!head) return { line: -1, titles: [] };
  const line = head.range.start.line;
  const lenses = all.filter((l) => l.range.start.line === line && /^(Lesson \d|✓ |○ )/.test(l.command?.title ?? ''));
  return { line, titles: lenses.map((l) => l.command!.title) };
}

describe('lessons', () => {
  describe('the reference designs', () => {
    for (const l of LESSONS) {
      it(`${REFERENCE[l]} completes the checklist of lesson ${l}`, () => {
        assert.deepEqual(missing(reference(l), l), []);
      });
    }
    for (let i = 1; i < LESSONS.length; i++) {
      const prev = LESSONS[i - 1]!, next = LESSONS[i]!;
      it(`${REFERENCE[prev]} (lesson ${prev}) does not complete lesson ${next}`, () => {
        assert.ok(missing(reference(prev), next).length > 0, `nothing missing for ${next}`);
      });
    }
  });

  describe('each checklist item', () => {
    for (const l of LESSONS) {
      const items = LESSON_SPECS[l].items.map((i) => i.id);
      it(`lesson ${l} has a take-away test for every item and no other`, () => {
        assert.deepEqual(Object.keys(TAKE_AWAY[l]).sort(), [...items].sort());
      });
      for (const id of items) {
        it(`${l} / ${id}: done in the reference design, not done once that piece is taken away`, () => {
          const text = reference(l);
          assert.ok(check(text, l).find((i) => i.id === id)?.done, 'done in the reference design');
          const changed = TAKE_AWAY[l][id]!(text);
          assert.notEqual(changed, text);
          const after = check(changed, l).find((i) => i.id === id);
          assert.equal(after?.done, false, `still done after the change:\n${changed}`);
        });
      }
    }
  });

  it('the tooltip of both lenses lists the whole checklist', () => {
    const doc = TextDocument.create('file:///t.infra.yaml', 'infra-yaml', 1, 'infra: 1\nlesson: secured-monitored\ncomponents:\n  web:\n    kind: web-server\n    firewall: true\n');
    const lenses = createLanguageService().codeLenses(doc).filter((l) => /^(Lesson 3|○ next)/.test(l.command?.title ?? ''));
    assert.equal(lenses.length, 2);
    for (const l of lenses) assert.equal(l.command?.tooltip, 'What a secured and monitored web stack asks for:\n○ three firewalls (1 of 3)\n○ an SSL certificate for www\n○ three monitoring clients (0 of 3)');
  });

  it('counted items say how far along they are', () => {
    const item = check(TAKE_AWAY['secured-monitored']['three-firewalls']!(reference('secured-monitored')), 'secured-monitored').find((i) => i.id === 'three-firewalls');
    assert.deepEqual(item, { id: 'three-firewalls', label: 'three firewalls', done: false, progress: '2 of 3' });
  });

  describe('the starting files', () => {
    LESSONS.forEach((l, i) => {
      const file = fs.readdirSync(STARTS).find((f) => f.startsWith(`${i + 1}-`))!;
      it(`${file} follows lesson ${l}, is well formed, and leaves the checklist to do`, () => {
        const text = fs.readFileSync(path.join(STARTS, file), 'utf8');
        const a = analyzeText(text);
        assert.equal(a.design.lesson?.value, l);
        // It may carry the previous design's flaws (that is the lesson), never a mistake in the format.
        const format = ['yaml-syntax', 'unknown-key', 'invalid-value', 'missing-key', 'unknown-reference', 'duplicate-name'];
        assert.deepEqual(reportedFindings(a).filter((f) => format.includes(f.code)).map((f) => f.message), []);
        assert.ok(missing(text, l).length > 0);
      });
    });
  });

  describe('the code lens', () => {
    it('stands on the lesson line: a headline, then the next item still to do', () => {
      const text = reference('distributed').replace('name: ', 'lesson: distributed\nname: ').replace('    replicates: db-primary\n', '');
      const line = text.split('\n').indexOf('lesson: distributed');
      const got = lens(text);
      assert.equal(got.line, line);
      assert.deepEqual(got.titles, [
        'Lesson 2 of 4, a distributed web stack: 4 of 5 done',
        '○ next: primary-replica database',
      ]);
    });

    it('shows on a design with no components yet', () => {
      const got = lens('infra: 1\nlesson: simple-stack\ncomponents:\n');
      assert.equal(got.line, 1);
      assert.equal(got.titles[0], 'Lesson 1 of 4, a simple web stack: 0 of 7 done');
      assert.deepEqual(got.titles.slice(1), ['○ next: a domain name, then 6 more']);
    });

    it('says how far a counted next item is', () => {
      const text = 'infra: 1\nlesson: secured-monitored\ncomponents:\n  web:\n    kind: web-server\n    firewall: true\n';
      assert.deepEqual(lens(text).titles, ['Lesson 3 of 4, a secured and monitored web stack: 0 of 3 done', '○ next: three firewalls (1 of 3), then 2 more']);
    });

    it('fits a narrow editor: the row stays short whatever the lesson and whatever is done', () => {
      // About 1000 px of editor at the default font: the row (titles joined by " | ") must stay well inside it.
      const texts = [
        ...LESSONS.map((l) => `infra: 1\nlesson: ${l}\ncomponents:\n`),
        ...LESSONS.map((l, i) => fs.readFileSync(path.join(STARTS, fs.readdirSync(STARTS).find((f) => f.startsWith(`${i + 1}-`))!), 'utf8')),
      ];
      for (const text of texts) {
        const row = lens(text).titles.join(' | ');
        assert.ok(row.length > 0 && row.length <= 110, `${row.length} characters: ${row}`);
      }
    });

    it('says all done when the design has everything', () => {
      assert.deepEqual(lens(reference('scaled-up').replace('name: ', 'lesson: scaled-up\nname: ')).titles, [
        'Lesson 4 of 4, a scaled-up web stack: all done',
      ]);
    });

    it('is absent without a lesson, and for an unknown one (which is an invalid-value)', () => {
      assert.deepEqual(lens(reference('distributed')).titles, []);
      const text = 'infra: 1\nlesson: distribute\ncomponents:\n';
      assert.deepEqual(lens(text).titles, []);
      const f = reportedFindings(analyzeText(text));
      assert.deepEqual(f.map((x) => [x.code, text.slice(x.span.start, x.span.end)]), [['invalid-value', 'distribute']]);
      assert.match(f[0]!.message, /Did you mean 'distributed'\?/);
    });
  });

  describe('the lesson key', () => {
    const service = createLanguageService();
    let version = 0;
    const at = (source: string) => {
      const m = marked(source);
      const doc = TextDocument.create('file:///k.infra.yaml', 'infra-yaml', ++version, m.text);
      return { doc, pos: doc.positionAt(m.cursor!) };
    };
    it('completes at the top level and offers the four lessons as values', () => {
      const top = at('infra: 1\nles|\ncomponents:\n');
      assert.ok(service.complete(top.doc, top.pos).items.some((i) => i.label === 'lesson'));
      const value = at('infra: 1\nlesson: |\ncomponents:\n');
      assert.deepEqual(service.complete(value.doc, value.pos).items.map((i) => i.label), [...LESSONS]);
    });
    it('hovers: the key says what it does, a value states its task', () => {
      const key = at('infra: 1\nles|son: distributed\ncomponents:\n');
      assert.match(JSON.stringify(service.hover(key.doc, key.pos)?.contents), /Names one of the four tasks of the course/);
      const value = at('infra: 1\nlesson: distri|buted\ncomponents:\n');
      assert.match(JSON.stringify(service.hover(value.doc, value.pos)?.contents), /A load balancer \(HAProxy\) receives every request/);
    });
  });

  it('the walkthrough page of each lesson lists exactly its checklist', () => {
    for (const l of LESSONS) {
      const page = fs.readFileSync(path.join(ROOT, `media/walkthrough/lesson-${l}.md`), 'utf8');
      const listed = page.split('\n').filter((s) => s.startsWith('- ')).map((s) => s.slice(2));
      assert.deepEqual(listed, LESSON_SPECS[l].items.map((i) => i.label), l);
    }
  });

  it('the manifest has a walkthrough per lesson: its pages exist and its link starts that lesson', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; walkthroughs: { id: string; steps: { description: string; media: { markdown: string } }[] }[] } };
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'infraYaml.startLesson'));
    LESSONS.forEach((l, i) => {
      const w = pkg.contributes.walkthroughs.find((x) => x.id === `lesson-${l}`);
      assert.ok(w, `walkthrough lesson-${l}`);
      for (const step of w.steps) assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
      const link = /\(command:infraYaml\.startLesson\?([^)]+)\)/.exec(w.steps[0]!.description);
      assert.deepEqual(link && JSON.parse(decodeURIComponent(link[1]!)), [l]);
      assert.ok(fs.existsSync(path.join(STARTS, `${i + 1}-${l}.infra.yaml`)), `starting file of ${l}`);
    });
  });
});
