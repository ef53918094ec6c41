// Robustness: the server must survive anything an editor can send it — every
// prefix of the reference designs, thousands of random edits, the YAML test
// suite, alias bombs and cycles, huge files, deep nesting, a 1 MB line — and
// after each keep answering hover/completion and publishing diagnostics in
// bounded time, never exiting. The same inputs also go straight through the
// core (`analyzeText(...).findings()`), which finds crashes faster.
//
// Deterministic: random edits come from a seeded PRNG (SEED below).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import { seededRandom } from '../../server/src/analysis/simulate/random';
import { freshUri, LspClient, positionAt, ROOT, SERVER } from './lspClient';

const EXAMPLES = path.resolve(ROOT, 'test/fixtures/designs');
const SUITE = path.resolve(ROOT, '../shared/data/yaml-test-suite');
const SEED = 0x1f2e3d4c;
const RANDOM_EDITS = 2500;
/** Bound for publishDiagnostics / hover / completion after one input. */
const BOUND_MS = 30_000; // only catches hangs: far above any normal time, so a loaded 2-core machine cannot fail it
/** Documents edited in parallel (the server debounces per document). */
const LANES = 12;

// ------------------------------------------------------------------ inputs

interface Input { readonly name: string; readonly text: string }

const designs: Input[] = fs.existsSync(EXAMPLES)
  ? fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.infra.yaml')).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8') }))
  : [];

function prefixes(): Input[] {
  const out: Input[] = [];
  for (const d of designs) {
    const lines = d.text.split('\n');
    for (let k = 0; k <= lines.length; k++) out.push({ name: `${d.name} cut after line ${k}`, text: lines.slice(0, k).join('\n') });
  }
  return out;
}

const ODD = [':', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '\t', '#', '-', '?', ',', '\n', ' ', '  ', '<<', '---', '...', 'é', 'λ', '中', '😀', '\u200b', '\ufeff', '\r', '\r\n', '\\', '\0', 'kind', 'to', 'on', '*web', '&x', '!!binary', '{a: [b, {c: d}]}'];

function randomEdits(count: number): Input[] {
  const rnd = seededRandom(SEED);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const out: Input[] = [];
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i % 12 === 0) text = pick(designs).text; // start again from a valid design now and then
    const ops: string[] = [];
    for (let k = 1 + int(3); k > 0; k--) {
      const at = int(text.length + 1);
      const len = 1 + int(Math.min(60, text.length + 1));
      switch (int(6)) {
        case 0: text = text.slice(0, at) + text.slice(at + len); ops.push(`del ${at}+${len}`); break;
        case 1: {
          let s = '';
          for (let j = 1 + int(6); j > 0; j--) s += pick(ODD);
          text = text.slice(0, at) + s + text.slice(at); ops.push(`ins ${at} ${JSON.stringify(s)}`); break;
        }
        case 2: { const from = int(text.length + 1); text = text.slice(0, at) + text.slice(from, from + len * 2) + text.slice(at); ops.push(`dup ${from}+${len * 2}@${at}`); break; }
        case 3: { // move a line elsewhere (indentation changes)
          const lines = text.split('\n');
          const [l] = lines.splice(int(lines.length), 1);
          lines.splice(int(lines.length + 1), 0, (rnd() < 0.5 ? ' ' : '') + (l ?? ''));
          text = lines.join('\n'); ops.push('move line'); break;
        }
        case 4: { const c = String.fromCharCode(32 + int(95)); text = text.slice(0, at) + c + text.slice(at + 1); ops.push(`set ${at} ${JSON.stringify(c)}`); break; }
        default: { const other = pick(designs).text; const from = int(other.length); text = text.slice(0, at) + other.slice(from, from + len * 3) + text.slice(at); ops.push('splice'); break; }
      }
    }
    out.push({ name: `random edit #${i} (${ops.join('; ')})`, text });
  }
  return out;
}

function yamlSuite(): Input[] {
  if (!fs.existsSync(SUITE)) return [];
  return fs.readdirSync(SUITE).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ name: `yaml-test-suite/${f}`, text: fs.readFileSync(path.join(SUITE, f), 'utf8') }));
}

