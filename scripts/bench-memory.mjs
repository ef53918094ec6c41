#!/usr/bin/env node
// Where the language server's memory goes while a large design is edited:
// open a generated design, make N one-character edits (a character typed
// after a value, then deleted; each waits for its diagnostics), then a
// pause (on a server without a worker, the request thread then brings its own model up to date). The server
// runs with --trace-gc over a named pipe (stdout stays free for the GC
// trace); per phase it prints RSS and peak RSS (the whole process:
// request thread + analysis worker), the heap of each thread (the bench-only
// request of server/src/features/heapReport.ts: used, and committed — what
// the heap holds from the system), and GC time per isolate against the
// process's CPU time (the GC share).
//
//   node scripts/bench-memory.mjs [--size 10000] [--edits 15] [--server dist/server.js]
//     [--retained]           full collection in both threads before each heap report (--expose-gc):
//                            `used` is then what each thread retains; it lowers the peaks that follow
//     [--node-arg ARG]...    extra node options for the server (e.g. --max-semi-space-size=4)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDesign } from './gen-design.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const rpc = require('vscode-languageserver-protocol/node');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const SIZE = Number(opt('--size', '10000'));
const EDITS = Number(opt('--edits', '15'));
const SERVER = path.resolve(ROOT, opt('--server', 'dist/server.js'));
const RETAINED = argv.includes('--retained');
const NODE_ARGS = argv.flatMap((a, i) => (a === '--node-arg' ? [argv[i + 1]] : []));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-bench-mem-'));
const pipe = path.join(tmp, 'lsp.sock');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const listening = net.createServer();
const connected = new Promise((resolve) => listening.once('connection', resolve));
await new Promise((resolve) => listening.listen(pipe, resolve));
const child = spawn(process.execPath, ['--trace-gc', ...(RETAINED ? ['--expose-gc'] : []), ...NODE_ARGS, SERVER, `--pipe=${pipe}`], {
  cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, INFRA_YAML_BENCH_HEAP: '1' },
});
// "[pid:0xISOLATE]  1234 ms: Scavenge 12.3 (15.0) -> 11.1 (16.0) MB, 1.23 / 0.00 ms ..."
const gcMs = new Map();
const gcByKind = new Map();
const GC_LOG = opt('--gc-log', undefined);
let gcBuf = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (s) => {
  gcBuf += s;
  const lines = gcBuf.split('\n');
  gcBuf = lines.pop();
  for (const l of lines) {
    const m = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (\w[\w-]*).*?MB, ([\d.]+) \/ [\d.]+ ms/.exec(l);
    if (!m) continue;
    gcMs.set(m[1], (gcMs.get(m[1]) ?? 0) + Number(m[3]));
    const k = `${m[1]} ${m[2]}`;
    const e = gcByKind.get(k) ?? { n: 0, ms: 0 };
    e.n++; e.ms += Number(m[3]);
    gcByKind.set(k, e);
    if (GC_LOG) fs.appendFileSync(GC_LOG, l + '\n');
  }
});
const socket = await connected;
const conn = rpc.createProtocolConnection(new rpc.SocketMessageReader(socket), new rpc.SocketMessageWriter(socket));
const waiters = [];
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => { for (const w of [...waiters]) if (w.v === p.version) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); } });
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
conn.onRequest('client/registerCapability', () => null);
conn.onNotification('window/logMessage', () => undefined);
conn.listen();
const diagFor = (v) => new Promise((resolve) => waiters.push({ v, resolve }));

