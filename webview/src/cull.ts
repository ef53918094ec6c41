/**
 * Draws only what can be seen. A card, frame or edge whose box lies wholly
 * outside the stage (plus half a stage on every side, so a pan shows no gap
 * before the next update) is `display: none`: Chromium then neither lays it
 * out, paints it nor layerizes it, which at 1,000 components in full detail
 * is most of an edit's frame. Everything stays in the DOM, in its order, with
 * its classes and handles, so the updates, marks and exports work on the
 * whole picture; only the browser skips what is off screen.
 */
import type { Layout, Point } from '../../common/layout/layout';
import type { View } from './viewport';

/** What a culled element covers, in layout units. */
interface Item { readonly el: SVGGElement; readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number; shown: boolean }

/** Marks drawn outside a card's or frame's box (findings, FAILED, NEW PRIMARY) reach this far, in layout units. */
const OVERHANG = 16;

export class Culler {
  private items = new Map<string, Item>();
  private view: View = { x: 0, y: 0, k: 1 };
  private stage = { width: 0, height: 0 };
  /** When false (an export), everything is shown. */
  private active = true;

  /** `shown`: an element that was culled and is drawn again (a card's load line is fitted then, see render.ts). */
  constructor(private readonly shown: (id: string, el: SVGGElement) => void) {}

  /** A new drawing: every frame, card and edge with its box. Culled at once for the current view. */
  setDrawing(targets: ReadonlyMap<string, SVGGElement>, edges: ReadonlyMap<string, SVGGElement>, layout: Layout): void {
    this.items = new Map();
    for (const [id, el] of targets) {
      const b = layout.nodes.get(id) ?? layout.groups.get(id);
      if (b) this.items.set(id, { el, x0: b.x - OVERHANG, y0: b.y - OVERHANG, x1: b.x + b.width + OVERHANG, y1: b.y + b.height + OVERHANG, shown: true });
    }
    for (const [id, el] of edges) {
      const pts = layout.edges.get(id);
      if (pts) this.items.set(id, { el, ...around(pts), shown: true });
    }
    this.update();
  }

  /** A card, frame or edge drawn again in place (an edit): the new element is culled as the old one was. */
  replaced(id: string, el: SVGGElement): void {
    const it = this.items.get(id);
    if (!it) return;
    this.items.set(id, { ...it, el, shown: true });
    if (!it.shown) this.hide(this.items.get(id)!);
  }

  setView(v: View): void { this.view = v; this.update(); }
  setStage(width: number, height: number): void { this.stage = { width, height }; this.update(); }

  /** Everything drawn (`false`, for an export), or culled again (`true`). */
  setActive(on: boolean): void { this.active = on; this.update(); }

  /** How many elements are culled now (for tests: data-culled on the page). */
  get culled(): number { let n = 0; for (const it of this.items.values()) if (!it.shown) n++; return n; }

  private update(): void {
    const { x, y, k } = this.view;
    const { width, height } = this.stage;
    // Before the stage has a size nothing is culled (it would all be).
    const all = !this.active || width <= 0 || height <= 0;
    const mx = width / 2;
    const my = height / 2;
    const [x0, x1, y0, y1] = [(-mx - x) / k, (width + mx - x) / k, (-my - y) / k, (height + my - y) / k];
    for (const [id, it] of this.items) {
      const visible = all || (it.x1 >= x0 && it.x0 <= x1 && it.y1 >= y0 && it.y0 <= y1);
      if (visible === it.shown) continue;
      if (visible) { it.shown = true; it.el.style.removeProperty('display'); this.shown(id, it.el); } else this.hide(it);
    }
  }

  private hide(it: Item): void {
    it.shown = false;
    // CSSOM, not a style attribute: the strict CSP refuses inline style attributes.
    it.el.style.display = 'none';
  }
}

/** An edge's box: its points, with room for the lock or "plain HTTP" at its midpoint and the arrowhead. */
function around(pts: readonly Point[]): { x0: number; y0: number; x1: number; y1: number } {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of pts) { x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y); }
  const room = 40;
  return { x0: x0 - room, y0: y0 - room, x1: x1 + room, y1: y1 + room };
}
