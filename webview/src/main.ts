/**
 * The preview webview: receives the diagram model and simulation results
 * from the extension (typed messages, see common/webviewProtocol.ts), lays
 * out and draws the diagram, animates requests, and sends back clicks
 * (reveal in the editor), simulation requests and exports. Zoom, pan,
 * selection and failures are kept with `setState` and across updates.
 */
import { DeployMode, DeployTimeline, DiagramModel, FromWebview, PackedResult, Position, Range, SimulationParams, STATS_PER_NODE, ToWebview, UnitId, unpackResult, WebviewState } from '../../common/webviewProtocol';
import { Player } from './animation';
import { Controls } from './controls';
import { DeployView } from './deploy';
import { html, svg } from './dom';
import { exportPng, exportSvg } from './exporter';
import { isLarge, Layout } from '../../common/layout/layout';
import { LayoutClient } from './layoutClient';
import { applyChanges } from '../../common/diagramChanges';
import { Culler } from './cull';
import { defs, patchDiagram, Rendered, renderDiagram, setLoad, showLoad } from './render';
import { mapResult, overview } from './overview';
import { fitScale, Viewport } from './viewport';
import './styles.css';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state: WebviewState = vscode.getState() ?? {};
const save = (patch: Partial<WebviewState>): void => { state = { ...state, ...patch }; vscode.setState(state); };
const post = (m: FromWebview): void => vscode.postMessage(m);
// Every layout runs in a Web Worker (the page never freezes while a large design is laid out), or in the page if none can start.
const layouts = new LayoutClient(document.body.dataset.layoutWorker, (text) => post({ type: 'log', level: 'info', text }), (mode) => { document.body.dataset.layout = mode; });
// Every layout asked for is counted on the page (data-layouts), so that tests can see an edit that needed none.
let layoutCount = 0;
const layOut = (m: DiagramModel, d: Direction): Promise<Layout> => { document.body.dataset.layouts = String(++layoutCount); return layouts.layout(m, d); };

/**
 * What a layout depends on: the nodes, frames, edges and tiers, in order, with
 * what decides their sizes and titles (common/layout reads no more than this).
 * Two models with the same shape get the same layout, so an edit of a value
 * (software, role, TLS, findings, a line number) needs none.
 */
const shapes = new WeakMap<DiagramModel, string>();
function shapeOf(m: DiagramModel): string {
  let s = shapes.get(m);
  if (s === undefined) {
    s = JSON.stringify([
      m.nodes.map((n) => [n.id, n.kind, n.label, n.instances, n.parent ?? '', n.detail ? 1 : 0]),
      m.groups.map((g) => [g.id, g.kind, g.label, g.parent ?? '', g.badges ? 1 : 0, g.mode ?? '']),
      m.edges.map((e) => [e.id, e.source, e.target, e.kind]),
      (m.tiers ?? []).map((t) => [t.id, t.kind, t.label, t.members]),
    ]);
    shapes.set(m, s);
  }
  return s;
}

const app = document.getElementById('app') ?? html('div', { id: 'app' }, document.body);
const toolbar = html('div', { id: 'toolbar', role: 'toolbar', 'aria-label': 'Simulation controls' }, app);
const notice = html('div', { id: 'notice', role: 'status', hidden: 'hidden' }, app);
const main = html('div', { id: 'main' }, app);
const stage = html('div', { id: 'stage' }, main);
const svgRoot = svg('svg', { id: 'canvas', tabindex: 0, role: 'img', 'aria-label': 'Infrastructure diagram' }, stage);
defs(svgRoot);
const content = svg('g', { class: 'viewport' }, svgRoot);
// Dots move every frame: drawn on their own layer so the diagram is not repainted with them.
const overlay = svg('svg', { id: 'overlay', 'aria-hidden': 'true' }, stage);
const overlayContent = svg('g', { class: 'viewport' }, overlay);
const panel = html('aside', { id: 'panel', 'aria-label': 'Simulation summary' }, main);

