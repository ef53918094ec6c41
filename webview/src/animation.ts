/**
 * Plays a simulation result: each tick shows its nodes' live load and
 * spawns its sampled requests as dots that travel hop by hop along the
 * edges (a DNS lookup first), green for reads, blue for writes, red where a
 * request fails. Frame work is proportional to the dots in flight; circles
 * are pooled so long runs allocate nothing per frame.
 */
import type { PackedResult, SampledRequest } from '../../common/webviewProtocol';

type Tick = PackedResult['ticks'][number];
import { svg, tooltip } from './dom';
import type { Layout, Point } from '../../common/layout/layout';
import { pointAt, polylineLength, Rendered } from './render';

/** Real milliseconds one simulation tick lasts at speed 1, and one hop. */
const TICK_MS = 700;
const HOP_MS = 260;

interface Dot {
  readonly req: SampledRequest;
  readonly born: number;
  readonly el: SVGCircleElement;
}

export class Player {
  private result: PackedResult | undefined;
  private tick = 0;
  private tickStarted = 0;
  private playing = false;
  private dots: Dot[] = [];
  private pool: SVGCircleElement[] = [];
  private frame = 0;
  speed = 1;
  /** Frames drawn since the last `resetFrames`, for the fps benchmark. */
  frames = 0;

  constructor(
    private view: { rendered: Rendered; layout: Layout },
    /** `at`: the tick's position in `result.ticks`. */
    private readonly onTick: (tick: Tick, result: PackedResult, at: number) => void,
    private readonly onFailure: (req: SampledRequest) => void,
  ) {}

  get isPlaying(): boolean { return this.playing; }
  get tickIndex(): number { return this.tick; }

  setView(view: { rendered: Rendered; layout: Layout }): void {
    for (const d of this.dots) d.el.remove();
    this.dots = [];
    this.pool = [];
    this.view = view;
  }

  /** A new result keeps the current position, so changing failures mid-run does not restart it. */
  load(result: PackedResult): void {
    // Dots of the previous result would still fail (or succeed) as it said: they go.
    for (const d of this.dots) this.retire(d);
    this.dots = [];
    this.result = result;
    if (this.tick >= result.ticks.length) this.tick = 0;
    this.show(performance.now());
  }

  play(): void { if (!this.playing) { this.playing = true; this.tickStarted = performance.now(); this.loop(); } }
  pause(): void { this.playing = false; }

  step(): void {
    this.advance(performance.now());
    if (!this.playing) this.loop();
  }

  private advance(now: number): void {
    if (!this.result) return;
    this.tick = (this.tick + 1) % this.result.ticks.length;
    this.show(now);
  }

  private show(now: number): void {
    const t = this.result?.ticks[this.tick];
    if (!t) return;
    this.tickStarted = now;
    this.onTick(t, this.result!, this.tick);
    for (const req of t.requests) this.spawn(req, now + (req.start / this.result!.params.tickMs) * (TICK_MS / this.speed));
  }

  private spawn(req: SampledRequest, born: number): void {
    const el = this.pool.pop() ?? svg('circle', { r: 4 });
    el.setAttribute('class', `dot ${req.cls}`);
    el.style.display = 'none';
    this.view.rendered.dots.appendChild(el);
    this.dots.push({ req, born, el });
  }

  private loop(): void {
    cancelAnimationFrame(this.frame);
    const frame = (now: number): void => {
      this.frames++;
      if (this.playing && now - this.tickStarted >= TICK_MS / this.speed) this.advance(now);
      this.draw(now);
      if (this.playing || this.dots.length) this.frame = requestAnimationFrame(frame);
    };
    this.frame = requestAnimationFrame(frame);
  }

  private draw(now: number): void {
    const hop = HOP_MS / this.speed;
    const keep: Dot[] = [];
    for (const d of this.dots) {
      const age = now - d.born;
      const hops = d.req.path.length - 1;
      if (age < 0) { keep.push(d); continue; }
      const lingering = d.req.ok ? 0 : 3 * hop;
      if (age > hops * hop + lingering) { this.retire(d); continue; }
      const i = Math.min(hops, Math.floor(age / hop) + 1);
      const p = this.position(d.req, i, Math.min(1, (age - (i - 1) * hop) / hop));
      if (!d.req.ok && age >= hops * hop && !d.el.classList.contains('failed')) this.fail(d);
      d.el.style.display = '';
      d.el.setAttribute('cx', p.x.toFixed(1));
      d.el.setAttribute('cy', p.y.toFixed(1));
      keep.push(d);
    }
    this.dots = keep;
  }

  private fail(d: Dot): void {
    d.el.classList.add('failed');
    tooltip(d.el, d.req.reason ?? 'failed');
    this.onFailure(d.req);
  }

  private retire(d: Dot): void {
    d.el.remove();
    d.el.textContent = '';
    if (this.pool.length < 400) this.pool.push(d.el);
  }

  /** Where a dot is on hop i (from its parent to path[i]) at fraction f. */
  private position(req: SampledRequest, i: number, f: number): Point {
    const from = req.path[req.parents[i] ?? i - 1]!;
    const to = req.path[i]!;
    const edge = this.view.layout.edges.get(`${from}->${to}`);
    if (edge) return pointAt(edge, f * polylineLength(edge));
    const a = centre(this.view.layout, from);
    const b = centre(this.view.layout, to);
    return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
  }
}

function centre(layout: Layout, id: string): Point {
  const b = layout.nodes.get(id);
  return b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : { x: 0, y: 0 };
}
