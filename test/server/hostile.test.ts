// The server under hostile input, over stdio: designs whose naive analysis
// is quadratic, floods of requests with half of them cancelled, garbage and
// malformed JSON-RPC on stdin, ranges past the end of the document, and
// thousands of documents opened and closed. Time bounds only catch hangs
// (HANG_MS, far above the usual few seconds); the figures (time to
// diagnostics, peak RSS) are written to $ROBUSTNESS_FIGURES when set, and
// printed by scripts/robustness-figures.mjs.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CancellationTokenSource, CompletionRequest, HoverRequest, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LIMITS } from '../../server/src/analysis/findings';
import { chainDesign, cnameChainDesign, cnameCycleDesign, unknownRefsDesign, zoneFleetDesign } from '../unit/hostile';
import { freshUri, LspClient, ROOT, SERVER, withDeadline } from './lspClient';

/** Catches hangs only: ≥ 10× the slowest usual case (5,000-step chain, a few seconds). */
const HANG_MS = 90_000;
const SIZES = [500, 1000, 3000, 5000];

interface Figure { readonly case: string; readonly bytes: number; readonly diagnosticsMs: number; readonly peakRssMb: number; readonly diagnostics: number }
const figures: Figure[] = [];

/** Peak resident set of a process, in MB (Linux /proc; 0 elsewhere). */
function peakRssMb(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

function record(f: Figure): void {
  figures.push(f);
}

function checkPublish(name: string, d: PublishDiagnosticsParams): void {
  assert.ok(d.diagnostics.length <= LIMITS.perFile + 30, `${name}: ${d.diagnostics.length} diagnostics`);
  const size = JSON.stringify(d).length;
  assert.ok(size <= 2 * LIMITS.totalChars + 200 * d.diagnostics.length, `${name}: a publish of ${size} characters`);
}

describe('robustness: hostile designs over the wire', function () {
  this.timeout(HANG_MS * 3);

  after(function () {
    if (process.env.ROBUSTNESS_FIGURES) fs.writeFileSync(process.env.ROBUSTNESS_FIGURES, JSON.stringify(figures, null, 2));
  });

  const families: [string, (n: number) => string][] = [
    ['to: chain', chainDesign], ['CNAME chain', cnameChainDesign], ['zone fleet', zoneFleetDesign], ['CNAME loop', cnameCycleDesign],
  ];
  for (const [family, make] of families) {
    for (const n of SIZES) {
      it(`${family} of ${n}: bounded diagnostics, the server keeps answering`, async function () {
        await oneDesign(`${family} of ${n}`, make(n));
      });
    }
  }

  it('a to: list of 130,000 unknown names (1 MB): the first 1,000 and a summary', async function () {
    const d = await oneDesign('130,000 unknown names', unknownRefsDesign(130_000));
    assert.equal(d.diagnostics.filter((x) => x.code === 'unknown-reference').length, LIMITS.perRule + 1);
    assert.ok(d.diagnostics.some((x) => /^…and 129,000 more unknown-reference findings/.test(typeof x.message === 'string' ? x.message : x.message.value)));
  });

  async function oneDesign(name: string, text: string): Promise<PublishDiagnosticsParams> {
    const client = await LspClient.start();
    try {
      const uri = freshUri('hostile');
      const t0 = performance.now();
      const d = await client.openAndWait(uri, text, HANG_MS);
      const diagnosticsMs = performance.now() - t0;
      checkPublish(name, d);
      const lines = text.split('\n');
      await client.hover(uri, { line: Math.floor(lines.length / 2), character: 4 }, HANG_MS);
      await client.completion(uri, { line: lines.length - 2, character: 4 }, HANG_MS);
      assert.equal(client.exitCode, undefined, `${name}: the server exited: ${client.stderr.slice(-500)}`);
      record({ case: name, bytes: text.length, diagnosticsMs, peakRssMb: peakRssMb(client.child.pid), diagnostics: d.diagnostics.length });
      return d;
    } finally {
      await client.shutdown().catch(() => client.dispose());
    }
  }

  it('1,000 completions and 1,000 hovers at once, half cancelled: every one answered or cancelled, the server alive', async function () {
    const client = await LspClient.start();
    try {
      const text = fs.readFileSync(`${ROOT}/examples/3-scaled-up.infra.yaml`, 'utf8');
      const uri = freshUri('flood');
      await client.openAndWait(uri, text, HANG_MS);
      const lines = text.split('\n');
      const t0 = performance.now();
      const pending: Promise<'answered' | 'cancelled'>[] = [];
      for (let i = 0; i < 2000; i++) {
        const source = new CancellationTokenSource();
        const line = i % lines.length;
        const position = { line, character: Math.min(lines[line]!.length, 1 + (i % 12)) };
        const type = i % 2 ? HoverRequest.type : CompletionRequest.type;
        const p = client.connection.sendRequest(type as typeof HoverRequest.type, { textDocument: { uri }, position }, source.token)
          .then(() => 'answered' as const, (e: { code?: number }) => { if (e.code === -32800) return 'cancelled' as const; throw e; });
        if (i % 4 < 2) source.cancel();
        pending.push(p);
      }
      const outcomes = await withDeadline(Promise.all(pending), HANG_MS, '2,000 requests');
      const ms = performance.now() - t0;
      assert.equal(outcomes.length, 2000);
      assert.ok(outcomes.filter((o) => o === 'answered').length >= 1000, 'the requests not cancelled are answered');
      assert.ok(await client.hover(uri, { line: lines.findIndex((l) => l.startsWith('components:')), character: 3 }, HANG_MS));
      assert.equal(client.exitCode, undefined);
      record({ case: '2,000 requests, half cancelled', bytes: text.length, diagnosticsMs: ms, peakRssMb: peakRssMb(client.child.pid), diagnostics: outcomes.filter((o) => o === 'cancelled').length });
    } finally {
      await client.shutdown().catch(() => client.dispose());
    }
  });

  it('3,000 documents opened, edited and closed: memory stays flat', async function () {
    const client = await LspClient.start();
    try {
      const text = fs.readFileSync(`${ROOT}/examples/1-distributed.infra.yaml`, 'utf8');
      const t0 = performance.now();
      let afterWarmUp = 0;
      // In batches of 50 (the server debounces each document on its own), all 3,000 in the end.
      for (let batch = 0; batch < 60; batch++) {
        const uris = Array.from({ length: 50 }, (_, k) => freshUri(`many${batch * 50 + k}`));
        await Promise.all(uris.map((uri) => client.openAndWait(uri, text, HANG_MS)));
        await Promise.all(uris.map((uri, k) => {
          client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# edit ${batch * 50 + k}\n` }]);
          return client.current(uri, HANG_MS);
        }));
        for (const uri of uris) client.close(uri);
        if (batch === 9) afterWarmUp = rssMb(client.child.pid);
      }
      await client.hover(freshUri('none'), { line: 0, character: 0 }, HANG_MS).catch(() => null);
      const end = rssMb(client.child.pid);
      assert.equal(client.exitCode, undefined);
      if (afterWarmUp > 0) assert.ok(end < afterWarmUp * 1.5 + 64, `RSS grew from ${afterWarmUp.toFixed(0)} MB after 500 documents to ${end.toFixed(0)} MB after 3,000`);
      record({ case: `3,000 documents opened, edited, closed (RSS ${afterWarmUp.toFixed(0)} MB after 500, ${end.toFixed(0)} MB after 3,000)`, bytes: text.length * 3000, diagnosticsMs: performance.now() - t0, peakRssMb: peakRssMb(client.child.pid), diagnostics: 3000 });
    } finally {
      await client.shutdown().catch(() => client.dispose());
    }
  });

  it('a change past the end of the document (and past line ends) leaves the server with the client\'s text', async function () {
    const client = await LspClient.start();
    try {
      const base = 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n';
      const uri = freshUri('pastend');
      await client.openAndWait(uri, base, HANG_MS);
      // The client's text after these: clamped as LSP says (past the end = the end, past a line end = the line end).
      client.change(uri, [{ range: { start: { line: 40, character: 0 }, end: { line: 41, character: 3 } }, text: '  app:\n    kind: app-server\n' }]);
      client.change(uri, [{ range: { start: { line: 3, character: 99 }, end: { line: 3, character: 120 } }, text: '\n    to: [app, nope]' }]);
      const expected = base + '  app:\n    kind: app-server\n';
      const final = expected.replace('kind: web-server\n', 'kind: web-server\n    to: [app, nope]\n');
      const got = await client.current(uri, HANG_MS);
      const fresh = freshUri('pastend-fresh');
      const want = await client.openAndWait(fresh, final, HANG_MS);
      assert.deepEqual(got.diagnostics, want.diagnostics);
      assert.ok(want.diagnostics.some((d) => d.code === 'unknown-reference' && d.range.start.line === 4), JSON.stringify(want.diagnostics));
    } finally {
      await client.shutdown().catch(() => client.dispose());
    }
  });

  describe('stdin', function () {
    /** Starts a bare server and writes raw bytes to it; resolves with its exit code or 'alive'. */
    async function raw(bytes: Buffer | string, waitMs: number): Promise<{ code: number | string; stderr: string; ms: number }> {
      const t0 = performance.now();
      const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
      child.stdout.resume();
      const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
      child.stdin.write(bytes);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<'alive'>((r) => { timer = setTimeout(() => r('alive'), waitMs); })]);
      clearTimeout(timer);
      if (code === 'alive') child.kill();
      return { code, stderr, ms: performance.now() - t0 };
    }

    const framing: [string, string | Buffer][] = [
      ['a header block without Content-Length', 'Content-Type: application/json\r\n\r\n{}'],
      ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0"}'],
      ['a Content-Length that is not a number', 'Content-Length: lots\r\n\r\n{}'],
      ['a Content-Length shorter than the body', 'Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}Content-Length: 2\r\n\r\n{}'],
      ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
      ['text that is not a header', 'hello\r\n\r\n'],
    ];
    for (const [name, bytes] of framing) {
      it(`${name}: the server exits (so that the client restarts it) and says why`, async function () {
        const r = await raw(bytes, HANG_MS);
        assert.notEqual(r.code, 'alive');
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /framing error on stdin/);
        record({ case: `stdin: ${name} (time to exit)`, bytes: Buffer.byteLength(bytes), diagnosticsMs: r.ms, peakRssMb: 0, diagnostics: 0 });
      });
    }

    it('well-framed but malformed JSON-RPC: the server answers errors and stays alive', async function () {
      const client = await LspClient.start();
      try {
        const uri = freshUri('malformed');
        await client.openAndWait(uri, 'infra: 1\ncomponents:\n  web:\n    kind: web-server\n', HANG_MS);
        const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        const bodies = [
          'not json', '{', '[]', 'null', '42', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","id":1}',
          '{"jsonrpc":"2.0","id":900,"method":"textDocument/hover","params":null}',
          '{"jsonrpc":"2.0","id":901,"method":"textDocument/hover","params":{"textDocument":{"uri":42},"position":"x"}}',
          '{"jsonrpc":"2.0","id":902,"method":"textDocument/completion","params":{"textDocument":{"uri":"' + uri + '"},"position":{"line":-1,"character":1e308}}}',
          '{"jsonrpc":"2.0","id":903,"method":"no/such/method","params":{}}',
          '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nope","version":2},"contentChanges":[{"text":5}]}}',
          '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}',
          '{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":{}}',
        ];
        const t0 = performance.now();
        for (const b of bodies) client.child.stdin!.write(frame(b));
        const h = await client.hover(uri, { line: 2, character: 3 }, HANG_MS);
        assert.ok(h, 'a hover after the malformed messages');
        assert.equal(client.exitCode, undefined, client.stderr.slice(-500));
        record({ case: `stdin: ${bodies.length} malformed JSON-RPC messages (time to the next hover)`, bytes: bodies.join('').length, diagnosticsMs: performance.now() - t0, peakRssMb: peakRssMb(client.child.pid), diagnostics: 0 });
      } finally {
        await client.shutdown().catch(() => client.dispose());
      }
    });
  });
});
