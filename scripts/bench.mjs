#!/usr/bin/env node
// Benchmark of the analysis core and the language server on large generated
// designs (scripts/gen-design.mjs).
//
//   npm run bench                       # sizes 1000, 10000, 50000
//   node scripts/bench.mjs --sizes 1000,10000 --runs 5 [--no-lsp] [--profile]
//        [--server dist/server.js] [--aliases]
//
// Per size it measures (median of several runs, fewer for large sizes):
//   cst      the CST parse floor: `new (require('yaml').Parser)().parse(text)`, consumed fully, with the
//            faster of yaml's Node and browser builds (the bundles use the browser build, esbuild.mjs)
//   compose  `yaml.parseDocument(text)` with the options the core uses (for reference)
//   analysis `analyzeText(text).findings()`, and its ratio to the CST floor
//   families the Analysis `timings` map (ms per rule family)
//   open     LSP didOpen → publishDiagnostics latency, and its ratio to the CST floor
//   change   LSP didChange (one value) → publishDiagnostics latency (includes the
//            server's typing debounce, shown separately)
//   memory   the server's peak resident memory (VmHWM)
// and the scaling factor 10k → 50k relative to the size in bytes (1.0 = linear).
// The core and the server are bundled from the current sources with esbuild
// into a temp dir (both from the same snapshot); `--server FILE` uses another
// server bundle. `--profile` writes a CPU profile of one analysis per size to
// bench-results/ and prints the top self-time functions mapped to source lines.
// Results go to bench-results/bench-<date>.{json,md} and bench-results/latest.{json,md}.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { generateDesign } from './gen-design.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const esbuild = require('esbuild');
const YAML = require('yaml');
// The bundles use yaml's browser build (esbuild.mjs): the floor is the faster of the two builds' CST parse.
const YAML_BROWSER = await import(path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'index.js'));
const { yamlBrowserBuild } = await import(path.join(ROOT, 'esbuild.mjs'));
const rpc = require('vscode-languageserver-protocol/node');

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const SIZES = opt('--sizes', '1000,10000,50000').split(',').map(Number);
const RUNS = opt('--runs', undefined);
const runsFor = (n) => Number(RUNS ?? (n <= 2000 ? 7 : n <= 20000 ? 3 : 1));
const LSP = !argv.includes('--no-lsp');
const PROFILE = argv.includes('--profile');
const ALIASES = argv.includes('--aliases');
const LSP_TIMEOUT = Number(opt('--timeout', 900_000));

// ------------------------------------------------------------------ build
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-yaml-bench-'));
const coreFile = path.join(tmp, 'analyze.cjs');
let serverFile = opt('--server', undefined);
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: ROOT, plugins: [yamlBrowserBuild] };
await esbuild.build({ ...common, entryPoints: ['server/src/analysis/analyze.ts'], outfile: coreFile });
if (!serverFile) {
  serverFile = path.join(tmp, 'server.js');
  await esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: serverFile });
  // the analysis worker the server starts from its own directory
  await esbuild.build({ ...common, entryPoints: ['server/src/features/analysisWorker.ts'], outfile: path.join(tmp, 'analysisWorker.js') });
}
const { analyzeText } = require(coreFile);

