/**
 * Zoom and pan of the diagram: wheel zooms around the pointer, dragging the
 * background pans, and + / - / 0 and the arrow keys do the same from the
 * keyboard. The transform survives re-renders (it lives here, not in the SVG).
 */
export interface View { x: number; y: number; k: number }

/** Fit never shrinks below this (a bigger drawing is shown in part) nor enlarges above MAX_FIT. */
export const MIN_ZOOM = 0.1;
export const MAX_FIT = 2;
const MARGIN = 12;

/** The scale at which a width × height drawing fills a stage of the given size. */
export function fitScale(stage: { width: number; height: number }, width: number, height: number): number {
  const k = Math.min((stage.width - 2 * MARGIN) / Math.max(width, 1), (stage.height - 2 * MARGIN) / Math.max(height, 1));
  return Math.min(MAX_FIT, Math.max(MIN_ZOOM, k));
}

export class Viewport {
  view: View = { x: 0, y: 0, k: 1 };
  /** True while the view is the one `fit` chose (the user has not zoomed or panned since). */
  fitted = false;
  private drag: { x: number; y: number; vx: number; vy: number } | undefined;

  constructor(private readonly svgEl: SVGSVGElement, private readonly contents: readonly SVGGElement[], private readonly onChange: (v: View) => void) {
    svgEl.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    svgEl.addEventListener('pointerdown', (e) => this.down(e));
    svgEl.addEventListener('pointermove', (e) => this.move(e));
    svgEl.addEventListener('pointerup', () => { this.drag = undefined; });
    svgEl.addEventListener('keydown', (e) => this.key(e));
  }

  set(v: View): void {
    this.view = { ...v };
    for (const c of this.contents) c.setAttribute('transform', `translate(${v.x},${v.y}) scale(${v.k})`);
    this.onChange(this.view);
  }

  /** Fits a width × height drawing into the visible area, centred, enlarging up to MAX_FIT. */
  fit(width: number, height: number): void {
    const r = this.svgEl.getBoundingClientRect();
    const k = fitScale(r, width, height);
    this.set({ k, x: (r.width - width * k) / 2, y: Math.max(MARGIN, (r.height - height * k) / 2) });
    this.fitted = true;
  }

  zoomBy(factor: number, cx?: number, cy?: number): void {
    this.fitted = false;
    const r = this.svgEl.getBoundingClientRect();
    const px = cx ?? r.width / 2;
    const py = cy ?? r.height / 2;
    const k = Math.min(4, Math.max(MIN_ZOOM, this.view.k * factor));
    const f = k / this.view.k;
    this.set({ k, x: px - (px - this.view.x) * f, y: py - (py - this.view.y) * f });
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.svgEl.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }

  private down(e: PointerEvent): void {
    if ((e.target as Element).closest('.node, .group')) return;
    this.drag = { x: e.clientX, y: e.clientY, vx: this.view.x, vy: this.view.y };
    this.svgEl.setPointerCapture?.(e.pointerId);
  }

  private move(e: PointerEvent): void {
    if (!this.drag) return;
    this.fitted = false;
    this.set({ ...this.view, x: this.drag.vx + e.clientX - this.drag.x, y: this.drag.vy + e.clientY - this.drag.y });
  }

  private key(e: KeyboardEvent): void {
    const step = 40;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key === '+' || e.key === '=') this.zoomBy(1.2);
    else if (e.key === '-') this.zoomBy(1 / 1.2);
    else if (moves[e.key] && e.target === this.svgEl) this.pan(moves[e.key]!);
    else return;
    e.preventDefault();
  }

  private pan([dx, dy]: [number, number]): void {
    this.fitted = false;
    this.set({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }
}
