#!/usr/bin/env node
// Side-by-side editor latencies over LSP: our server against Red Hat's
// yaml-language-server (validating the same file against a minimal JSON
// Schema of the format, written by this script), on generated designs.
//
//   node scripts/bench-lsp.mjs [--sizes 1000,10000,50000] [--rounds N] [--server dist/server.js] [--no-peer]
//
// Per size and server: the CST floor (yaml's Parser, in this process: the faster of its
// Node and browser builds, which differ only in the Node build reading process.env per token), open →
// diagnostics, keystroke → diagnostics (one value in the middle of the file,
// incremental sync), a burst of 20 keystrokes 30 ms apart → final diagnostics,
// completion and hover sent right after an edit, a hover sent while the
// edit's analysis runs, a hover once typing has paused (our server's analysis
// worker answers them all from the analysis it keeps; without a worker the
// request thread rebuilds its own model then), and the server's peak RSS (VmHWM, the
// whole process: request thread and analysis worker). Medians and min–max over
// the rounds (5 at 1k, 3 at 10k, 1 above: a peer round at 50k takes minutes).
// Results: bench-results/lsp-latest.{json,md}.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDesign } from './gen-design.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const rpc = require('vscode-languageserver-protocol/node');
const YAML = require('yaml');
// The browser build of the same package (what our bundles use, esbuild.mjs): the floor is the faster of the two.
const YAML_BROWSER = await import(pathToFileURL(path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'index.js')).href);

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const SIZES = opt('--sizes', '1000,10000,50000').split(',').map(Number);
const OURS = path.resolve(ROOT, opt('--server', 'dist/server.js'));
const PEER = path.join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const TIMEOUT = 600_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-bench-lsp-'));

// A minimal JSON Schema of the format: top-level keys, components with a kind from the vocabulary.
const KINDS = ['load-balancer', 'web-server', 'app-server', 'database', 'cache', 'cdn', 'queue', 'storage'];
const schemaFile = path.join(tmp, 'infra-yaml.bench.schema.json');
fs.writeFileSync(schemaFile, JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['infra', 'components'],
  properties: {
    infra: { const: 1 }, name: { type: 'string' }, domain: { type: 'string' },
    traffic: { type: 'object', properties: { qps: { type: 'number' }, reads: { type: 'number', minimum: 0, maximum: 1 } } },
    dns: { type: 'object' },
    servers: { type: 'object', additionalProperties: { type: 'object', properties: { ip: { type: 'string' }, zone: { type: 'string' }, firewall: {}, monitoring: { type: 'string' } } } },
    components: { type: 'object', additionalProperties: { type: 'object', required: ['kind'], properties: {
      kind: { enum: KINDS }, software: { type: 'string' }, ip: { type: 'string' }, zone: { type: 'string' }, on: { type: 'string' },
      to: { type: 'array', items: { type: 'string' } }, tls: {}, certificate: {}, firewall: {}, monitoring: { type: 'string' },
      algorithm: { type: 'string' }, cluster: { type: 'object' }, role: { enum: ['primary', 'replica'] }, replicates: { type: 'string' },
      failover: { enum: ['automatic', 'manual'] }, replicas: { type: 'integer', minimum: 1 }, capacity: { type: 'number' }, latency: { type: 'number' },
    } } },
  },
}));

const median = (xs) => { const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b); const m = s.length >> 1; return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : undefined; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Rounds per size: fewer for the large ones, where one peer round takes minutes on 2 cores. */
const ROUNDS = opt('--rounds', undefined);
const roundsFor = (n) => Number(ROUNDS ?? (n <= 2000 ? 5 : n <= 20000 ? 3 : 1));
/** How long after the final diagnostics the "typing has paused" hover is sent (past our model refresh's quiet time). */
const PAUSED_MS = 1200;

function cstFloor(text, runs) {
  const out = [];
  const once = (Y) => { const t0 = performance.now(); let n = 0; for (const _ of new Y.Parser().parse(text)) n++; return performance.now() - t0; };
  for (let i = 0; i < runs; i++) out.push(Math.min(once(YAML), once(YAML_BROWSER)));
  return out;
}