// ------------------------------------------------------------------ helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
v8.setFlagsFromString('--expose-gc');
const gcFn = globalThis.gc ?? vm.runInNewContext('gc');
const gc = () => gcFn();
const time = (fn) => { const t0 = performance.now(); const r = fn(); return [performance.now() - t0, r]; };
const ms = (x) => (x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (x) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(2)}×`);

function cstFloor(text, Y = YAML) {
  const parser = new Y.Parser();
  let n = 0;
  for (const _ of parser.parse(text)) n++;
  return n;
}

function benchCore(text, runs) {
  const cst = [], compose = [], full = [];
  const families = new Map();
  let findings = 0;
  const codes = new Map();
  for (let i = 0; i < runs; i++) {
    gc();
    cst.push(Math.min(time(() => cstFloor(text))[0], time(() => cstFloor(text, YAML_BROWSER))[0]));
    gc();
    compose.push(time(() => YAML_BROWSER.parseDocument(text, { uniqueKeys: false, lineCounter: new YAML.LineCounter(), prettyErrors: false, strict: false }))[0]);
    gc();
    const [t, a] = time(() => { const a = analyzeText(text); a.findings(); return a; });
    full.push(t);
    for (const [k, v] of a.timings) (families.get(k) ?? families.set(k, []).get(k)).push(v);
    const f = a.findings();
    findings = f.length;
    codes.clear();
    for (const x of f) codes.set(x.code, (codes.get(x.code) ?? 0) + 1);
  }
  return {
    cst: median(cst), compose: median(compose), analysis: median(full),
    families: Object.fromEntries([...families].map(([k, v]) => [k, median(v)])),
    findings, codes: Object.fromEntries(codes),
  };
}

// ------------------------------------------------------------------ LSP
async function benchLsp(text) {
  const child = spawn(process.execPath, [serverFile, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => { stderr += b; });
  let exited;
  const exitP = new Promise((res) => child.on('exit', (code, sig) => { exited = `exit ${code ?? sig}`; res(); }));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    for (const w of [...waiters]) if (w.test(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve({ at: performance.now(), p }); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const waitFor = (test, label) => new Promise((resolve, reject) => {
    const w = { test, resolve };
    waiters.push(w);
    const timer = setTimeout(() => reject(new Error(`${label}: no diagnostics within ${LSP_TIMEOUT} ms${exited ? ` (server ${exited})` : ''}`)), LSP_TIMEOUT);
    w.resolve = (v) => { clearTimeout(timer); resolve(v); };
  });
  const peak = () => {
    try {
      const s = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(s)?.[1]) / 1024; // MB
    } catch { return undefined; }
  };
  try {
    const root = 'file://' + ROOT;
    await conn.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: { configuration: true } },
    });
    conn.sendNotification(rpc.InitializedNotification.type, {});
    const rss0 = peak();
    const uri = 'file:///bench/design.infra.yaml';
    const opened = waitFor((p) => p.uri === uri && p.version === 1, 'open');
    const t0 = performance.now();
    conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'infra-yaml', version: 1, text } });
    const o = await opened;
    const open = o.at - t0;
    // change one value: traffic.qps N -> N+1 (an incremental edit)
    const m = /^ {2}qps: (\d+)$/m.exec(text);
    const lineNo = text.slice(0, m.index).split('\n').length - 1;
    const range = { start: { line: lineNo, character: 7 }, end: { line: lineNo, character: 7 + m[1].length } };
    const changed = waitFor((p) => p.uri === uri && p.version === 2, 'change');
    const t1 = performance.now();
    conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range, text: String(Number(m[1]) + 1) }] });
    const c = await changed;
    const change = c.at - t1;
    const debounce = Math.round(Math.min(250, Math.max(10, text.length / 1000 / 4))); // the first pause, as in server/src/features/diagnostics.ts (later ones follow the measured analysis time)
    const mem = peak();
    await Promise.race([conn.sendRequest(rpc.ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
    conn.sendNotification(rpc.ExitNotification.type);
    await Promise.race([exitP, new Promise((r) => setTimeout(r, 3000))]);
    return { open, change, debounce, diagnostics: o.p.diagnostics.length, peakMB: mem, baseMB: rss0 };
  } catch (e) {
    return { error: String(e.message ?? e) + (stderr ? ` — stderr: ${stderr.slice(-300)}` : '') };
  } finally {
    conn.dispose();
    if (!exited) child.kill();
  }
}

// ------------------------------------------------------------------ profile
async function profile(text, label) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  analyzeText(text).findings();
  const { profile: prof } = await session.post('Profiler.stop');
  session.disconnect();
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const file = path.join(ROOT, 'bench-results', `profile-${label}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(prof));
  return { file, top: hotspots(prof, 15) };
}

function hotspots(prof, count) {
  const maps = new Map();
  const where = (cf) => {
    if (!cf.url) return '(native)';
    const file = cf.url.startsWith('file://') ? fileURLToPath(cf.url) : cf.url;
    if (!maps.has(file)) {
      try { maps.set(file, new SourceMap(JSON.parse(fs.readFileSync(file + '.map', 'utf8')))); } catch { maps.set(file, null); }
    }
    const sm = maps.get(file);
    const e = sm?.findEntry(cf.lineNumber, cf.columnNumber);
    if (e && e.originalSource) return `${e.originalSource.replace(/^.*?\b(server\/src|node_modules)\//, '$1/')}:${e.originalLine + 1}`;
    return `${path.relative(ROOT, file)}:${cf.lineNumber + 1}`;
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${where(cf)}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([fn, t]) => ({ fn, ms: t / 1000, share: t / total }));
}

