/**
 * The preview webview: receives the diagram model and simulation results
 * from the extension (typed messages, see common/webviewProtocol.ts), lays
 * out and draws the diagram, animates requests, and sends back clicks
 * (reveal in the editor), simulation requests and exports. Zoom, pan,
 * selection and failures are kept with `setState` and across updates.
 */
import type { DiagramModel, FromWebview, Position, Range, SimulationParams, SimulationResult, ToWebview, UnitId, WebviewState } from '../../common/webviewProtocol';
import { Player } from './animation';
import { Controls } from './controls';
import { html, svg } from './dom';
import { exportPng, exportSvg } from './exporter';
import { Layout, layoutDiagram } from '../../common/layout/layout';
import { defs, Rendered, renderDiagram } from './render';
import { Viewport } from './viewport';
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

let model: DiagramModel | undefined;
let layout: Layout | undefined;
let rendered: Rendered | undefined;
let failed = new Set<UnitId>(state.failed ?? []);
let traffic: { qps: number; readShare: number } | undefined;
let simRequest = 0;
let renderSeq = 0;

const viewport = new Viewport(svgRoot, [content, overlayContent], (v) => save({ zoom: v.k, pan: { x: v.x, y: v.y } }));
const playPause = (): void => { if (player.isPlaying) player.pause(); else player.play(); controls.setPlaying(player.isPlaying); };
const controls = new Controls(toolbar, panel, notice, {
  playPause,
  step: () => player.step(),
  speed: (x) => { player.speed = x; },
  traffic: (qps, readShare) => { traffic = { qps, readShare }; requestSimulation(); },
  failMode: (on) => document.body.classList.toggle('fail-mode', on),
  restoreAll: () => setFailed(new Set()),
  fit: () => layout && viewport.fit(layout.width, layout.height),
  exportAs: (format) => void exportAs(format),
  exportOther: () => post({ type: 'exportAs' }),
});
const player = new Player({ rendered: undefined as unknown as Rendered, layout: { nodes: new Map(), groups: new Map(), edges: new Map(), width: 0, height: 0 } },
  (tick, result) => showTick(tick, result),
  (req) => { if (req.reason) controls.addReason(`${req.cls}: ${req.reason}`); });

window.addEventListener('message', (e: MessageEvent<ToWebview>) => void handle(e.data));
svgRoot.addEventListener('click', (e) => activate(e.target as Element));
svgRoot.addEventListener('keydown', (e) => {
  const target = e.target as Element;
  if (e.key === 'Enter') activate(target);
  else if (e.key === 'f' || e.key === 'F') toggleFailure(target.closest<SVGGElement>('[data-id]')?.dataset.id);
  else if (e.key === '0' && layout) viewport.fit(layout.width, layout.height);
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
    case 'diagram': return showDiagram(m.uri, m.model);
    case 'notice': return controls.setNotice(m.text);
    case 'simulation': if (m.requestId === simRequest) showSimulation(m.result); return;
    case 'simulationError': if (m.requestId === simRequest) controls.setNotice(`Simulation failed: ${m.error}`); return;
    case 'cursor': return highlightAt(m.position);
    case 'exported': return controls.setNotice(m.text);
  }
}

async function showDiagram(uri: string, next: DiagramModel): Promise<void> {
  const seq = ++renderSeq;
  const first = !layout || state.uri !== uri;
  if (state.uri !== uri) { failed = new Set(); save({ uri, failed: [] }); }
  const stage = document.getElementById('stage');
  const tall = !!stage && stage.clientHeight > stage.clientWidth * 1.2;
  const nextLayout = await layoutDiagram(next, tall ? 'DOWN' : 'RIGHT');
  if (seq !== renderSeq) return; // a newer version arrived while laying out
  model = next;
  layout = nextLayout;
  content.replaceChildren();
  overlayContent.replaceChildren();
  rendered = renderDiagram(next, nextLayout, content, svg('g', { class: 'dots' }, overlayContent));
  player.setView({ rendered, layout: nextLayout });
  controls.setNotice(null);
  traffic ??= { ...next.traffic };
  controls.setTraffic(traffic.qps, traffic.readShare);
  if (first && state.zoom !== undefined && state.pan) viewport.set({ k: state.zoom, ...state.pan });
  else if (first) viewport.fit(nextLayout.width, nextLayout.height);
  markFailures();
  if (state.selected) rendered.targets.get(state.selected)?.classList.add('selected');
  document.body.dataset.status = 'rendered';
  requestSimulation();
}

function requestSimulation(): void {
  if (!model || !traffic) return;
  const params: SimulationParams = { seed: 42, qps: traffic.qps, readShare: traffic.readShare, failed: [...failed].sort(), ticks: 50, tickMs: 100, sampleRate: 12 };
  post({ type: 'simulate', requestId: ++simRequest, params });
}

function showSimulation(result: SimulationResult): void {
  player.load(result);
  controls.clearReasons();
  document.body.dataset.status = 'simulated';
  if (!player.isPlaying && !document.body.dataset.autoplayDone) {
    document.body.dataset.autoplayDone = '1';
    player.play();
    controls.setPlaying(true);
  }
}

function showTick(tick: SimulationResult['ticks'][number], result: SimulationResult): void {
  controls.showSummary(result, tick.index);
  for (const [id, h] of rendered?.nodes ?? []) {
    const s = tick.nodes[id];
    if (!s) continue;
    const util = s.utilisation;
    h.load.textContent = `${Math.round(s.load)} rps${util ? ` · ${Math.round(util * 100)}%` : ''}${s.dropped ? ` · ✕${s.dropped}` : ''}`;
    h.bar.setAttribute('width', String(Math.min(1, util) * h.barWidth));
    h.bar.setAttribute('class', `bar${util > 1 ? ' over' : util > 0.8 ? ' hot' : ''}`);
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
  if (controls.failMode) { toggleFailure(id); return; }
  svgRoot.querySelectorAll('.selected').forEach((s) => s.classList.remove('selected'));
  el.classList.add('selected');
  save({ selected: id });
  const range: Range | undefined = model?.nodes.find((n) => n.id === id)?.nameRange ?? model?.groups.find((g) => g.id === id)?.nameRange;
  if (range) post({ type: 'reveal', nodeId: id, range });
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
    el.classList.toggle('failed', !!own && failed.has(own));
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
  const text = exportSvg(svgRoot, layout);
  post({ type: 'export', format, data: format === 'svg' ? text : await exportPng(text, layout) });
}

/** For tests and the benchmark: read-only hooks into the running preview. */
(window as unknown as { infraPreview: unknown }).infraPreview = { player, get failed() { return [...failed]; } };
