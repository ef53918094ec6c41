/**
 * Finds the YAML node under an offset: the key path from the root, whether
 * the offset is on a key or a value, and the scalar there. Used by hover and
 * navigation, where the document has usually parsed.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Scalar } from 'yaml';
import type { Span } from '../model/types';

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

export function nodeAt(doc: Document, offset: number): NodeAt | undefined {
  const path: string[] = [];
  let node = doc.contents as Node | null;
  let inSeq = false;
  for (let depth = 0; node && depth < 64; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (within(p.key as Node, offset) || within(p.value as Node, offset)));
      if (!pair) return undefined;
      const key = pair.key as Node | null;
      const keyText = isScalar(key) ? String((key as Scalar).value) : '';
      if (within(key, offset)) return { path: [...path, keyText], on: 'key', text: keyText, span: { start: key!.range![0], end: key!.range![1] }, inSeq: false };
      path.push(keyText);
      node = pair.value as Node | null;
      inSeq = false;
    } else if (isSeq(node)) {
      const item = node.items.find((i) => within(i as Node, offset)) as Node | undefined;
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
