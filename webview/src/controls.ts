/**
 * The toolbar (play / pause / step, speed, traffic, failure mode, fit,
 * export) and the summary panel (success rates, throughput, latency, the
 * static check's verdict, failovers, failure reasons). Plain DOM; every
 * design string is set as text.
 */
import type { SimulationResult, UnitId } from '../../common/webviewProtocol';
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
  private trafficTimer = 0;
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
    this.button(toolbar, 'Fit', 'Fit the diagram to the panel (0)', () => on.fit());
    this.button(toolbar, 'SVG', 'Export the diagram as SVG', () => on.exportAs('svg')).id = 'export-svg';
    this.button(toolbar, 'PNG', 'Export the diagram as PNG', () => on.exportAs('png')).id = 'export-png';
    this.button(toolbar, 'Export as…', 'Export the diagram as Mermaid, Graphviz DOT, D2, draw.io or SVG', () => on.exportOther()).id = 'export-as';
    this.summary = html('div', { id: 'summary', 'aria-live': 'polite' }, panel);
    this.failedList = html('div', { id: 'failed' }, panel);
    html('h3', {}, panel, 'Failed requests');
    this.log = html('ol', { id: 'reasons' }, panel);
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

  setPlaying(playing: boolean): void { this.play.textContent = playing ? '⏸ Pause' : '▶ Play'; }

  setTraffic(qps: number, readShare: number): void {
    this.qps.value = String(qps);
    this.reads.value = String(readShare);
    this.readsOut.value = pct(readShare);
  }

  setNotice(text: string | null): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = !text;
  }

  setFailed(failed: readonly UnitId[]): void {
    this.failedList.textContent = failed.length ? `Failed: ${failed.join(', ')}` : 'Nothing failed. Turn on “Break things” and click a component, server or zone.';
  }

  showSummary(r: SimulationResult, tick: number): void {
    const s = r.summary;
    const rows: [string, string, string?][] = [
      ['Reads OK', pct(s.read.successRate), s.read.successRate === 0 && s.read.sent ? 'bad' : s.read.successRate < 1 ? 'warn' : 'good'],
      ['Writes OK', pct(s.write.successRate), s.write.successRate === 0 && s.write.sent ? 'bad' : s.write.successRate < 1 ? 'warn' : 'good'],
      ['Throughput', `${s.throughput} req/s`],
      ['Latency p50 / p95', `${s.p50} / ${s.p95} ms`],
      ['Static check', s.expected.map((e) => `${e.service}: reads ${e.read ? 'served' : 'FAIL'}, writes ${e.write ? 'served' : 'FAIL'}`).join('; ') || 'no service'],
      ['Tick', `${tick + 1} / ${r.ticks.length}`],
    ];
    this.summary.replaceChildren();
    const dl = html('dl', {}, this.summary);
    for (const [k, v, cls] of rows) {
      html('dt', {}, dl, k);
      html('dd', { class: cls ?? '', 'data-metric': k }, dl, v);
    }
    for (const p of s.promoted) html('p', { class: 'promoted' }, this.summary, `Failover: ${p}`);
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
