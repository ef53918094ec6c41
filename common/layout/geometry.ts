/** Points along a routed edge: where the preview and the SVG export put locks, labels and dots. */
import type { Point } from './layout';

export function midpoint(pts: readonly Point[]): Point {
  const total = polylineLength(pts);
  return pointAt(pts, total / 2);
}

export function polylineLength(pts: readonly Point[]): number {
  let len = 0;
  for (let i = 1; i < pts.length; i++) len += Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y);
  return len;
}

/** The point at `dist` along a polyline. */
export function pointAt(pts: readonly Point[], dist: number): Point {
  let left = dist;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= seg && seg > 0) return { x: a.x + ((b.x - a.x) * left) / seg, y: a.y + ((b.y - a.y) * left) / seg };
    left -= seg;
  }
  return pts[pts.length - 1] ?? { x: 0, y: 0 };
}
