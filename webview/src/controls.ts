/**
 * The toolbar (play / pause / step, speed, traffic, failure mode, fit,
 * export) and the summary panel (success rates, throughput, latency, the
 * static check's verdict, failovers, failure reasons). Plain DOM; every
 * design string is set as text.
 */
import type { SimulationSummary, UnitId } from '../../common/webviewProtocol';

/** What the summary shows of a run: its figures and how many ticks it has. */
type Run = { readonly summary: SimulationSummary; readonly ticks: readonly unknown[] };
import { html } from './dom';

export interface ControlEvents {
  playPause(): void;
  step(): void;
  speed(x: number): void;
  traffic(qps: number, readShare: number): void;
  failMode(on: boolean): void;
  restoreAll(): void;
  fit(): void;
  exportAs(format: 'svg' | 'png'): void;
  /** Mermaid, DOT, D2, draw.io: asks the extension, which asks the server. */
  exportOther(): void;
  /** Between the overview of a large design and its full detail. */
  toggleDetail(): void;
}

/** `component:mysql` → `mysql`, `server:server-1` → `server server-1`, `zone:eu-1a` → `zone eu-1a`. */
export function unitName(unit: UnitId): string {
  const [kind, ...rest] = unit.split(':');
  const name = rest.join(':');
  return kind === 'component' ? name : `${kind} ${name}`;
}

const pct = (x: number): string => `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 1)}%`;

export class Controls {
  private readonly play: HTMLButtonElement;
  private readonly qps: HTMLInputElement;
  private readonly reads: HTMLInputElement;
  private readonly readsOut: HTMLOutputElement;
  private readonly failToggle: HTMLInputElement;
  private readonly summary: HTMLElement;
  private readonly failedList: HTMLElement;
  private readonly log: HTMLOListElement;
  private readonly notice: HTMLElement;
  private readonly detail: HTMLButtonElement;
  private trafficTimer = 0;
  private noticeTimer = 0;
  private readonly reasons = new Map<string, { li: HTMLLIElement; count: number }>();

  constructor(toolbar: HTMLElement, panel: HTMLElement, notice: HTMLElement, private readonly on: ControlEvents) {
    this.notice = notice;
    this.play = this.button(toolbar, '▶ Play', 'Play or pause the simulation (Space)', () => on.playPause());
    this.play.id = 'play';
    this.button(toolbar, '⏭ Step', 'Advance one tick', () => on.step()).id = 'step';
    const speed = html('select', { title: 'Animation speed', 'aria-label': 'Animation speed', id: 'speed' }, toolbar);
    for (const s of [0.25, 0.5, 1, 2, 4]) html('option', { value: s, ...(s === 1 ? { selected: 'selected' } : {}) }, speed, `${s}×`);
    speed.addEventListener('change', () => on.speed(Number(speed.value)));
    const traffic = html('span', { class: 'traffic' }, toolbar);
    html('label', { for: 'qps' }, traffic, 'qps');
    this.qps = html('input', { id: 'qps', type: 'number', min: 0, max: 20000, step: 10, title: 'Requests per second from users' }, traffic);
    html('label', { for: 'reads' }, traffic, 'reads');
    this.reads = html('input', { id: 'reads', type: 'range', min: 0, max: 1, step: 0.05, title: 'Share of requests that only read' }, traffic);
    this.readsOut = html('output', { for: 'reads' }, traffic);
    for (const input of [this.qps, this.reads]) input.addEventListener('input', () => this.trafficChanged());
    const mode = html('label', { class: 'fail-mode', title: 'When on, clicking a component, server or zone fails or restores it (F on a focused item does the same)' }, toolbar);
    this.failToggle = html('input', { type: 'checkbox', id: 'fail-mode' }, mode);
    mode.append(' Break things');
    this.failToggle.addEventListener('change', () => on.failMode(this.failToggle.checked));
    this.button(toolbar, 'Restore all', 'Restore every failed unit', () => on.restoreAll()).id = 'restore';
    this.button(toolbar, 'Fit', 'Fit the diagram to the panel (0)', () => on.fit()).id = 'fit';
    this.detail = this.button(toolbar, 'Full detail', 'Show every component, server and zone (the overview shows one card per tier)', () => on.toggleDetail());
    this.detail.id = 'detail';
    this.detail.hidden = true;
    this.button(toolbar, 'SVG', 'Export the diagram as SVG', () => on.exportAs('svg')).id = 'export-svg';
    this.button(toolbar, 'PNG', 'Export the diagram as PNG', () => on.exportAs('png')).id = 'export-png';
    this.button(toolbar, 'Export as…', 'Export the diagram as Mermaid, Graphviz DOT, D2, draw.io or SVG', () => on.exportOther()).id = 'export-as';
    this.summary = html('div', { id: 'summary', 'aria-live': 'polite' }, panel);
    this.failedList = html('div', { id: 'failed' }, panel);
    html('h3', {}, panel, 'Failed requests');
    this.log = html('ol', { id: 'reasons' }, panel);
    legend(panel);
  }