async function session(kind, text, rounds) {
  const args = kind === 'ours' ? [OURS, '--stdio'] : [PEER, '--stdio'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    for (const w of [...waiters]) if (w.test(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(performance.now()); }
  });
  const yamlSettings = { schemas: { [pathToFileURL(schemaFile).href]: ['*.infra.yaml'] }, validate: true, hover: true, completion: true, maxItemsComputed: 100000 };
  conn.onRequest('workspace/configuration', (p) => p.items.map((it) => (it.section === 'yaml' ? yamlSettings : it.section === 'infraYaml' ? {} : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const diag = (test) => new Promise((resolve, reject) => {
    const w = { test, resolve };
    waiters.push(w);
    setTimeout(() => reject(new Error('no diagnostics')), TIMEOUT).unref(); // a pending bound must not keep the run alive once the table is printed
  });
  const peak = () => { try { return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024; } catch { return undefined; } };
  const root = pathToFileURL(tmp).href;
  const uri = `${root}/design.infra.yaml`;
  const out = { open: [], keystroke: [], burst: [], completion: [], hover: [], hoverDuring: [], hoverAfterDiag: [], hoverPaused: [], peakMB: [] };
  const timed = async (key, request) => { const t = performance.now(); await request(); out[key].push(performance.now() - t); };
  try {
    await conn.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true } } }, workspace: { configuration: true } },
    });
    conn.sendNotification(rpc.InitializedNotification.type, {});
    conn.sendNotification(rpc.DidChangeConfigurationNotification.type, { settings: { yaml: yamlSettings } });
    let version = 1;
    // the peer publishes without a version: count publications per version we wait for
    const forVersion = (v) => diag((p) => p.uri === uri && (p.version === undefined || p.version === v));
    const t0 = performance.now();
    const opened = forVersion(1);
    conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: kind === 'ours' ? 'infra-yaml' : 'yaml', version, text } });
    out.open.push((await opened) - t0);
    // the first request on the document (ours: answered by the analysis worker, from the open's analysis)
    const lb = text.indexOf('  lb-0-a:') + 2;
    const posOf = (cur, off) => { const before = cur.slice(0, off); const line = before.split('\n').length - 1; return { line, character: off - before.lastIndexOf('\n') - 1 }; };
    await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: posOf(text, lb) });
    // one value in the middle of the file, edited back and forth
    let cur = text;
    const mid = cur.indexOf('    software: redis', cur.length >> 1) + '    software: '.length;
    let flip = 0;
    const editAt = posOf(cur, mid); // the edits never move it
    const edit = () => {
      const insert = flip++ % 2 ? 'redis' : 'rediz';
      const p = editAt;
      cur = cur.slice(0, mid) + insert + cur.slice(mid + 5);
      version++;
      conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 5 } }, text: insert }] });
      return version;
    };
    // The requests' positions, worked out once: the edits replace five characters by five on one line,
    // so no position moves. Counting lines over the client's copy takes tens of milliseconds at 10k, and
    // inside the timed window it was counted as the server's time (and delayed the request after an edit).
    const hoverAt = posOf(cur, cur.lastIndexOf('\n  lb-') + 3);
    const completeAt = posOf(cur, cur.indexOf('kind: cache', mid) + 6);
    const hoverLastLb = () => conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: hoverAt });
    for (let r = 0; r < rounds; r++) {
      // a keystroke alone, then one followed by requests (their answers, not its diagnostics, are timed)
      const v = edit();
      const t = performance.now();
      out.keystroke.push((await forVersion(v)) - t);
      // the first request once the edit's diagnostics are out (ours answers from that version)
      await timed('hoverAfterDiag', hoverLastLb);
      const got = forVersion(edit());
      await timed('completion', () => conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: completeAt }));
      await timed('hover', hoverLastLb);
      await sleep(300); // past our typing pause: the edit's analysis runs
      await timed('hoverDuring', hoverLastLb);
      await got;
    }
    // a burst of 20 keystrokes, 30 ms apart, then the final diagnostics
    let last = 0;
    for (let i = 0; i < 20; i++) { last = edit(); if (i < 19) await sleep(30); }
    const tEnd = performance.now();
    await diag((p) => p.uri === uri && (p.version === undefined ? performance.now() > tEnd : p.version === last));
    out.burst.push(performance.now() - tEnd);
    // typing has paused (ours without a worker rebuilds the request thread's model now)
    await sleep(PAUSED_MS);
    await timed('hoverPaused', hoverLastLb);
    out.peakMB.push(peak());
    await Promise.race([conn.sendRequest(rpc.ShutdownRequest.type), sleep(5000)]);
    conn.sendNotification(rpc.ExitNotification.type);
  } catch (e) {
    out.error = String(e.message ?? e);
  } finally {
    await sleep(200);
    conn.dispose();
    child.kill();
  }
  return out;
}