/** The server's model, and what is drawn of it (the overview of a large design, or all of it). */
let full: DiagramModel | undefined;
/** The host's number for `full`, which its next `diagramChanges` are based on. */
let fullVersion: number | undefined;
let model: DiagramModel | undefined;
let rep: ((id: string) => string) | undefined;
const asDrawn = (r: PackedResult): PackedResult => (rep ? mapResult(r, rep) : r);
let lastResult: PackedResult | undefined;
let layout: Layout | undefined;
let rendered: Rendered | undefined;
let failed = new Set<UnitId>(state.failed ?? []);
let traffic: { qps: number; readShare: number } | undefined;
let simRequest = 0;
let deployRequest = -1;
let renderSeq = 0;

// Only what is on the stage (and half a stage around it) is drawn; a shown card fits its load line then.
const culler = new Culler((id) => { const h = rendered?.nodes.get(id); if (h) showLoad(h); });
{ const r = stage.getBoundingClientRect(); culler.setStage(r.width, r.height); }
const viewport = new Viewport(svgRoot, [content, overlayContent], (v) => { culler.setView(v); save({ zoom: v.k, pan: { x: v.x, y: v.y }, fitted: viewport?.fitted ?? false }); });
viewport.fitted = state.fitted ?? true;
const fit = (): void => { if (layout) viewport.fit(layout.width, layout.height); save({ fitted: true }); };
const playPause = (): void => { if (player.isPlaying) player.pause(); else player.play(); controls.setPlaying(player.isPlaying); };
const controls = new Controls(toolbar, panel, notice, {
  playPause,
  step: () => player.step(),
  speed: (x) => { player.speed = x; },
  traffic: (qps, readShare) => { traffic = { qps, readShare }; requestSimulation(); },
  failMode: (on) => document.body.classList.toggle('fail-mode', on),
  restoreAll: () => { setFailed(new Set()); controls.clearReasons(); if (rendered && layout) player.setView({ rendered, layout }); },
  fit,
  exportAs: (format) => void exportAs(format),
  exportOther: () => post({ type: 'exportAs' }),
  toggleDetail: () => { save({ detail: !state.detail }); void changeView(); },
});
const deployView = new DeployView(toolbar, panel, (mode) => requestDeploy(mode));
const player = new Player({ rendered: undefined as unknown as Rendered, layout: { nodes: new Map(), groups: new Map(), edges: new Map(), width: 0, height: 0 } },
  (_tick, result, at) => showTick(result, at),
  (req) => { if (req.reason) controls.addReason(`${req.cls}: ${req.reason}`); });

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as ToWebview | null;
  if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
  handle(m).catch((err: unknown) => post({ type: 'log', level: 'error', text: `handling ${m.type}: ${err instanceof Error ? err.message : String(err)}` }));
});
svgRoot.addEventListener('click', (e) => activate(e.target as Element));
svgRoot.addEventListener('keydown', (e) => {
  const target = e.target as Element;
  if (e.key === 'Enter') activate(target);
  else if (e.key === 'f' || e.key === 'F') toggleFailure(target.closest<SVGGElement>('[data-id]')?.dataset.id);
  else if (e.key === '0') fit();
});
document.addEventListener('keydown', (e) => {
  if (e.key === ' ' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLButtonElement)) {
    e.preventDefault();
    playPause();
  }
});
controls.setFailed([...failed]);
post({ type: 'ready' });