const status = () => { const s = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'); return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)[1]) / 1024, hwm: Number(/VmHWM:\s+(\d+)/.exec(s)[1]) / 1024 }; };
const cpuMs = () => { const f = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 1000 / 100; };
const rows = [];
/** Keystroke → its diagnostics, ms, per edit. */
const latencies = [];
let minRss = Infinity, maxRss = 0;
let sampling = true;
void (async () => { while (sampling) { try { const { rss } = status(); minRss = Math.min(minRss, rss); maxRss = Math.max(maxRss, rss); } catch { /* gone */ } await sleep(20); } })();
const MB = (b) => (b === undefined ? undefined : b / 1048576);
const fmt = (n) => (n === undefined ? '    -' : n.toFixed(0).padStart(5));
/** One thread's heap in MB: used, committed, and the young generation's committed part. */
const heapOf = (h) => h && { used: MB(h.used), committed: MB(h.committed), young: MB(h.spacesCommitted.new ?? 0), spaces: Object.fromEntries(Object.entries(h.spaces).map(([k, v]) => [k, MB(v)])) };
const mark = async (phase) => {
  const { rss, hwm } = status();
  const gc = [...gcMs.values()].reduce((a, b) => a + b, 0);
  const cpu = cpuMs();
  // A server without the bench-only request (an older build given by --server) reports RSS only.
  const heap = await conn.sendRequest('infraYaml/benchHeap', { collect: RETAINED }).catch(() => ({}));
  const request = heapOf(heap.request);
  const worker = heapOf(heap.worker);
  rows.push({ phase, rss, hwm, cpu, gc, isolates: gcMs.size, request, worker });
  process.stderr.write(`${phase.padEnd(20)} rss ${fmt(rss)} MB  peak ${fmt(hwm)} MB  heap used/committed (young) MB: request ${fmt(request?.used)} /${fmt(request?.committed)} (${request ? request.young.toFixed(0) : '-'})  worker ${fmt(worker?.used)} /${fmt(worker?.committed)} (${worker ? worker.young.toFixed(0) : '-'})  cpu ${cpu.toFixed(0).padStart(6)} ms  gc ${gc.toFixed(0).padStart(5)} ms (${(100 * gc / cpu).toFixed(0)} %)\n`);
};

const text = generateDesign(SIZE).text;
const root = pathToFileURL(tmp).href;
const uri = `${root}/design.infra.yaml`;
await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: root, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
conn.sendNotification(rpc.InitializedNotification.type, {});
await mark('started');
let version = 1;
let cur = text;
conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'infra-yaml', version, text } });
await diagFor(1);
await mark('open');
const mid = cur.indexOf('    software: redis', cur.length >> 1) + '    software: '.length;
const posOf = (off) => { const before = cur.slice(0, off); const line = before.split('\n').length - 1; return { line, character: off - before.lastIndexOf('\n') - 1 }; };
// Typing and Backspace in turn: one character after the value, then gone (every node after it moves).
for (let i = 0; i < EDITS; i++) {
  const p = posOf(mid + 5);
  const typed = i % 2 === 0;
  cur = typed ? cur.slice(0, mid + 5) + 's' + cur.slice(mid + 5) : cur.slice(0, mid + 5) + cur.slice(mid + 6);
  version++;
  const sent = performance.now();
  const got = diagFor(version).then(() => latencies.push(performance.now() - sent));
  conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + (typed ? 0 : 1) } }, text: typed ? 's' : '' }] });
  // a hover after each edit, as an editor's mouse would send
  await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: posOf(cur.indexOf('  lb-0-a:') + 2) });
  await got;
  if (i === 0 || i === EDITS - 1 || i % 5 === 4) await mark(`after edit ${i + 1}`);
}
await sleep(3000);
await mark('3 s after the edits');
sampling = false;
const first = rows.find((r) => r.phase === 'open');
const last = rows[rows.length - 1];
process.stderr.write(`RSS range during the edits: ${minRss.toFixed(0)}–${maxRss.toFixed(0)} MB; GC share after open: ${(100 * (last.gc - first.gc) / (last.cpu - first.cpu)).toFixed(0)} % of CPU\n`);
const sorted = [...latencies].sort((a, b) => a - b);
process.stderr.write(`keystroke → diagnostics: median ${sorted[sorted.length >> 1].toFixed(0)} ms (${sorted[0].toFixed(0)}–${sorted[sorted.length - 1].toFixed(0)}); CPU per edit ${((last.cpu - first.cpu) / EDITS).toFixed(0)} ms\n`);
process.stderr.write(`GC per isolate and kind: ${[...gcByKind].map(([k, e]) => `${k} ×${e.n} ${e.ms.toFixed(0)} ms`).join('; ')}\n`);
const outDir = path.join(ROOT, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'memory-latest.json'), JSON.stringify({ size: SIZE, edits: EDITS, retained: RETAINED, nodeArgs: NODE_ARGS, rows, minRss, maxRss, latencies }, null, 2));
await Promise.race([conn.sendRequest(rpc.ShutdownRequest.type), sleep(3000)]);
conn.sendNotification(rpc.ExitNotification.type);
await sleep(300);
child.kill();
listening.close();
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