/** 9 levels of 9 aliases ("billion laughs"), used where the schema walks. */
function aliasBomb(): string {
  let s = 'infra: 1\nname: &a0 "lol"\nx-bomb:\n';
  for (let i = 1; i <= 9; i++) s += `  - &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s + 'domain: *a9\ncomponents:\n  web:\n    kind: web-server\n    to: *a9\n    on: *a9\n    certificate: *a9\n    firewall: *a9\n';
}

/** 9 levels of 9 merge keys, each level merging the previous one nine times. */
function mergeBomb(): string {
  let s = 'infra: 1\ncomponents:\n  a0: &a0 {kind: web-server, firewall: true, monitoring: true}\n';
  for (let i = 1; i <= 9; i++) s += `  a${i}: &a${i}\n    <<: [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
}

const CYCLES: Input[] = [
  { name: 'self-referential merge', text: 'infra: 1\ncomponents:\n  web: &w\n    kind: web-server\n    <<: *w\n    to: *w\n' },
  { name: 'alias of its own container', text: 'infra: 1\ncomponents: &c\n  web:\n    kind: web-server\n    <<: *c\n  more: *c\n' },
  { name: 'sequence containing itself', text: 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n    to: &t [a, *t]\n' },
  { name: 'mutual merges', text: 'infra: 1\ncomponents:\n  a: &a\n    kind: web-server\n    <<: *b\n  b: &b\n    kind: web-server\n    <<: *a\n' },
  { name: 'document that is its own alias', text: '&d {infra: 1, components: *d}\n' },
  { name: 'alias to an undefined anchor', text: 'infra: 1\ncomponents:\n  web: *nothing\n  app:\n    <<: *nothing\n' },
];

/** A valid design of about `bytes` bytes: design 3's components copied under new names. */
function bigDesign(bytes: number): string {
  const d3 = designs.find((d) => d.name.startsWith('3-'))!.text.replace(/ &web| &app/g, '');
  const [head, body] = d3.split('components:\n') as [string, string];
  const expanded = body.replace('  web-2: *web\n', body.slice(body.indexOf('  web-1:'), body.indexOf('  web-2:')).replace('web-1:', 'web-2:'))
    .replace('  app-2: *app\n', body.slice(body.indexOf('  app-1:'), body.indexOf('  app-2:')).replace('app-1:', 'app-2:'));
  const parts: string[] = [head, 'components:\n'];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const copy = i === 0 ? expanded : expanded.replace(/\b(lb|web|app|db)-(\d)\b/g, `$1-$2-c${i}`);
    parts.push(copy);
    size += copy.length;
  }
  return parts.join('');
}

function specials(): Input[] {
  return [
    { name: 'alias bomb (9 levels of 9 aliases)', text: aliasBomb() },
    { name: 'merge-key bomb (9 levels of 9 `<<` merges)', text: mergeBomb() },
    ...CYCLES,
    { name: '10,000 nested [', text: 'infra: 1\ncomponents: ' + '['.repeat(10_000) + '\n' },
    { name: '10,000 nested [ closed', text: 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n    to: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n' },
    { name: '10,000 nested {', text: 'infra: 1\ncomponents: ' + '{a: '.repeat(10_000) + '\n' },
    { name: '2,000 nested block mappings', text: 'infra: 1\ncomponents:\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(2 + i) + `k${i}:`).join('\n') + '\n' },
    { name: 'a 1 MB line (scalar)', text: 'infra: 1\nname: ' + 'x'.repeat(1 << 20) + '\ncomponents: {}\n' },
    { name: 'a 1 MB line (flow list of names)', text: 'infra: 1\ncomponents:\n  web: {kind: web-server, to: [' + Array.from({ length: 120_000 }, (_, i) => `w${i}`).join(', ').slice(0, 1 << 20) + ']}\n' },
    { name: 'a 5 MB design', text: bigDesign(5 << 20) },
    { name: 'empty', text: '' },
    { name: 'only a BOM and spaces', text: '\ufeff   \n\t\n' },
    { name: 'many documents', text: Array.from({ length: 200 }, () => designs[0]!.text).join('\n---\n') },
    { name: 'NUL bytes and lone surrogates', text: 'infra: 1\ncomponents:\n  w\u0000eb:\n    kind: "\ud800"\n    to: [\udfff]\n' },
    { name: 'CRLF design', text: designs[3]!.text.replace(/\n/g, '\r\n') },
    { name: '100,000 components in one flow map line', text: 'infra: 1\ncomponents: {' + Array.from({ length: 20_000 }, (_, i) => `c${i}: {kind: cache}`).join(', ') + '}\n' },
  ];
}

/** A hang bound for one input: 30 s, plus 20 s per MB to read huge inputs. */
function boundFor(text: string): number {
  return BOUND_MS + Math.floor(text.length / (1 << 20)) * 20_000;
}

// ------------------------------------------------------------------ tests

describe('robustness', function () {
  this.timeout(900_000);

  let corpus: { prefixes: Input[]; random: Input[]; suite: Input[]; specials: Input[] };
  before(function () {
    assert.ok(designs.length >= 4, `reference designs in ${EXAMPLES}`);
    corpus = { prefixes: prefixes(), random: randomEdits(RANDOM_EDITS), suite: yamlSuite(), specials: specials() };
  });

  describe('the core, directly', function () {
    function runCore(inputs: Input[], slowMs: number): void {
      const crashes: string[] = [];
      const slow: string[] = [];
      for (const input of inputs) {
        const t0 = performance.now();
        try {
          const a = analyzeText(input.text);
          const findings = a.findings();
          for (const f of findings) {
            if (!(f.span.start >= 0 && f.span.end >= f.span.start && f.span.start <= input.text.length)) {
              crashes.push(`${input.name}: ${f.code} has a bad span ${JSON.stringify(f.span)} (text length ${input.text.length})`);
              break;
            }
          }
        } catch (e) {
          crashes.push(`${input.name}: ${e instanceof Error ? e.stack?.split('\n').slice(0, 4).join(' | ') : String(e)}`);
        }
        const dt = performance.now() - t0;
        if (dt > slowMs) slow.push(`${input.name}: ${dt.toFixed(0)} ms`);
      }
      assert.deepEqual(crashes, [], `${crashes.length} crash(es):\n${crashes.slice(0, 10).join('\n')}`);
      assert.deepEqual(slow, [], `${slow.length} slow input(s):\n${slow.slice(0, 10).join('\n')}`);
    }

    it('every prefix of every reference design', function () { runCore(corpus.prefixes, BOUND_MS); });
    it(`${RANDOM_EDITS} random edits of the reference designs`, function () { runCore(corpus.random, BOUND_MS); });
    it('every input of the YAML test suite', function () {
      assert.ok(corpus.suite.length >= 400, `${corpus.suite.length} suite inputs`);
      runCore(corpus.suite, BOUND_MS);
    });
    it('alias bombs and cycles, huge and deep inputs', function () {
      for (const s of corpus.specials) runCore([s], boundFor(s.text));
    });
  });

  describe('the server, over stdio (one process for all inputs)', function () {
    let client: LspClient;
    let lanes: string[];
    const worst = { diagnostics: 0, request: 0, name: '' };

    before(async function () {
      assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
      client = await LspClient.start({ settings: {} });
      lanes = [];
      for (let i = 0; i < LANES; i++) {
        const uri = freshUri(`robust-lane${i}`);
        await client.openAndWait(uri, designs[i % designs.length]!.text);
        lanes.push(uri);
      }
    });

    after(async function () {
      if (process.env.ROBUSTNESS_VERBOSE) console.log(`worst: diagnostics ${worst.diagnostics.toFixed(0)} ms, request ${worst.request.toFixed(0)} ms (${worst.name})`);
      if (client && client.exitCode === undefined) await client.shutdown().catch(() => client.dispose());
    });

    /** Sends one input to a lane and checks the server answers within the bound. */
    async function feed(uri: string, input: Input): Promise<void> {
      const bound = boundFor(input.text);
      const t0 = performance.now();
      const version = client.replace(uri, input.text);
      const diags = client.current(uri, bound);
      // a hover somewhere in the middle, a completion at the end of the first line
      const mid = positionAt(input.text, Math.floor(input.text.length / 2));
      const firstLineEnd = { line: 0, character: Math.min(input.text.indexOf('\n') < 0 ? input.text.length : input.text.indexOf('\n'), 200) };
      const [h, c] = await Promise.allSettled([client.hover(uri, mid, bound), client.completion(uri, firstLineEnd, bound)]);
      const tRequest = performance.now() - t0;
      assert.equal(h.status, 'fulfilled', `${input.name}: hover: ${h.status === 'rejected' ? String(h.reason) : ''}`);
      assert.equal(c.status, 'fulfilled', `${input.name}: completion: ${c.status === 'rejected' ? String(c.reason) : ''}`);
      const d = await diags.catch((e: unknown) => { throw new Error(`${input.name}: ${String(e)}`); });
      const tDiag = performance.now() - t0;
      assert.equal(d.version, version);
      assert.ok(tDiag <= bound && tRequest <= bound, `${input.name}: diagnostics after ${tDiag.toFixed(0)} ms, hover/completion after ${tRequest.toFixed(0)} ms (bound ${bound} ms)`);
      if (tDiag > worst.diagnostics) Object.assign(worst, { diagnostics: tDiag, name: input.name });
      worst.request = Math.max(worst.request, tRequest);
      assert.equal(client.exitCode, undefined, `the server exited after ${input.name}: ${client.stderr.slice(-500)}`);
    }

    /** Feeds inputs over all lanes in parallel, one input per lane at a time. */
    async function feedAll(inputs: Input[]): Promise<void> {
      let next = 0;
      await Promise.all(lanes.map(async (uri) => {
        while (next < inputs.length) await feed(uri, inputs[next++]!);
      }));
      const failures = client.logs.filter((l) => l.type === 1 || /failed|uncaught/i.test(l.message));
      assert.deepEqual(failures.map((l) => l.message.split('\n').slice(0, 3).join(' | ')), [], 'the server logged handler failures');
    }

    it('every prefix of every reference design (didChange with the full text)', async function () {
      await feedAll(corpus.prefixes);
    });

    it(`${RANDOM_EDITS} random edits of the reference designs`, async function () {
      await feedAll(corpus.random);
    });

    it('every input of the YAML test suite', async function () {
      await feedAll(corpus.suite);
    });

    for (const name of ['alias bomb (9 levels of 9 aliases)', 'merge-key bomb (9 levels of 9 `<<` merges)', 'self-referential merge', 'alias of its own container', 'sequence containing itself',
      'mutual merges', 'document that is its own alias', 'alias to an undefined anchor', '10,000 nested [', '10,000 nested [ closed', '10,000 nested {',
      '2,000 nested block mappings', 'a 1 MB line (scalar)', 'a 1 MB line (flow list of names)', 'a 5 MB design', 'empty', 'only a BOM and spaces',
      'many documents', 'NUL bytes and lone surrogates', 'CRLF design', '100,000 components in one flow map line']) {
      it(`special input: ${name}`, async function () {
        const input = corpus.specials.find((s) => s.name === name)!;
        assert.ok(input, name);
        await feed(lanes[0]!, input);
      });
    }

    it('after everything, the reference designs still get their usual diagnostics', async function () {
      const uri = lanes[0]!;
      client.replace(uri, designs[3]!.text);
      assert.deepEqual((await client.current(uri)).diagnostics, []);
      client.replace(uri, designs[0]!.text);
      assert.ok((await client.current(uri)).diagnostics.some((d) => d.code === 'single-point-of-failure'));
      assert.equal(client.exitCode, undefined);
    });
  });
});

// Inputs that currently make the analysis take far longer than the bound.
// Each starts its own server so that a slow analysis cannot hold up the rest.
describe('robustness: known slow inputs (bugs)', function () {
  this.timeout(120_000);

  async function timeOverWire(text: string): Promise<number> {
    const client = await LspClient.start();
    try {
      const uri = freshUri('slow');
      const t0 = performance.now();
      await client.openAndWait(uri, text, 90_000);
      return performance.now() - t0;
    } finally {
      client.dispose();
    }
  }

  // Bug: every alias is resolved with yaml's Alias.resolve(doc), which walks
  // the whole document (server/src/analysis/parse/yamlDocument.ts, deref), so
  // the cost is (number of aliases) × (document size): quadratic.
  it('a 380 KB design using 600 aliases (like `web-2: *web`) is answered within 5 s', async function () {
    const d3 = designs.find((d) => d.name.startsWith('3-'))!.text;
    const [head, body] = d3.split('components:\n') as [string, string];
    let comps = '';
    for (let i = 0; i < 300; i++) {
      comps += body.replace(/\b(lb|web|app|db)-(\d)\b/g, `$1-$2-c${i}`).replace(/&(web|app)\b/g, `&$1${i}`).replace(/\*(web|app)\b/g, `*$1${i}`);
    }
    const text = `${head}components:\n${comps}`;
    const t = await timeOverWire(text);
    assert.ok(t <= BOUND_MS, `diagnostics for a ${(text.length / 1024).toFixed(0)} KB design with 600 aliases took ${t.toFixed(0)} ms`);
  });
});