async function handle(m: ToWebview): Promise<void> {
  switch (m.type) {
    case 'diagram': if (m.locked !== undefined) save({ locked: m.locked }); fullVersion = m.version; return showDiagram(m.uri, m.model);
    case 'diagramChanges': {
      const next = full && fullVersion !== undefined && m.changes?.base === fullVersion && m.uri === state.uri ? applyChanges(full, m.changes) : undefined;
      // Changes to a version this page does not have (it restarted, or a message was lost): the whole model is asked for.
      if (!next) { fullVersion = undefined; post({ type: 'ready' }); return; }
      if (m.locked !== undefined) save({ locked: m.locked });
      fullVersion = m.version;
      return showDiagram(m.uri, next);
    }
    case 'notice': return controls.setNotice(m.text);
    case 'simulation': {
      if (m.result.deploy) { if (m.requestId === deployRequest) showDeploy(m.result.deploy); return; }
      if (m.requestId !== simRequest) return;
      const result = unpackResult(m.result);
      if (result) showSimulation(result); else controls.setNotice('Simulation failed: its figures did not arrive whole');
      return;
    }
    case 'simulationError': if (m.requestId === simRequest) controls.setNotice(`Simulation failed: ${m.error}`); return;
    case 'cursor': return highlightAt(m.position);
    case 'exported': return controls.setNotice(m.text, m.ok);
  }
}

type Direction = 'RIGHT' | 'DOWN';

/**
 * Lays out and draws a diagram. A new document gets the direction that shows
 * it largest in this panel, fitted; an update of the same document keeps the
 * direction and the view, so that an edit that does not change the topology
 * moves nothing (a fitted view re-fits only when the drawing's size changed).
 */
async function showDiagram(uri: string, next: DiagramModel): Promise<void> {
  const seq = ++renderSeq;
  const newDocument = state.uri !== uri;
  const first = !layout || newDocument;
  if (newDocument) { failed = new Set(); save({ uri, failed: [], direction: undefined, fitted: true, selected: undefined, detail: false, opened: [] }); viewport.fitted = true; }
  full = next;
  // A deploy timeline belongs to the design it ran on: an edit makes it stale.
  deployView.hide();
  deployRequest = -1;
  delete document.body.dataset.deploy;
  const drawn = viewOf(next);
  if (!first && model && layout && rendered && state.direction && shapeOf(drawn.model) === shapeOf(model)) {
    // The same shape (an edit of a value): the same layout, only what changed is drawn again.
    const prev = model;
    model = drawn.model;
    rep = drawn.rep;
    const changed = patchDiagram(prev, drawn.model, layout, rendered);
    for (const id of changed) { const el = rendered.targets.get(id) ?? rendered.edges.get(id); if (el) culler.replaced(id, el); }
    document.body.dataset.patched = String(changed.length);
    markDeploy(undefined);
    finishDiagram(next, seq, false, false);
    return;
  }
  layouts.supersede(); // layouts of the previous version are dropped, never drawn late
  if (detailAhead && !detailAhead.done) detailAhead = undefined; // superseded too: it will never settle
  delete document.body.dataset.patched;
  const chosen = await arrange(drawn.model, newDocument ? undefined : state.direction);
  if (seq !== renderSeq) return; // a newer version arrived while laying out
  const [direction, nextLayout] = chosen;
  const resized = !layout || Math.abs(layout.width - nextLayout.width) > 1 || Math.abs(layout.height - nextLayout.height) > 1;
  save({ direction });
  rep = drawn.rep;
  draw(drawn.model, nextLayout);
  finishDiagram(next, seq, first, resized, newDocument);
}

/** After a diagram is drawn or patched: the view, the marks, the simulation of this version, the detail ahead. */
function finishDiagram(next: DiagramModel, seq: number, first: boolean, resized: boolean, newDocument = false): void {
  controls.setNotice(null);
  traffic ??= { ...next.traffic };
  controls.setTraffic(traffic.qps, traffic.readShare);
  if (first && !newDocument && state.zoom !== undefined && state.pan && !viewport.fitted) viewport.set({ k: state.zoom, ...state.pan });
  else if (viewport.fitted && (first || resized)) fit();
  markFailures();
  if (state.selected) rendered?.targets.get(state.selected)?.classList.add('selected');
  document.body.dataset.status = 'rendered';
  requestSimulation();
  if (next.tiers && !state.detail) prepareDetail(next, seq);
}