// ------------------------------------------------------------------ run
const results = [];
for (const n of SIZES) {
  const d = generateDesign(n, { aliases: ALIASES });
  const runs = runsFor(n);
  process.stderr.write(`size ${n}: ${d.components} components, ${(d.text.length / 1e6).toFixed(2)} MB, ${runs} run(s)…\n`);
  if (runs > 1) benchCore(generateDesign(Math.min(n, 1000), { aliases: ALIASES }).text, 1); // warm up the JIT
  const core = benchCore(d.text, runs);
  process.stderr.write(`  core: cst ${ms(core.cst)} ms, analysis ${ms(core.analysis)} ms, ${core.findings} findings\n`);
  const lsp = LSP ? await benchLsp(d.text) : undefined;
  if (lsp) process.stderr.write(`  lsp: ${lsp.error ?? `open ${ms(lsp.open)} ms, change ${ms(lsp.change)} ms, peak ${ms(lsp.peakMB)} MB`}\n`);
  const prof = PROFILE ? await profile(d.text, `${n}`) : undefined;
  results.push({ size: n, components: d.components, services: d.services, servers: d.servers, bytes: d.text.length, runs, core, lsp, profile: prof });
}

// ------------------------------------------------------------------ report
const families = [...new Set(results.flatMap((r) => Object.keys(r.core.families)))];
const header = ['components', 'MB', 'runs', 'CST floor ms', 'compose ms', 'analysis ms', 'analysis/CST', ...families.map((f) => `${f} ms`),
  ...(LSP ? ['open→diag ms', 'open/CST', 'change→diag ms (debounce)', 'server peak MB'] : []), 'findings'];
const rows = results.map((r) => [
  String(r.components), (r.bytes / 1e6).toFixed(2), String(r.runs), ms(r.core.cst), ms(r.core.compose), ms(r.core.analysis), ratio(r.core.analysis / r.core.cst),
  ...families.map((f) => ms(r.core.families[f])),
  ...(LSP ? (r.lsp?.error ? ['error', '—', '—', '—'] : [ms(r.lsp.open), ratio(r.lsp.open / r.core.cst), `${ms(r.lsp.change)} (${r.lsp.debounce})`, ms(r.lsp.peakMB)]) : []),
  String(r.core.findings),
]);
const md = [];
md.push(`# Infra YAML benchmark — ${new Date().toISOString()}`, '');
md.push(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; server: ${path.relative(ROOT, serverFile).startsWith('..') ? 'bundled from server/src' : path.relative(ROOT, serverFile)}${ALIASES ? '; designs with aliases' : ''}`, '');
md.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
for (const r of rows) md.push(`| ${r.join(' | ')} |`);
md.push('');
const scaling = [];
for (let i = 1; i < results.length; i++) {
  const a = results[i - 1], b = results[i];
  const size = b.bytes / a.bytes;
  const s = (x, y) => (x && y ? (y / x / size).toFixed(2) : '—');
  scaling.push(`- ${a.components} → ${b.components} (size ×${size.toFixed(2)}): time/size factor — CST ${s(a.core.cst, b.core.cst)}, analysis ${s(a.core.analysis, b.core.analysis)}` +
    (LSP ? `, open→diag ${s(a.lsp?.open, b.lsp?.open)}` : '') + ' (1.00 = linear)');
}
if (scaling.length) md.push('Scaling:', '', ...scaling, '');
const at10k = results.find((r) => r.size === 10000);
if (at10k && LSP && !at10k.lsp?.error) {
  const x = at10k.lsp.open / at10k.core.cst;
  md.push(`Target (open→diagnostics ≤ 2.5× the CST floor at 10k): ${x.toFixed(2)}× — ${x <= 2.5 ? 'met' : 'NOT met'}.`, '');
}
for (const r of results) if (r.core.findings) md.push(`Findings at ${r.components}: ${Object.entries(r.core.codes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
for (const r of results) {
  if (!r.profile) continue;
  md.push('', `Hotspots at ${r.components} components (self time, ${path.relative(ROOT, r.profile.file)}):`, '');
  for (const h of r.profile.top) md.push(`- ${ms(h.ms)} ms (${(100 * h.share).toFixed(1)}%) ${h.fn}`);
}
const text = md.join('\n') + '\n';
process.stdout.write(text);
const outDir = path.join(ROOT, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const json = JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, aliases: ALIASES, results }, null, 2);
for (const base of [`bench-${stamp}`, 'latest']) {
  fs.writeFileSync(path.join(outDir, `${base}.json`), json);
  fs.writeFileSync(path.join(outDir, `${base}.md`), text);
}
fs.rmSync(tmp, { recursive: true, force: true });
