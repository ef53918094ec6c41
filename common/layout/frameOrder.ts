/**
 * Frames outermost first (a zone before its servers), so that inner frames
 * are drawn over outer ones. Depths are counted with a loop over a map of
 * the frames (not a recursive search of the list per frame: linear in the
 * number of frames, and a parent chain that loops cannot overflow the stack).
 */
import type { DiagramGroup } from '../webviewProtocol';

export function outermostFirst(groups: readonly DiagramGroup[]): DiagramGroup[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const depth = new Map<DiagramGroup, number>();
  for (const g of groups) {
    let d = 0;
    const seen = new Set<string>([g.id]);
    for (let p = byId.get(g.parent ?? ''); p && !seen.has(p.id); p = byId.get(p.parent ?? '')) {
      seen.add(p.id);
      d++;
    }
    depth.set(g, d);
  }
  return [...groups].sort((a, b) => depth.get(a)! - depth.get(b)!);
}