  private button(parent: HTMLElement, text: string, title: string, click: () => void): HTMLButtonElement {
    const b = html('button', { type: 'button', title }, parent, text);
    b.addEventListener('click', click);
    return b;
  }

  private trafficChanged(): void {
    this.readsOut.value = pct(Number(this.reads.value));
    clearTimeout(this.trafficTimer);
    this.trafficTimer = window.setTimeout(() => this.on.traffic(Math.max(0, Number(this.qps.value) || 0), Number(this.reads.value)), 250);
  }

  get failMode(): boolean { return this.failToggle.checked; }

  /** The overview/detail button: shown only for designs that have an overview. */
  setDetail(available: boolean, detail: boolean): void {
    this.detail.hidden = !available;
    this.detail.textContent = detail ? 'Overview' : 'Full detail';
    this.detail.setAttribute('aria-pressed', String(detail));
  }

  setPlaying(playing: boolean): void { this.play.textContent = playing ? '⏸ Pause' : '▶ Play'; }

  setTraffic(qps: number, readShare: number): void {
    this.qps.value = String(qps);
    this.reads.value = String(readShare);
    this.readsOut.value = pct(readShare);
  }

  /** A notice; a transient one (a saved export) goes away by itself. */
  setNotice(text: string | null, transient = false): void {
    clearTimeout(this.noticeTimer);
    this.notice.textContent = text ?? '';
    this.notice.hidden = !text;
    if (text && transient) this.noticeTimer = window.setTimeout(() => this.setNotice(null), 4000);
  }

  setFailed(failed: readonly UnitId[]): void {
    this.failedList.textContent = failed.length ? `Failed: ${failed.map(unitName).join(', ')}` : 'Nothing failed. Turn on “Break things” and click a component, server or zone.';
  }

  showSummary(r: Run, tick: number): void {
    const s = r.summary;
    const rows: [string, string, string?][] = [
      ['Reads OK', pct(s.read.successRate), s.read.successRate === 0 && s.read.sent ? 'bad' : s.read.successRate < 1 ? 'warn' : 'good'],
      ['Writes OK', pct(s.write.successRate), s.write.successRate === 0 && s.write.sent ? 'bad' : s.write.successRate < 1 ? 'warn' : 'good'],
      ['Throughput', `${s.throughput} req/s`],
      ['Latency p50 / p95', `${s.p50} / ${s.p95} ms`],
      ['Static check', staticVerdict(s.expected, failedShares(r))],
      ['Tick', `${tick + 1} / ${r.ticks.length}`],
    ];
    this.summary.replaceChildren();
    const dl = html('dl', {}, this.summary);
    for (const [k, v, cls] of rows) {
      html('dt', {}, dl, k);
      html('dd', { class: cls ?? '', 'data-metric': k }, dl, v);
    }
    for (const p of s.promoted) html('p', { class: 'promoted' }, this.summary, `Failover: ${p}`);
    const why = disagreement(r);
    if (why) html('p', { class: 'explain', id: 'explain' }, this.summary, why);
  }

