/**
 * The deploy control and its timeline: "Deploy (rolling)" (or, with the
 * blue-green option, "Deploy (blue-green)") asks the server for a deploy of
 * every tier; the answer is drawn as success rate and p95 latency over the
 * steps, each step a band coloured by its mark (downtime, overload, errors),
 * and listed in words. Renders only what the server computed; every design
 * string is set as text.
 */
import type { DeployMark, DeployMode, DeployTimeline } from '../../common/webviewProtocol';
import { html, svg, tooltip } from './dom';

const W = 230, H = 90, PAD = 4;
const pct = (x: number): string => `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 1)}%`;
const MARK_TEXT: Readonly<Record<DeployMark, string>> = { ok: 'ok', errors: 'errors', downtime: 'DOWNTIME', overload: 'OVERLOAD' };

export class DeployView {
  private readonly button: HTMLButtonElement;
  private readonly blueGreen: HTMLInputElement;
  private readonly section: HTMLElement;
  private readonly chart: SVGSVGElement;
  private readonly verdict: HTMLElement;
  private readonly list: HTMLOListElement;

  constructor(toolbar: HTMLElement, panel: HTMLElement, onDeploy: (mode: DeployMode) => void) {
    this.button = html('button', { type: 'button', id: 'deploy', title: 'Deploy every tier, one instance at a time, and show what users see meanwhile' }, toolbar, 'Deploy (rolling)');
    this.button.addEventListener('click', () => onDeploy(this.mode));
    const option = html('label', { class: 'blue-green', title: 'Blue-green: a second copy of each tier runs while the traffic switches to it' }, toolbar);
    this.blueGreen = html('input', { type: 'checkbox', id: 'blue-green' }, option);
    option.append(' blue-green');
    this.blueGreen.addEventListener('change', () => { this.button.textContent = `Deploy (${this.mode})`; });
    this.section = html('section', { id: 'deploy-timeline', hidden: 'hidden', 'aria-live': 'polite' }, panel);
    html('h3', {}, this.section, 'Deploy');
    this.verdict = html('p', { class: 'deploy-verdict' }, this.section);
    this.chart = svg('svg', { width: W, height: H + 14, viewBox: `0 0 ${W} ${H + 14}`, role: 'img', 'aria-label': 'Success rate and latency during the deploy' }, this.section);
    this.list = html('ol', { id: 'deploy-steps' }, this.section);
  }

  get mode(): DeployMode { return this.blueGreen.checked ? 'blue-green' : 'rolling'; }

  hide(): void { this.section.hidden = true; }

  show(t: DeployTimeline): void {
    this.section.hidden = false;
    this.section.dataset.mode = t.mode;
    const bad = t.tiers.filter((x) => x.mark === 'downtime' || x.mark === 'overload');
    this.verdict.textContent = bad.length
      ? `${t.mode === 'rolling' ? 'Rolling' : 'Blue-green'} deploy: ${bad.map((x) => `${x.name} ${x.mark}`).join(', ')}.`
      : `${t.mode === 'rolling' ? 'Rolling' : 'Blue-green'} deploy: no downtime, no overload.`;
    this.verdict.className = `deploy-verdict ${bad.length ? 'bad' : 'good'}`;
    this.drawChart(t);
    this.list.replaceChildren();
    for (const s of t.steps) {
      const li = html('li', { 'data-mark': s.mark }, this.list);
      html('span', { class: 'step-label' }, li, s.label);
      html('span', { class: 'step-figures' }, li, ` ${pct(s.success)} ok, p95 ${s.p95} ms`);
      if (s.mark !== 'ok') html('span', { class: 'step-why' }, li, ` ${MARK_TEXT[s.mark]}: ${s.why}`);
    }
  }

  /** Success rate (solid) and p95 latency (dashed, scaled to its largest value) over the steps, on bands coloured by mark. */
  private drawChart(t: DeployTimeline): void {
    this.chart.replaceChildren();
    const n = t.steps.length;
    const bw = (W - 2 * PAD) / Math.max(1, n);
    const x = (i: number): number => PAD + bw * (i + 0.5);
    const maxP95 = Math.max(1, ...t.steps.map((s) => s.p95));
    t.steps.forEach((s, i) => {
      const band = svg('rect', { class: `band mark-${s.mark}`, x: PAD + bw * i, y: 0, width: Math.max(1, bw - 1), height: H }, this.chart);
      tooltip(band, `${s.label}: ${pct(s.success)} ok, p95 ${s.p95} ms${s.mark === 'ok' ? '' : ` (${s.mark}: ${s.why})`}`);
    });
    const line = (cls: string, y: (i: number) => number): void => {
      svg('polyline', { class: cls, points: t.steps.map((_, i) => `${x(i).toFixed(1)},${y(i).toFixed(1)}`).join(' ') }, this.chart);
    };
    line('success-line', (i) => PAD + (1 - t.steps[i]!.success) * (H - 2 * PAD));
    line('latency-line', (i) => H - PAD - (t.steps[i]!.p95 / maxP95) * (H - 2 * PAD));
    svg('text', { class: 'axis', x: PAD, y: H + 11 }, this.chart, `— success   - - p95 (max ${maxP95} ms)`);
  }
}
