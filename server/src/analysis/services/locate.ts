/**
 * Finds the YAML node under an offset: the key path from the root, whether
 * the offset is on a key or a value, and the scalar there. Used by hover and
 * navigation, where the document has usually parsed.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar } from 'yaml';
import { lineStartOf } from '../lines';
import type { Span } from '../model/types';
import type { ParsedYaml } from '../parse/yamlDocument';
import type { SkipUp } from './cursor';

export interface NodeAt {
  /** Keys from the root; for a key hit, ends with that key. */
  readonly path: readonly string[];
  readonly on: 'key' | 'value';
  /** The scalar's text. */
  readonly text: string;
  readonly span: Span;
  /** The value is an item of a sequence. */
  readonly inSeq: boolean;
}

const within = (n: Node | null | undefined, offset: number): boolean => !!n?.range && n.range[0] <= offset && offset <= n.range[1];

/** Where an item's own text ends (a pair's: its value's, else its key's); `undefined` without a range. */
function endOf(item: unknown): number | undefined {
  if (isPair(item)) return (item.value as Node | null)?.range?.[1] ?? (item.key as Node | null)?.range?.[1];
  return (item as Node | null)?.range?.[1];
}

/**
 * The first index whose item's position (`at`) is at or after `target`, by bisection: the items
 * of a map or a sequence are in source order, so their positions rise. `-1` when an item probed
 * has no position (the caller falls back).
 */
function firstAtOrAfter<T>(items: readonly T[], target: number, at: (item: T) => number | undefined): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const pos = at(items[mid]!);
    if (pos === undefined) return -1;
    if (pos < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first item that holds the offset, as `items.find(holds)` would find it, by bisection on
 * where the items end: the ones that end before the offset come first. A map of 10,000 components
 * made a hover scan them all (3 ms a hover at 10k). An item without a range falls back to the scan.
 */
function firstHolding<T>(items: readonly T[], offset: number, holds: (item: T) => boolean): T | undefined {
  const lo = firstAtOrAfter(items, offset, endOf);
  if (lo < 0) return items.find(holds);
  // Every item from there on ends at or after the offset, and the next one starts where this one
  // ends at the earliest: only the first (or, at a shared boundary, the second) can hold it.
  for (let i = lo; i < items.length && i <= lo + 1; i++) if (holds(items[i]!)) return items[i];
  return undefined;
}

export function nodeAt(doc: Document, offset: number): NodeAt | undefined {
  const path: string[] = [];
  let node = doc.contents as Node | null;
  let inSeq = false;
  for (let depth = 0; node && depth < 64; depth++) {
    if (isMap(node)) {
      const pair = firstHolding(node.items, offset, (p) => isPair(p) && (within(p.key as Node, offset) || within(p.value as Node, offset)));
      if (!pair) return undefined;
      const key = pair.key as Node | null;
      const keyText = isScalar(key) ? String((key as Scalar).value) : '';
      if (within(key, offset)) return { path: [...path, keyText], on: 'key', text: keyText, span: { start: key!.range![0], end: key!.range![1] }, inSeq: false };
      path.push(keyText);
      node = pair.value as Node | null;
      inSeq = false;
    } else if (isSeq(node)) {
      const item = firstHolding(node.items, offset, (i) => within(i as Node, offset)) as Node | undefined;
      if (!item) return undefined;
      node = item;
      inSeq = true;
    } else if (isScalar(node) || isAlias(node)) {
      const text = isScalar(node) ? String((node as Scalar).value) : `*${node.source}`;
      return { path, on: 'value', text, span: { start: node.range![0], end: node.range![1] }, inSeq };
    } else return undefined;
  }
  return undefined;
}

/** Where a pair's key starts; `undefined` without a range. */
const keyStartOf = (pair: Pair | undefined): number | undefined => (pair?.key as Node | null)?.range?.[0];

/**
 * The scan-up shortcut of a plain parse (one document, no errors, a block map at the root): a line
 * inside a top-level entry whose value is a block map indented `inner` columns lies under that
 * entry's key, and every line between them that is not blank or a comment is indented `inner`
 * columns or more (a line indented less would have ended the map or been an error). So a scan
 * looking for a line indented less than `limit ≤ inner` may go straight to the entry's key line.
 */
export function skipUpOf(parsed: ParsedYaml): SkipUp | undefined {
  const root = parsed.doc.contents;
  if (!parsed.plain || !isMap(root) || root.flow) return undefined;
  const text = parsed.text;
  const items = root.items;
  const keyStart = (i: number): number | undefined => keyStartOf(items[i]);
  return (lineStart, limit) => {
    // The last top-level entry whose key starts before the line.
    const lo = firstAtOrAfter(items, lineStart, keyStartOf);
    if (lo < 0) return undefined;
    const entry = items[lo - 1];
    const value = entry?.value;
    const first = isMap(value) && !value.flow ? keyStartOf(value.items[0] as Pair | undefined) : undefined;
    const key = keyStart(lo - 1);
    // The line must lie in the value's block: after its first key, before the next entry's key line.
    const next = keyStart(lo);
    if (first === undefined || key === undefined || first > lineStart || (next !== undefined && lineStart >= lineStartOf(text, next))) return undefined;
    const keyLine = lineStartOf(text, key);
    // The block's indentation: the spaces its first line starts with (a `? ` before an explicit key is not).
    const firstLine = lineStartOf(text, first);
    let inner = firstLine;
    while (text[inner] === ' ') inner++;
    return inner - firstLine >= limit && keyLine < lineStart ? keyLine : undefined;
  };
}