  /** Recent failure reasons, newest first; a repeated reason is counted rather than listed again. */
  addReason(reason: string): void {
    let entry = this.reasons.get(reason);
    if (!entry) {
      entry = { li: html('li', {}), count: 0 };
      this.reasons.set(reason, entry);
    }
    entry.count++;
    entry.li.textContent = entry.count > 1 ? `${reason} (×${entry.count})` : reason;
    this.log.prepend(entry.li);
    while (this.log.children.length > 6) {
      const last = this.log.lastElementChild!;
      for (const [k, v] of this.reasons) if (v.li === last) this.reasons.delete(k);
      last.remove();
    }
  }

  clearReasons(): void { this.log.replaceChildren(); this.reasons.clear(); }
}

/**
 * The static verdict, one line when every service agrees. It answers "can some
 * path serve it?", so where simulated requests of a class the check calls
 * servable failed, the same line says how many (the why follows below).
 */
function staticVerdict(expected: SimulationSummary['expected'], failed: readonly string[]): string {
  if (!expected.length) return 'no service';
  const can = (ok: boolean): string => (ok ? 'can be served' : 'FAIL');
  const line = (e: { read: boolean; write: boolean }): string => `reads ${can(e.read)}, writes ${can(e.write)}`;
  const lines = new Set(expected.map(line));
  const verdict = lines.size === 1 && expected.length > 3 ? `all ${expected.length} services: ${line(expected[0]!)}` : expected.map((e) => `${e.service}: ${line(e)}`).join('; ');
  return failed.length ? `${verdict}; yet ${failed.join(' and ')} failed in the simulation (why: below)` : verdict;
}

/** "42.9% of writes" for each class the static check calls servable but some simulated requests of which failed. */
function failedShares(r: Run): string[] {
  const s = r.summary;
  const parts: string[] = [];
  for (const [cls, sum, served] of [['reads', s.read, s.expected.every((e) => e.read)], ['writes', s.write, s.expected.every((e) => e.write)]] as const) {
    if (served && sum.sent && sum.successRate < 1) parts.push(`${pct(1 - sum.successRate)} of ${cls}`);
  }
  return parts;
}

/**
 * Where the static check says a class is served but some simulated requests
 * of that class failed, say why in plain words (the two answer different questions).
 */
export function disagreement(r: Run): string | undefined {
  const parts = failedShares(r);
  if (!parts.length) return undefined;
  const top = r.summary.reasons[0]?.reason;
  return `Why the two differ: the static check asks whether some path can still serve each request; the simulation sends every request down one path, as the load balancer picks it, so ${parts.join(' and ')} took a path that could not serve them${top ? ` (most often: ${top})` : ''}.`;
}

const LEGEND: readonly [string, string][] = [
  ['dot read', 'a read request on its way (green), a write (blue), one that failed (red)'],
  ['line encrypted', 'solid green line with a lock: an encrypted hop'],
  ['line plain', 'dashed grey line: plain HTTP'],
  ['line terminated', 'thick orange dashed “plain HTTP”: the hop behind TLS termination'],
  ['line lookup', 'dotted: a DNS lookup; blue dotted: replication to a replica'],
  ['text FW MON', 'FW / MON: firewall and monitoring agent on the machine; struck through: missing'],
  ['text ①', 'numbered circle: findings on it, coloured by the worst (red error, orange warning, blue info)'],
  ['text ×N', '×N and stacked cards: N instances, or in the overview N components of one tier'],
  ['text FAILED', 'red dashed border and FAILED: you broke it; faded: down because its server or zone is'],
  ['text rps', 'rps: requests per second the design is offered at this qps, the figure of the editor\'s inlay hints; with something broken, the simulation\'s average over the run. %: busy share, also the bar (orange > 80 %, red > 100 %); ✕N: requests it dropped'],
];

/** What the symbols mean, folded under the summary. */
function legend(panel: HTMLElement): void {
  const d = html('details', { id: 'legend' }, panel);
  html('summary', {}, d, 'Legend');
  const ul = html('ul', {}, d);
  for (const [sample, text] of LEGEND) {
    const li = html('li', {}, ul);
    const [kind, ...label] = sample.split(' ');
    html('span', { class: `sample ${kind}-${label[0] ?? ''}` }, li, kind === 'text' ? label.join(' ') : kind === 'dot' ? '●' : '──');
    li.append(` ${text}`);
  }
}