/**
 * The full detail of a large design is one elk layout of every member (about
 * 0.5 s at 300 components and 2 s at 1,000 on a slow machine), then the
 * drawing. It is worked out ahead in the layout worker (off the page's main
 * thread, so typing never stalls), once the overview is drawn and the
 * simulation under way, so that "Full detail" only has to draw; a click
 * before it is ready waits for the same layout rather than starting another.
 */
let detailAhead: { shape: string; direction: Direction; layout: Promise<Layout>; done: boolean } | undefined;
let detailTimer = 0;
/** The detail's layout, kept across edits that leave its shape as it was (2–4 s of elk at 1,000 components). */
function detailLayout(m: DiagramModel, d: Direction): Promise<Layout> {
  if (detailAhead?.shape !== shapeOf(m) || detailAhead.direction !== d) {
    const ahead = { shape: shapeOf(m), direction: d, layout: layOut(m, d), done: false };
    void ahead.layout.then(() => { ahead.done = true; });
    detailAhead = ahead;
  }
  return detailAhead.layout;
}
function prepareDetail(next: DiagramModel, seq: number): void {
  clearTimeout(detailTimer);
  if (detailAhead?.done && detailAhead.shape === shapeOf(next) && detailAhead.direction === largeDirection()) { document.body.dataset.detailReady = 'true'; return; }
  delete document.body.dataset.detailReady;
  delete document.body.dataset.detailPending;
  detailTimer = window.setTimeout(() => {
    if (seq !== renderSeq || state.detail || full !== next) return;
    document.body.dataset.detailPending = 'true';
    void detailLayout(next, largeDirection()).then(() => { if (full && shapeOf(full) === shapeOf(next)) { delete document.body.dataset.detailPending; document.body.dataset.detailReady = 'true'; } });
  }, 400);
}

/** The overview of a large design (unless full detail was asked for), else the whole model. */
function viewOf(next: DiagramModel): { model: DiagramModel; rep: ((id: string) => string) | undefined } {
  controls.setDetail(!!next.tiers, !!state.detail);
  return next.tiers && !state.detail ? overview(next, new Set(state.opened ?? [])) : { model: next, rep: undefined };
}

/** Overview ↔ detail, or a tier opened or closed: a new picture, in the direction that fits it best. */
async function changeView(): Promise<void> {
  if (!full) return;
  const seq = ++renderSeq;
  const drawn = viewOf(full);
  const [d, next] = await arrange(drawn.model, undefined);
  if (seq !== renderSeq) return;
  save({ direction: d });
  rep = drawn.rep;
  draw(drawn.model, next);
  if (!state.detail || !openLegible(drawn.model, next)) fit();
  markFailures();
  if (lastResult) loadDrawn(lastResult);
  document.body.dataset.status = 'simulated';
}

/** Zoom at which a card's 15 px name shows at 12 px. */
const LEGIBLE = 0.8;

/**
 * Full detail of a design too big to read when fitted (300 components fitted
 * to a side panel are dots with 1 px names) opens legible on where requests
 * enter, the users card, to be panned and zoomed from there; Fit shows the whole.
 */
function openLegible(m: DiagramModel, l: Layout): boolean {
  const r = stage.getBoundingClientRect();
  if (fitScale(r, l.width, l.height) >= LEGIBLE) return false;
  const entry = m.nodes.find((n) => n.kind === 'users') ?? m.nodes[0];
  const b = entry && l.nodes.get(entry.id);
  const [cx, cy] = b ? [b.x + b.width / 2, b.y + b.height / 2] : [0, 0];
  viewport.fitted = false;
  viewport.set({ k: LEGIBLE, x: Math.min(12, r.width / 2 - cx * LEGIBLE), y: Math.min(12, r.height / 2 - cy * LEGIBLE) });
  return true;
}