const fmt = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
/** "median (min–max)", or the one value. */
const cell = (xs) => {
  const v = (xs ?? []).filter((x) => x !== undefined);
  if (!v.length) return '—';
  return v.length === 1 ? fmt(v[0]) : `${fmt(median(v))} (${fmt(Math.min(...v))}–${fmt(Math.max(...v))})`;
};
const ratio = (a, b) => { const x = median(a ?? []), y = median(b ?? []); return x !== undefined && y ? `${(x / y).toFixed(2)}×` : '—'; };
const results = [];
const tStart = performance.now();
for (const n of SIZES) {
  const d = generateDesign(n);
  const rounds = roundsFor(n);
  process.stderr.write(`size ${n}: ${(d.text.length / 1e6).toFixed(2)} MB, ${rounds} round(s)…\n`);
  const cst = cstFloor(d.text, rounds >= 3 ? 3 : 1);
  const ours = await session('ours', d.text, rounds);
  process.stderr.write(`  ours ${JSON.stringify(ours)}\n`);
  const peer = argv.includes('--no-peer') ? {} : await session('peer', d.text, rounds);
  process.stderr.write(`  peer ${JSON.stringify(peer)}\n`);
  results.push({ size: n, components: d.components, bytes: d.text.length, rounds, cst, ours, peer });
}
const minutes = (performance.now() - tStart) / 60000;

const rows = [
  ['open → diagnostics', 'open'], ['keystroke → diagnostics', 'keystroke'], ['burst of 20 keystrokes 30 ms apart → final diagnostics (after the last)', 'burst'],
  ['completion right after an edit', 'completion'], ['hover right after an edit', 'hover'], ['hover while the edit is analysed (sent 300 ms after it)', 'hoverDuring'],
  ['hover right after the edit\'s diagnostics', 'hoverAfterDiag'],
  [`hover once typing has paused (${PAUSED_MS} ms after the final diagnostics)`, 'hoverPaused'], ['peak RSS (MB)', 'peakMB'],
];
const md = [
  `Measured ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)} at the end (shared with other work: figures vary by ±30 % and more). ` +
  `Milliseconds unless noted; median (min–max) over the rounds: ${results.map((r) => `${r.rounds} at ${r.components}`).join(', ')} (one round at the largest size keeps the run short; open, burst and peak RSS are one sample per size). Run took ${minutes.toFixed(1)} min.`,
  '',
];
md.push(`| | ${results.map((r) => `${r.components} components (${(r.bytes / 1e6).toFixed(2)} MB): ours | peer | ours/peer`).join(' | ')} |`);
md.push(`|---|${results.map(() => '---|---|---').join('|')}|`);
md.push(`| yaml CST floor | ${results.map((r) => `${cell(r.cst)} | | `).join(' | ')} |`);
for (const [label, key] of rows) md.push(`| ${label} | ${results.map((r) => `${cell(r.ours[key])} | ${cell(r.peer[key])} | ${ratio(r.ours[key], r.peer[key])}`).join(' | ')} |`);
md.push(`| open / CST floor | ${results.map((r) => `${ratio(r.ours.open, r.cst)} | ${ratio(r.peer.open, r.cst)} | `).join(' | ')} |`);
const errors = results.flatMap((r) => ['ours', 'peer'].filter((k) => r[k].error).map((k) => `${k} at ${r.components}: ${r[k].error}`));
if (errors.length) md.push('', `Errors: ${errors.join('; ')}`);
const text = md.join('\n') + '\n';
process.stdout.write(text);
const outDir = path.join(ROOT, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'lsp-latest.json'), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(outDir, 'lsp-latest.md'), text);
fs.rmSync(tmp, { recursive: true, force: true });
