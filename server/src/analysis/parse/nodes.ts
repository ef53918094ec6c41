/** Walks over a `yaml` tree shared by the sliced parse and the incremental re-parse. */
import { isMap, isPair, isSeq, Node } from 'yaml';

/**
 * Moves a node and everything under it by `delta`, in place: each node has a range of its own
 * (the `yaml` library makes one per node), and a new range array for each would be as much
 * garbage; the tree moved is used nowhere else (a slice's or a window's fresh parse, or the
 * previous tree, not used once re-parsed). The sliced parse moves every node of the file once, the
 * re-parse every node after an edit on every keystroke, so this is a plain recursion, not a walk
 * with a callback.
 */
export function moveNode(n: unknown, delta: number): void {
  if (delta === 0 || !n || typeof n !== 'object') return;
  if (isPair(n)) {
    moveNode(n.key, delta);
    moveNode(n.value, delta);
    return;
  }
  const r = (n as Node).range;
  if (r) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  if (isMap(n) || isSeq(n)) for (const item of n.items) moveNode(item, delta);
}

/** Calls `f` on every node of a tree (pairs are walked through, not visited). */
export function walk(n: unknown, f: (node: Node) => void): void {
  if (!n || typeof n !== 'object') return;
  if (isPair(n)) {
    walk(n.key, f);
    walk(n.value, f);
    return;
  }
  f(n as Node);
  if (isMap(n) || isSeq(n)) for (const item of n.items) walk(item, f);
}
