/**
 * Minimal text edits on a design: set a key, add a list item, add a map
 * entry, remove a pair. Each edit touches only the bytes it must, in the
 * file's own style (block or flow, its indentation), so that comments,
 * blank lines, key order and quoting elsewhere stay byte-identical.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { lineStartOf } from '../lines';
import type { Span } from '../model/types';

export interface TextEditData {
  readonly span: Span;
  readonly text: string;
}

/** Applies non-overlapping edits; edits at the same offset keep their order. */
export function applyEdits(text: string, edits: readonly TextEditData[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => x.e.span.start - y.e.span.start || x.i - y.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.span.start < at) continue; // overlapping: keep the first
    out += text.slice(at, e.span.start) + e.text;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** Renders a scalar in plain style when YAML allows it, else double-quoted. */
export function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  const plain = /^[A-Za-z0-9_./@][^#:]*$/.test(v) && !/\s$/.test(v) && !/^(true|false|null|~|yes|no|on|off)$/i.test(v) && !/^[-+]?(\d[\d_]*\.?\d*|\.\d+)([eE][-+]?\d+)?$|^0[xo][0-9a-f]+$|^\.(inf|nan)$/i.test(v) && !/[\[\]{},]/.test(v);
  return plain || /^\d+ \S/.test(v) ? v : JSON.stringify(v);
}

export function flowList(items: readonly string[]): string {
  return `[${items.map(scalar).join(', ')}]`;
}

export class DesignEditor {
  readonly unit: number;

  constructor(private readonly doc: Document, readonly text: string) {
    this.unit = detectIndentUnit(text);
  }

  /** The mapping (or alias) at a key path from the root. */
  nodeAt(path: readonly string[]): Node | null | undefined {
    let node = this.doc.contents as Node | null;
    for (const key of path) {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String((p.key as Scalar).value) === key);
      if (!pair) return undefined;
      node = pair.value as Node | null;
    }
    return node;
  }

  private pairAt(path: readonly string[]): Pair | undefined {
    const parent = this.nodeAt(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    return parent.items.find((p) => isPair(p) && isScalar(p.key) && String((p.key as Scalar).value) === path[path.length - 1]) as Pair | undefined;
  }

  /** Column of a node's first character. */
  column(offset: number): number {
    return offset - lineStartOf(this.text, offset);
  }

  /** End of the line holding `offset` (before its newline). */
  lineEnd(offset: number): number {
    const n = this.text.indexOf('\n', offset);
    if (n < 0) return this.text.length;
    return n > offset && this.text[n - 1] === '\r' ? n - 1 : n; // before a CRLF, not inside it
  }

  /** `key: value` in the mapping at `path`: replaces the value, or adds the pair in the map's style. */
  setKey(path: readonly string[], key: string, value: string): TextEditData | undefined {
    const node = this.nodeAt(path);
    if (isAlias(node)) {
      const r = node.range!;
      return { span: { start: r[0], end: r[1] }, text: `{ <<: ${this.text.slice(r[0], r[1])}, ${key}: ${value} }` };
    }
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String((p.key as Scalar).value) === key);
    if (pair) {
      const v = pair.value as Node | null;
      if (v?.range && !(isScalar(v) && v.range[0] === v.range[1])) return { span: { start: v.range[0], end: v.range[1] }, text: value };
      const k = (pair.key as Node).range!;
      const colon = this.text.indexOf(':', k[1]);
      return { span: { start: colon + 1, end: colon + 1 }, text: ` ${value}` };
    }
    return this.addPair(node, `${key}: ${value}`);
  }

  /** Adds a pair (one or more lines, the first unindented) at the end of a mapping. */
  addPair(map: YAMLMap, entry: string): TextEditData | undefined {
    if (map.flow) {
      const close = this.text.lastIndexOf('}', map.range![1]);
      const empty = map.items.length === 0;
      const before = this.text.slice(0, close).trimEnd();
      const sep = empty ? ' ' : before.endsWith(',') ? ' ' : ', ';
      return { span: { start: before.length, end: close }, text: `${sep}${entry.replace(/\n\s*/g, ' ')} ` };
    }
    const first = map.items[0];
    const last = map.items[map.items.length - 1];
    if (!isPair(first) || !isPair(last)) return undefined;
    const indent = ' '.repeat(this.column((first.key as Node).range![0]));
    const end = this.lineEnd(pairEnd(last, this.text));
    return { span: { start: end, end }, text: '\n' + entry.split('\n').map((l) => indent + l).join('\n') };
  }

  /** Appends an item to the list (or single value) under `path`. */
  addItem(path: readonly string[], item: string): TextEditData | undefined {
    const pair = this.pairAt(path);
    const v = pair?.value as Node | null | undefined;
    if (!pair || !v?.range) return pair ? this.setKey(path.slice(0, -1), path[path.length - 1]!, flowList([item])) : undefined;
    if (isSeq(v)) return this.appendToSeq(v, item);
    if (isScalar(v)) return { span: { start: v.range[0], end: v.range[1] }, text: `[${this.text.slice(v.range[0], v.range[1])}, ${scalar(item)}]` };
    return undefined;
  }

  private appendToSeq(seq: YAMLSeq, item: string): TextEditData {
    if (seq.flow) {
      const close = this.text.lastIndexOf(']', seq.range![1]);
      const before = this.text.slice(0, close).trimEnd();
      // `[app-1,]`: the trailing comma already separates.
      const sep = !seq.items.length ? '' : before.endsWith(',') ? ' ' : ', ';
      return { span: { start: before.length, end: before.length }, text: `${sep}${scalar(item)}` };
    }
    const last = seq.items[seq.items.length - 1] as Node;
    const lastStart = last.range![0];
    const dash = this.text.lastIndexOf('-', lastStart);
    const indent = ' '.repeat(this.column(dash));
    const end = this.lineEnd(contentEnd(this.text, last.range![1]));
    return { span: { start: end, end }, text: `\n${indent}- ${scalar(item)}` };
  }

  /** Inserts a child entry (`name:` plus body lines indented one unit) after the child `after` of the map at `path`. */
  insertEntry(path: readonly string[], after: string | undefined, name: string, body: readonly string[], whole = false): TextEditData | undefined {
    const map = this.nodeAt(path);
    if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
    const anchor = (after !== undefined ? map.items.find((p) => isPair(p) && String((p.key as Scalar).value) === after) : undefined) ?? map.items[map.items.length - 1];
    const first = map.items[0] as Pair;
    const indent = ' '.repeat(this.column((first.key as Node).range![0]));
    const inner = indent + ' '.repeat(this.unit);
    const end = this.lineEnd(pairEnd(anchor as Pair, this.text));
    return { span: { start: end, end }, text: `\n${indent}${whole ? name : `${name}:`}` + body.map((l) => `\n${inner}${l}`).join('') };
  }

  /** The whole lines of a pair in a block mapping, for removal or replacement. */
  pairLines(path: readonly string[]): Span | undefined {
    const pair = this.pairAt(path);
    if (!pair) return undefined;
    const start = (pair.key as Node).range![0];
    const lineStart = lineStartOf(this.text, start);
    if (this.text.slice(lineStart, start).trim() !== '') return undefined;
    const end = this.lineEnd(pairEnd(pair, this.text));
    const eol = this.text.startsWith('\r\n', end) ? 2 : 1;
    return { start: lineStart, end: end < this.text.length ? end + eol : end };
  }

  /** Source text of a value on one line, e.g. to copy a firewall list as written. */
  source(span: Span): string {
    return this.text.slice(span.start, span.end).replace(/\n\s*/g, ' ');
  }
}

/** End of a pair's content. */
function pairEnd(p: Pair, text: string): number {
  const v = p.value as Node | null;
  return contentEnd(text, v?.range ? v.range[1] : (p.key as Node).range![1]);
}

/** Block collections' ranges run on to the next line: back up over the trailing whitespace. */
function contentEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}

/** The indentation step the file uses (2 when it cannot tell). */
export function detectIndentUnit(text: string): number {
  const counts = new Map<number, number>();
  let prev = 0;
  for (const line of text.split('\n', 400)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (indent > prev) counts.set(indent - prev, (counts.get(indent - prev) ?? 0) + 1);
    prev = indent;
  }
  let best = 2;
  let n = 0;
  for (const [d, c] of counts) if (c > n && d <= 8) { best = d; n = c; }
  return best;
}