function draw(next: DiagramModel, nextLayout: Layout): void {
  model = next;
  layout = nextLayout;
  content.replaceChildren();
  overlayContent.replaceChildren();
  rendered = renderDiagram(next, nextLayout, content, svg('g', { class: 'dots' }, overlayContent));
  culler.setDrawing(rendered.targets, rendered.edges, nextLayout);
  player.setView({ rendered, layout: nextLayout });
  document.body.dataset.direction = direction();
}

const direction = (): string => state.direction ?? '';

/** The layout in `keep` direction, or else in whichever direction fits this stage at the larger scale. */
async function arrange(next: DiagramModel, keep: Direction | undefined): Promise<[Direction, Layout]> {
  if (keep) return [keep, await layOut(next, keep)];
  const r = stage.getBoundingClientRect();
  if (isLarge(next)) { const d = largeDirection(); return [d, await (next === full ? detailLayout(next, d) : layOut(next, d))]; }
  const [right, down] = await Promise.all([layOut(next, 'RIGHT'), layOut(next, 'DOWN')]);
  return fitScale(r, down.width, down.height) > fitScale(r, right.width, right.height) ? ['DOWN', down] : ['RIGHT', right];
}

/** A large design is laid out once, down a tall panel and across a wide one. */
function largeDirection(): Direction {
  const r = stage.getBoundingClientRect();
  return r.height > r.width * 1.2 ? 'DOWN' : 'RIGHT';
}

/** A resized panel (sidebar hidden, Problems opened) re-fits a fitted view, in the direction that now fits best. */
let resizeTimer = 0;
let lastStage = { width: 0, height: 0 };
new ResizeObserver(() => {
  const r = stage.getBoundingClientRect();
  culler.setStage(r.width, r.height);
  if (Math.abs(r.width - lastStage.width) < 2 && Math.abs(r.height - lastStage.height) < 2) return;
  lastStage = { width: r.width, height: r.height };
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => void refit(), 120);
}).observe(stage);

async function refit(): Promise<void> {
  if (!model || !layout || !viewport.fitted) return;
  // Not a render of its own: a diagram arriving meanwhile wins, and this re-fit gives way.
  const seq = renderSeq;
  const current = model;
  const [d, next] = await arrange(current, undefined);
  if (seq !== renderSeq || current !== model) return;
  if (d !== state.direction) { save({ direction: d }); draw(current, next); markFailures(); if (state.selected) rendered?.targets.get(state.selected)?.classList.add('selected'); }
  fit();
  document.body.dataset.fits = String(Number(document.body.dataset.fits ?? 0) + 1);
}

function requestSimulation(): void {
  if (!model || !traffic) return;
  const params: SimulationParams = { seed: 42, qps: traffic.qps, readShare: traffic.readShare, failed: [...failed].sort(), ticks: 50, tickMs: 100, sampleRate: 12 };
  post({ type: 'simulate', requestId: ++simRequest, params });
}

/** A deploy of every tier (rolling or blue-green), computed by the server at the current traffic. */
function requestDeploy(mode: DeployMode): void {
  if (!model || !traffic) return;
  deployRequest = ++simRequest;
  document.body.dataset.deploy = 'running';
  post({ type: 'simulate', requestId: deployRequest, params: { seed: 42, qps: traffic.qps, readShare: traffic.readShare, failed: [], ticks: 50, tickMs: 100, deploy: mode } });
}

function showDeploy(t: DeployTimeline): void {
  deployView.show(t);
  markDeploy(t);
  document.body.dataset.deploy = t.mode;
}

/** Each component whose deploy step showed downtime or overload (a blue-green step: its whole tier), marked on the diagram. */
function markDeploy(t: DeployTimeline | undefined): void {
  for (const el of rendered?.targets.values() ?? []) el.classList.remove('deploy-downtime', 'deploy-overload');
  for (const step of t?.steps ?? []) {
    if (step.mark !== 'downtime' && step.mark !== 'overload') continue;
    const names = step.out ? [step.out.slice('component:'.length)] : t!.tiers.find((x) => x.name === step.tier)?.members ?? [];
    for (const m of names) rendered?.targets.get(rep ? rep(`c:${m}`) : `c:${m}`)?.classList.add(`deploy-${step.mark}`);
  }
}

function showSimulation(result: PackedResult): void {
  lastResult = result;
  loadDrawn(result);
  controls.clearReasons();
  document.body.dataset.status = 'simulated';
  if (!player.isPlaying && !document.body.dataset.autoplayDone) {
    document.body.dataset.autoplayDone = '1';
    player.play();
    controls.setPlaying(true);
  }
}

/** Each drawn node's average load over the run: the number shown, steady at a steady qps. */
let means = new Map<string, { load: number; utilisation: number }>();
/** Where each node's figures are in the drawn run's packed ticks. */
let drawnIndex = new Map<string, number>();

function loadDrawn(result: PackedResult): void {
  const drawn = asDrawn(result);
  const K = STATS_PER_NODE;
  const [ticks, n] = [drawn.ticks.length, drawn.ids.length];
  means = new Map();
  drawnIndex = new Map(drawn.ids.map((id, i) => [id, i]));
  drawn.ids.forEach((id, i) => {
    let [load, utilisation, seen] = [0, 0, false];
    for (let t = 0; t < ticks; t++) {
      const at = (t * n + i) * K;
      if (drawn.stats[at]! < 0) continue;
      seen = true;
      load += drawn.stats[at]! / ticks;
      utilisation += drawn.stats[at + 1]! / ticks;
    }
    if (seen) means.set(id, { load, utilisation });
  });
  markPromoted(result);
  player.load(drawn);
}

/** A replica promoted by failover is labelled as the new primary. */
function markPromoted(result: PackedResult): void {
  const names = new Set(result.summary.promoted.map((p) => /^(\S+) promoted/.exec(p)?.[1]).filter((n): n is string => !!n));
  for (const [id, h] of rendered?.nodes ?? []) {
    h.element.querySelector('.promoted-mark')?.remove();
    if (!names.has(id.replace(/^c:/, ''))) continue;
    const m = svg('g', { class: 'promoted-mark', transform: 'translate(60,-9)' }, h.element);
    svg('rect', { width: 78, height: 14, rx: 3 }, m);
    svg('text', { x: 39, y: 10.5, 'text-anchor': 'middle' }, m, 'NEW PRIMARY');
  }
}

function showTick(result: PackedResult, tick: number): void {
  controls.showSummary(result, result.ticks[tick]?.index ?? tick);
  const base = tick * result.ids.length;
  for (const [id, h] of rendered?.nodes ?? []) {
    const i = drawnIndex.get(id);
    const at = (base + (i ?? 0)) * STATS_PER_NODE;
    if (i === undefined || result.stats[at]! < 0) continue;
    const s = { load: result.stats[at]!, utilisation: result.stats[at + 1]!, dropped: result.stats[at + 3]! };
    const util = s.utilisation;
    const mean = means.get(id) ?? s;
    // The static model's figure (the editor's inlay hint) while nothing is broken, else the run's average.
    const rps = result.summary.offered?.[id] ?? mean.load;
    setLoad(h, [`${Math.round(rps)} rps`, mean.utilisation ? `${Math.round(mean.utilisation * 100)}%` : '', s.dropped ? `✕${s.dropped}` : '']);
    const width = String(Math.min(1, util) * h.barWidth);
    const cls = `bar${util > 1 ? ' over' : util > 0.8 ? ' hot' : ''}`;
    if (h.barState === width + cls) continue;
    h.barState = width + cls;
    h.bar.setAttribute('width', width);
    h.bar.setAttribute('class', cls);
  }
}

function unitOf(id: string | undefined): UnitId | undefined {
  if (!id || !model) return undefined;
  return model.nodes.find((n) => n.id === id)?.unit ?? model.groups.find((g) => g.id === id)?.unit;
}

function activate(target: Element): void {
  const el = target.closest<SVGGElement>('[data-id]');
  const id = el?.dataset.id;
  if (!id || !el.matches('.node, .group')) return;
  if (id.startsWith('tier:') && full?.tiers) { toggleTier(id); return; }
  if (controls.failMode) { toggleFailure(id); return; }
  svgRoot.querySelectorAll('.selected').forEach((s) => s.classList.remove('selected'));
  el.classList.add('selected');
  save({ selected: id });
  const range: Range | undefined = model?.nodes.find((n) => n.id === id)?.nameRange ?? model?.groups.find((g) => g.id === id)?.nameRange;
  if (range) post({ type: 'reveal', nodeId: id, range });
}

/** Opens a tier card into its members, or closes an opened tier's frame. */
function toggleTier(id: string): void {
  const opened = new Set(state.opened ?? []);
  if (opened.has(id)) opened.delete(id); else opened.add(id);
  save({ opened: [...opened] });
  void changeView();
}

function toggleFailure(id: string | undefined): void {
  const unit = unitOf(id);
  if (!unit) return;
  const next = new Set(failed);
  if (next.has(unit)) next.delete(unit); else next.add(unit);
  setFailed(next);
}

function setFailed(next: Set<UnitId>): void {
  failed = next;
  save({ failed: [...failed] });
  controls.setFailed([...failed]);
  markFailures();
  requestSimulation();
}

/** Failed units, and everything inside a failed server or zone, are drawn down. */
function markFailures(): void {
  if (!model || !rendered) return;
  const parentOf = new Map<string, string | undefined>([...model.groups.map((g) => [g.id, g.parent] as const), ...model.nodes.map((n) => [n.id, n.parent] as const)]);
  const unit = new Map<string, UnitId | undefined>([...model.groups.map((g) => [g.id, g.unit] as const), ...model.nodes.map((n) => [n.id, n.unit] as const)]);
  for (const [id, el] of rendered.targets) {
    const own = unit.get(id);
    const isFailed = !!own && failed.has(own);
    el.classList.toggle('failed', isFailed);
    if (isFailed && !el.querySelector(':scope > .failed-mark')) {
      const m = svg('g', { class: 'failed-mark', transform: 'translate(8,-9)' }, el);
      svg('rect', { width: 48, height: 14, rx: 3 }, m);
      svg('text', { x: 24, y: 10.5, 'text-anchor': 'middle' }, m, 'FAILED');
    } else if (!isFailed) el.querySelector(':scope > .failed-mark')?.remove();
    let down = false;
    for (let p: string | undefined = id; p && !down; p = parentOf.get(p)) { const u = unit.get(p); down = !!u && failed.has(u); }
    el.classList.toggle('down', down);
  }
}

/** The innermost node or frame whose definition holds the cursor. */
function highlightAt(pos: Position): void {
  if (!model || !rendered) return;
  const inside = (r: Range | undefined): boolean => !!r && before(r.start, pos) && before(pos, r.end);
  const hit = model.nodes.find((n) => inside(n.range))?.id ?? model.groups.find((g) => inside(g.range))?.id;
  svgRoot.querySelectorAll('.highlight').forEach((el) => el.classList.remove('highlight'));
  if (hit) rendered.targets.get(hit)?.classList.add('highlight');
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

async function exportAs(format: 'svg' | 'png'): Promise<void> {
  if (!layout) return;
  // The export is the whole picture: everything culled is drawn for the copy, then culled again.
  culler.setActive(false);
  let text: string;
  try { text = exportSvg(svgRoot, layout); } finally { culler.setActive(true); }
  post({ type: 'export', format, data: format === 'svg' ? text : await exportPng(text, layout) });
}

/** For tests and the benchmark: read-only hooks into the running preview. */
(window as unknown as { infraPreview: unknown }).infraPreview = { player, get failed() { return [...failed]; }, get culled() { return culler.culled; } };
